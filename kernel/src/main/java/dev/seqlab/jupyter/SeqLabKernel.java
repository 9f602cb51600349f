package dev.seqlab.jupyter;

import dev.seqlab.engine.CompilerWarmUp;
import dev.seqlab.engine.Completion;
import dev.seqlab.engine.EvalResult;
import dev.seqlab.engine.IsComplete;
import dev.seqlab.engine.Outputs;
import dev.seqlab.engine.SeqLabEngine;
import dev.seqlab.magic.MagicRegistry;
import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishClearOutput;
import io.github.spencerpark.jupyter.messages.publish.PublishDisplayData;
import io.github.spencerpark.jupyter.messages.publish.PublishError;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteInput;
import io.github.spencerpark.jupyter.messages.publish.PublishExecuteResult;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;
import io.github.spencerpark.jupyter.messages.publish.PublishUpdateDisplayData;
import io.github.spencerpark.jupyter.messages.reply.ErrorReply;
import io.github.spencerpark.jupyter.messages.reply.ExecuteReply;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;
import io.github.spencerpark.jupyter.messages.request.ShutdownRequest;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The SeqLab Jupyter kernel: basekernel's protocol handling in front of a {@link SeqLabEngine}.
 * The engine starts in the background so that {@code kernel_info} answers at once; the first
 * request that needs it waits for it. Execute, history, kernel_info, shutdown and interrupt are
 * answered here (basekernel 2.3.0 omits the {@code status} field some replies need and sends no
 * history at all); complete, inspect and is_complete go through basekernel to the engine.
 */
public final class SeqLabKernel extends BaseKernel {

    private static final Logger LOG = Logger.getLogger(SeqLabKernel.class.getName());

    private final CompletableFuture<SeqLabEngine> engine;
    private final KernelHistory history = new KernelHistory();
    private final AtomicInteger count = new AtomicInteger(0);
    /** How long after a request the kernel counts as idle (for the compiler's warm-up). */
    private static final long QUIET_MS = 250;
    /**
     * Guards {@link #cellInFlight} and {@link #interruptPending}: an interrupt that comes after an
     * execute request arrived but before its cell started (the engine still starting, the cell
     * about to begin) is kept for that cell instead of being lost. It was lost before: the kernel
     * only forwarded interrupts to a started engine, and the engine only to a started cell.
     */
    private final Object cellLock = new Object();
    private boolean cellInFlight;
    private boolean interruptPending;
    private boolean warming;
    /** When the last request that needs the engine ended ({@link System#nanoTime()}). */
    private volatile long lastRequestEnd = System.nanoTime();
    private volatile CompilerWarmUp compilerWarmUp;
    private final LanguageInfo languageInfo = new LanguageInfo.Builder("java")
            .version(Runtime.version().toString())
            .mimetype("text/x-java-source")
            .fileExtension(".jshell")
            .pygments("java")
            .codemirror("text/x-java")
            .build();

    /** Creates the kernel; call {@link #warmUp()} once the sockets are bound. */
    public SeqLabKernel() {
        setShouldReplaceStdStreams(false);
        this.engine = new CompletableFuture<>();
    }

    /**
     * Starts the engine on a background thread (the compiler takes a second or two to warm up).
     * Requests that need the engine wait for it; kernel_info does not. Calling it again does nothing.
     */
    public void warmUp() {
        synchronized (engine) {
            if (warming) {
                return;
            }
            warming = true;
        }
        Thread t = new Thread(() -> {
            try {
                engine.complete(SeqLabEngine.create());
                compilerWarmUp = CompilerWarmUp.startWhenIdle(this::idle);
            } catch (Throwable e) {
                engine.completeExceptionally(e);
            }
        }, "seqlab-engine-start");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Whether the compiler may warm up now: no cell in flight and no request for the engine
     * (execute, complete, inspect, is_complete) in the last {@link #QUIET_MS} ms. A user typing
     * (completion, inspection) or running cells back to back keeps it paused.
     */
    private boolean idle() {
        synchronized (cellLock) {
            if (cellInFlight) {
                return false;
            }
        }
        return System.nanoTime() - lastRequestEnd > QUIET_MS * 1_000_000L;
    }

    /** @return the engine, waiting for it to start if needed */
    public SeqLabEngine engine() {
        warmUp();
        try {
            return engine.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the engine started", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("The SeqLab engine failed to start: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        String v = SeqLabKernel.class.getPackage().getImplementationVersion();
        return "SeqLab " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ", JShell)\n"
                + "Deep recurrent sequence experiments. Magics: " + String.join(", ", MagicRegistry.standard().names()) + ".";
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(
                new LanguageInfo.Help("Java API", "https://docs.oracle.com/en/java/javase/17/docs/api/"),
                new LanguageInfo.Help("DJL", "https://djl.ai/"),
                new LanguageInfo.Help("Tablesaw", "https://jtablesaw.github.io/tablesaw/"),
                new LanguageInfo.Help("XChart", "https://knowm.org/open-source/xchart/"));
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        connection.setHandler(MessageType.EXECUTE_REQUEST, this::handleExecute);
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("status", "ok");
            c.put("protocol_version", Header.PROTOCOL_VERISON);
            c.put("implementation", "seqlab");
            String v = SeqLabKernel.class.getPackage().getImplementationVersion();
            c.put("implementation_version", v == null ? "dev" : v);
            c.put("language_info", languageInfo);
            c.put("banner", getBanner());
            c.put("help_links", getHelpLinks());
            reply(env, MessageType.KERNEL_INFO_REPLY, c);
        });
        connection.setHandler(MessageType.HISTORY_REQUEST, this::handleHistory);
        connection.setHandler(MessageType.INTERRUPT_REQUEST, (env, msg) -> {
            env.setBusyDeferIdle();
            interrupt();
            reply(env, MessageType.INTERRUPT_REPLY, Map.of("status", "ok"));
        });
        connection.setHandler(MessageType.SHUTDOWN_REQUEST, (env, msg) -> {
            ShutdownRequest request = msg.getContent();
            env.setBusyDeferIdle();
            reply(env, MessageType.SHUTDOWN_REPLY, Map.of("status", "ok", "restart", request.isRestart()));
            onShutdown(request.isRestart());
            env.resolveDeferrals();
            env.markForShutdown();
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void reply(ShellReplyEnvironment env, MessageType<?> type, Object content) {
        env.reply(new Message(env.getContext(), type, content));
    }

    private void handleExecute(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        synchronized (cellLock) {
            // In flight from here on, before the client can see "busy" and send an interrupt.
            cellInFlight = true;
            interruptPending = false;
        }
        ExecuteRequest request = message.getContent();
        boolean silent = request.isSilent();
        boolean store = request.shouldStoreHistory() && !silent;
        int n = store ? count.incrementAndGet() : Math.max(count.get(), 1);
        env.setStatusBusy();
        if (!silent) {
            env.publish(new PublishExecuteInput(request.getCode(), n));
        }
        Outputs sink = silent ? Outputs.NONE : new IOPubOutputs(env, n);
        EvalResult r;
        try {
            r = engine().eval(request.getCode(), sink, this::interruptedBeforeStart);
        } catch (RuntimeException e) {
            LOG.severe("Evaluation failed inside the kernel: " + e);
            sink.error("KernelError", String.valueOf(e.getMessage()), List.of("KernelError: " + e.getMessage()));
            r = new EvalResult(EvalResult.Status.ERROR, null, "KernelError", String.valueOf(e.getMessage()), List.of());
        } finally {
            lastRequestEnd = System.nanoTime();
            synchronized (cellLock) {
                cellInFlight = false;
                interruptPending = false;
            }
        }
        if (store) {
            history.add(n, request.getCode(), r.value() == null ? "" : String.valueOf(r.value().get("text/plain")));
        }
        // Idle goes out before the reply (the two travel on different sockets, so clients accept
        // either order): a client that reads the reply first then finds every IOPub message queued.
        env.setStatusIdle();
        if (r.ok()) {
            env.reply(new ExecuteReply(n, Collections.emptyMap()));
        } else {
            ErrorReply error = new ErrorReply(r.ename(), r.evalue(), r.traceback());
            error.setExecutionCount(n);
            env.replyError(ExecuteReply.MESSAGE_TYPE.error(), error);
        }
    }

    private void handleHistory(ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        boolean output = request.includeOutput();
        List<List<Object>> entries = switch (request.getAccessType()) {
            case TAIL -> history.tail(((HistoryRequest.Tail) request).getMaxReturnLength(), output);
            case RANGE -> {
                HistoryRequest.Range range = (HistoryRequest.Range) request;
                yield history.range(range.getSessionIndex(), range.getStart(), range.getStop(), output);
            }
            case SEARCH -> {
                HistoryRequest.Search search = (HistoryRequest.Search) request;
                yield history.search(search.getPattern(), search.getMaxReturnLength(), search.filterUnique(), output);
            }
        };
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("status", "ok");
        c.put("history", entries);
        reply(env, MessageType.HISTORY_REPLY, c);
    }

    @Override
    public DisplayData eval(String expr) {
        EvalResult r = engine().eval(expr, Outputs.NONE);
        return r.value() == null ? null : toDisplayData(r.value(), null);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        Map<String, Object> doc = engine().inspect(code, at, extraDetail ? 1 : 0);
        lastRequestEnd = System.nanoTime();
        return doc == null ? null : toDisplayData(doc, null);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        Completion c = engine().complete(code, at);
        lastRequestEnd = System.nanoTime();
        return new ReplacementOptions(c.matches(), c.start(), c.end());
    }

    @Override
    public String isComplete(String code) {
        IsComplete r = engine().isComplete(code);
        lastRequestEnd = System.nanoTime();
        return switch (r.status()) {
            case "complete" -> IS_COMPLETE_YES;
            case "invalid" -> IS_COMPLETE_BAD;
            case "incomplete" -> r.indent();
            default -> IS_COMPLETE_MAYBE;
        };
    }

    /** @return whether an interrupt came for the cell in flight before it started */
    private boolean interruptedBeforeStart() {
        synchronized (cellLock) {
            return interruptPending;
        }
    }

    /**
     * Stops the cell in flight. The pending flag is set first, so that whatever the order of the
     * two threads, the cell either sees the flag when it starts or is running when the engine's
     * interrupt looks for it. An interrupt while no cell is in flight does nothing.
     */
    @Override
    public void interrupt() {
        synchronized (cellLock) {
            if (!cellInFlight) {
                return;
            }
            interruptPending = true;
        }
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            engine.join().interrupt();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        CompilerWarmUp w = compilerWarmUp;
        if (w != null) {
            w.stop();
        }
        if (engine.isDone() && !engine.isCompletedExceptionally()) {
            engine.join().close();
        }
    }

    static DisplayData toDisplayData(Map<String, Object> bundle, String displayId) {
        DisplayData d = new DisplayData();
        bundle.forEach(d::putData);
        if (displayId != null) {
            d.setDisplayId(displayId);
        }
        return d;
    }

    /** Sends a cell's outputs as IOPub messages with the execute request as parent. */
    private static final class IOPubOutputs implements Outputs {
        private final ShellReplyEnvironment env;
        private final int count;

        IOPubOutputs(ShellReplyEnvironment env, int count) {
            this.env = env;
            this.count = count;
        }

        @Override
        public void stream(String name, String text) {
            env.publish(new PublishStream("stderr".equals(name) ? PublishStream.StreamType.ERR : PublishStream.StreamType.OUT, text));
        }

        @Override
        public void display(Map<String, Object> bundle, String displayId) {
            env.publish(new PublishDisplayData(toDisplayData(bundle, displayId)));
        }

        @Override
        public void updateDisplay(Map<String, Object> bundle, String displayId) {
            env.publish(new PublishUpdateDisplayData(toDisplayData(bundle, displayId)));
        }

        @Override
        public void clearOutput(boolean wait) {
            env.publish(wait ? PublishClearOutput.BEFORE_NEXT_OUTPUT : PublishClearOutput.NOW);
        }

        @Override
        public void result(Map<String, Object> bundle) {
            env.publish(new PublishExecuteResult(count, toDisplayData(bundle, null)));
        }

        @Override
        public void error(String ename, String evalue, List<String> traceback) {
            env.publish(new PublishError(ename, evalue, traceback));
        }
    }
}
