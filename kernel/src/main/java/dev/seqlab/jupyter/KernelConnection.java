package dev.seqlab.jupyter;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets, bound only to the connection file's transport and address, with
 * every shell and control message's HMAC signature verified (see {@link VerifyingShellChannel}).
 */
public final class KernelConnection extends JupyterConnection {

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final VerifyingShellChannel verifiedShell;
    private final VerifyingShellChannel verifiedControl;
    private boolean connected;

    /**
     * Prepares the sockets (nothing is bound yet).
     *
     * @param props the parsed connection file
     * @throws NoSuchAlgorithmException when the signature scheme is unknown
     * @throws InvalidKeyException when the key is unusable
     */
    public KernelConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.props = props;
        this.verifiedShell = new VerifyingShellChannel(context, props.createHMACGenerator(), false, this);
        this.verifiedControl = new VerifyingShellChannel(context, props.createHMACGenerator(), true, this);
    }

    @Override
    public synchronized void connect() {
        if (connected) {
            return;
        }
        heartbeat.bind(props);
        verifiedShell.bind(props);
        verifiedControl.bind(props);
        stdin.bind(props);
        iopub.bind(props);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    @Override
    public void close() {
        verifiedShell.close();
        verifiedControl.close();
        super.close();
        context.close();
    }

    @Override
    public void waitUntilClose() {
        verifiedShell.waitUntilClose();
        verifiedControl.waitUntilClose();
        heartbeat.waitUntilClose();
    }
}
