package dev.seqlab.jupyter;

import io.github.spencerpark.jupyter.channels.Loop;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import io.github.spencerpark.jupyter.messages.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.zeromq.ZMQ;

/**
 * A shell or control channel that survives bad messages. basekernel 2.3.0's channel verifies the
 * HMAC signature but throws out of its poll loop on a mismatch, which ends the loop thread: one
 * badly signed message would deafen the kernel. This channel drops (and logs) any message whose
 * signature is wrong or missing, or that cannot be parsed, and keeps serving. It reads each
 * multipart message to its last frame before parsing it ({@link WireMessages}), so a malformed
 * message is dropped as one unit instead of eating into the next client's message. It also polls
 * with a timeout instead of sleeping 50 ms between polls, so replies leave at once, and dates
 * its replies to the millisecond ({@link PreciseTimestamps}).
 */
final class VerifyingShellChannel extends ShellChannel {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final boolean isControl;
    private final KernelConnection connection;
    private volatile Loop loop;

    VerifyingShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean isControl, KernelConnection connection) {
        super(context, hmac, isControl, connection);
        this.isControl = isControl;
        this.connection = connection;
        setLinger(KernelConnection.LINGER_MS);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public void bind(KernelConnectionProperties props) {
        if (loop != null) {
            throw new IllegalStateException("Channel already bound");
        }
        String name = (isControl ? "Control-" : "Shell-") + IDS.getAndIncrement();
        String addr = props.getTransport() + "://" + props.getIp() + ":"
                + (isControl ? props.getControlPort() : props.getShellPort());
        logger.log(Level.INFO, "Binding " + name + " to " + addr);
        super.bind(addr);
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        loop = new Loop(name, () -> {
            if (poller.poll(100) <= 0) {
                return 0;
            }
            Message message;
            try {
                message = readMessage();
            } catch (SecurityException e) {
                logger.warning(name + ": dropped a message with a missing or wrong HMAC signature.");
                return 0;
            } catch (WireMessages.MalformedMessageException e) {
                logger.warning(name + ": dropped a malformed message: " + e.getMessage() + ".");
                return 0;
            } catch (RuntimeException e) {
                logger.warning(name + ": dropped a message that could not be read: " + e);
                return 0;
            }
            if (message == null) {
                return 0;
            }
            ShellHandler handler = connection.getHandler(message.getHeader().getType());
            if (handler == null) {
                logger.warning(name + ": no handler for " + message.getHeader().getType().getName());
                return 0;
            }
            ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
            try {
                handler.handle(env, message);
            } catch (Exception e) {
                logger.log(Level.SEVERE, "Handling " + message.getHeader().getType().getName() + " failed", e);
            } finally {
                env.resolveDeferrals();
            }
            if (env.isMarkedForShutdown()) {
                // Not connection.close() here: that closed the other loops' sockets from this
                // thread while they polled them, and ZeroMQ's terminate then waited forever.
                connection.shutdownRequested();
                return -1;
            }
            return 0;
        });
        // This thread owns the socket: it closes it when the loop ends, however it ends.
        loop.onClose(() -> {
            super.close();
            connection.shutdownRequested();
        });
        loop.start();
    }

    /**
     * Reads one whole multipart message (every frame up to the last, whatever their layout) and
     * parses it; see {@link WireMessages#parse}.
     *
     * @return the message, or null when the socket is closed
     * @throws SecurityException when the signature is wrong or missing
     * @throws WireMessages.MalformedMessageException when it is not a Jupyter message
     */
    @Override
    public synchronized Message<?> readMessage() {
        if (closed) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        do {
            byte[] frame = recv();
            if (frame == null) {
                return null;
            }
            frames.add(frame);
        } while (hasReceiveMore());
        return WireMessages.parse(frames, hmacGenerator);
    }

    @Override
    public synchronized void sendMessage(Message<?> message) {
        super.sendMessage(PreciseTimestamps.restamp(message));
    }

    /**
     * Closes the socket: at once when no loop runs, otherwise by asking the loop to stop (the
     * loop's thread closes its own socket; JeroMQ sockets must not be closed under a poll).
     */
    @Override
    public void close() {
        Loop l = loop;
        if (l == null || !l.isAlive()) {
            super.close();
        } else {
            l.shutdown();
        }
    }

    /** @return whether the loop ended (and closed the socket) within the time */
    boolean awaitStopped(long millis) {
        return Loops.awaitStopped(loop, millis);
    }

    @Override
    public void waitUntilClose() {
        awaitStopped(0);
    }
}
