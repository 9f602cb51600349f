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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets, bound only to the connection file's transport and address, with
 * every shell and control message's HMAC signature verified (see {@link VerifyingShellChannel}).
 *
 * <p>Shutting down ends promptly. basekernel closed every socket from the thread that handled
 * {@code shutdown_request}, while the other loops were still polling theirs, and then called
 * ZeroMQ's terminate, which waits for every socket to close: in 4 of 23 tries it waited forever.
 * Here a shutdown request only wakes {@link #waitUntilClose()}; each loop thread closes its own
 * socket; sockets linger at most {@link #LINGER_MS} (so the shutdown reply still leaves); and
 * terminate gets a bounded time, after which the process exits anyway.
 */
public final class KernelConnection extends JupyterConnection {

    /** How long a closed socket may still send what it queued (the shutdown reply, the last status). */
    static final int LINGER_MS = 500;
    /** How long closing waits for the loops and for ZeroMQ's terminate before giving up. */
    private static final long CLOSE_WAIT_MS = 2000;
    private static final Logger LOG = Logger.getLogger(KernelConnection.class.getName());

    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final VerifyingShellChannel verifiedShell;
    private final VerifyingShellChannel verifiedControl;
    /** Bound in place of basekernel's IOPub socket: the same channel, with precise message dates. */
    private final IOPubChannel preciseIopub;
    private final HeartbeatEcho heartbeatEcho;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicBoolean closed = new AtomicBoolean();
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
        this.preciseIopub.setLinger(LINGER_MS);
        this.heartbeatEcho = new HeartbeatEcho(context, props.createHMACGenerator());
        stdin.setLinger(LINGER_MS);
    }

    @Override
    public synchronized void connect() {
        if (connected) {
            return;
        }
        heartbeatEcho.bind(props);
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

    /** A shell or control loop saw a shutdown request (or ended): wakes {@link #waitUntilClose()}. */
    void shutdownRequested() {
        stopRequested.countDown();
    }

    /**
     * Closes every socket and the ZeroMQ contexts within a few seconds: the loops are asked to
     * stop and close their own sockets; a loop still busy (a cell that ignores interrupts) is
     * left behind, and terminate, which would wait for it, runs on a daemon thread with a time
     * limit. Calling it again does nothing.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        verifiedShell.close();
        verifiedControl.close();
        heartbeatEcho.stop();
        long deadline = System.currentTimeMillis() + CLOSE_WAIT_MS;
        boolean stopped = verifiedShell.awaitStopped(Math.max(1, deadline - System.currentTimeMillis()))
                & verifiedControl.awaitStopped(Math.max(1, deadline - System.currentTimeMillis()))
                & heartbeatEcho.awaitStopped(Math.max(1, deadline - System.currentTimeMillis()));
        // The loops have ended, so no thread uses these sockets any more (the handlers ran on the loops).
        preciseIopub.close();
        Thread term = new Thread(() -> {
            super.close();       // basekernel's sockets (stdin; the unbound ones) and its context
            context.close();     // ours: shell, control, IOPub, heartbeat
        }, "zmq-terminate");
        term.setDaemon(true);
        term.start();
        try {
            term.join(stopped ? CLOSE_WAIT_MS : 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!stopped || term.isAlive()) {
            LOG.warning("The kernel's sockets did not all close within " + CLOSE_WAIT_MS / 1000
                    + " s (a cell may still be running); the kernel exits anyway.");
        }
    }

    /** Waits until a shutdown request (or the end of a shell or control loop), then closes. */
    @Override
    public void waitUntilClose() {
        try {
            stopRequested.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }
}
