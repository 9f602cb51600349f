package dev.seqlab.jupyter;

import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.Loop;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import io.github.spencerpark.jupyter.messages.HMACGenerator;
import java.util.logging.Logger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

/**
 * The heartbeat socket: echoes every ping. It replaces basekernel's heartbeat channel, whose
 * socket is closed by whichever thread shuts the connection down while its own thread may still
 * be polling it (JeroMQ sockets are not thread safe; see {@link KernelConnection#close()}). Here
 * the echo thread closes its own socket when it stops.
 */
final class HeartbeatEcho extends JupyterSocket {

    private volatile Loop loop;

    HeartbeatEcho(ZMQ.Context context, HMACGenerator hmac) {
        super(context, SocketType.REP, hmac, Logger.getLogger("HeartbeatEcho"));
        setLinger(KernelConnection.LINGER_MS);
    }

    @Override
    public void bind(KernelConnectionProperties props) {
        super.bind(props.getTransport() + "://" + props.getIp() + ":" + props.getHbPort());
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        Loop l = new Loop("Heartbeat", () -> {
            if (poller.poll(100) > 0) {
                byte[] ping = recv(ZMQ.DONTWAIT);
                if (ping != null) {
                    send(ping);
                }
            }
            return 0;
        });
        l.onClose(super::close);
        loop = l;
        l.start();
    }

    /** Asks the echo thread to stop; it closes the socket on its way out. */
    void stop() {
        Loop l = loop;
        if (l != null) {
            l.shutdown();
        }
    }

    /** @return whether the echo thread ended within the time */
    boolean awaitStopped(long millis) {
        return Loops.awaitStopped(loop, millis);
    }

    @Override
    public void close() {
        Loop l = loop;
        if (l == null || !l.isAlive()) {
            super.close();
        } else {
            l.shutdown();
        }
    }
}
