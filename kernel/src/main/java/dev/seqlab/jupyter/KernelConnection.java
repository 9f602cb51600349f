package dev.seqlab.jupyter;

import io.github.spencerpark.jupyter.channels.IOPubChannel;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.channels.StdinChannel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageContext;
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
    /** Bound in place of basekernel's IOPub socket: the same channel, with precise message dates. */
    private final IOPubChannel preciseIopub;
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
        this.preciseIopub = new IOPubChannel(context, props.createHMACGenerator()) {
            @Override
            public synchronized void sendMessage(Message<?> message) {
                super.sendMessage(PreciseTimestamps.restamp(message));
            }
        };
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
        preciseIopub.bind(props);
        preciseIopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        connected = true;
    }

    @Override
    public IOPubChannel getIOPub() {
        return preciseIopub;
    }

    @Override
    public ShellReplyEnvironment prepareReplyEnv(ShellChannel shell, MessageContext context) {
        return new ReplyEnvironment(shell, stdin, preciseIopub, context);
    }

    /** basekernel's reply environment, publishing on the precise IOPub channel. */
    private static final class ReplyEnvironment extends ShellReplyEnvironment {
        ReplyEnvironment(ShellChannel shell, StdinChannel stdin, IOPubChannel iopub, MessageContext context) {
            super(shell, stdin, iopub, context);
        }
    }

    @Override
    public void close() {
        verifiedShell.close();
        verifiedControl.close();
        preciseIopub.close();
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
