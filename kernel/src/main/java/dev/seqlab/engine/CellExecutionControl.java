package dev.seqlab.engine;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell execution in this JVM (so cells share objects with the kernel) that keeps each snippet's
 * raw value for rendering and runs user code on its own thread so that it can be stopped.
 *
 * <p>{@link #stop()} first interrupts the cell thread (a training loop checks the flag and ends
 * cleanly) and, if it is still running after a grace period, stops it with {@code Thread.stop},
 * which ends even {@code while (true) {}} on JDK 17. Code that catches {@code Throwable} in a loop
 * swallows both; after about three seconds of trying, the cell is given up: its thread is left to
 * run in the background at the lowest priority, the cell ends with an error that says so, and
 * the session goes on answering (before, the kernel waited for that thread forever, and
 * {@code seqlab run --timeout} never ended).
 */
final class CellExecutionControl extends DirectExecutionControl {

    private static final ThreadGroup GROUP = new ThreadGroup("seqlab-cells");

    private final AtomicReference<Thread> running = new AtomicReference<>();
    /** Counted down when the running snippet's thread ends, or when it is given up. */
    private volatile CountDownLatch released;
    /** Set when the running snippet's thread could not be stopped and was left behind. */
    private volatile boolean abandoned;
    private volatile Object lastValue;
    private volatile boolean stopped;
    private volatile Throwable lastFailure;
    /** The wrapper class of the last snippet run, whose static fields hold its variables. */
    private volatile Class<?> lastClass;
    /** An interrupt that came while the cell was compiling: honoured when its code starts. */
    private boolean pendingStop;
    /** Set while {@link #rawValue} asks JShell for a variable: keep the object, skip its text. */
    private final ThreadLocal<Object[]> rawRequest = new ThreadLocal<>();

    /**
     * A variable's value as the object itself (cells run in this JVM), for {@code %vars}.
     * JShell's public API gives only a variable's text ({@code JShell.varValue}), which it gets
     * from this control by the wrapper class's name; this catches that call and keeps the object.
     *
     * @param askJShell calls {@code jshell.varValue(snippet)}
     * @return the value, or null when JShell had none to give
     */
    Object rawValue(Runnable askJShell) {
        Object[] slot = new Object[1];
        rawRequest.set(slot);
        try {
            askJShell.run();
            return slot[0];
        } finally {
            rawRequest.remove();
        }
    }

    @Override
    public String varValue(String className, String varName)
            throws RunException, EngineTerminationException, InternalException {
        Object[] slot = rawRequest.get();
        if (slot == null) {
            return super.varValue(className, varName);
        }
        try {
            Field f = findClass(className).getDeclaredField(varName);
            f.setAccessible(true);
            slot[0] = f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InternalException("Variable " + varName + " cannot be read: " + e);
        }
        return ""; // the caller wants the object; its toString (an NDArray's contents) is not needed
    }

    /** The exit call that made the last refused class be refused ({@link ExitCalls}), or null. */
    private volatile String refusedExit;

    /**
     * Loads a snippet's classes unless one of them calls {@code System.exit} or
     * {@code Runtime.exit/halt}: such a class is refused before anything of it runs, and
     * {@link #takeRefusedExit()} says why.
     */
    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        for (ClassBytecodes c : cbcs) {
            String exit = ExitCalls.find(c.bytecodes());
            if (exit != null) {
                refusedExit = exit;
                throw new ClassInstallException(exit + " is not allowed in a cell", new boolean[cbcs.length]);
            }
        }
        super.load(cbcs);
    }

    @Override
    public void redefine(ClassBytecodes[] cbcs) throws ClassInstallException, NotImplementedException, EngineTerminationException {
        for (ClassBytecodes c : cbcs) {
            String exit = ExitCalls.find(c.bytecodes());
            if (exit != null) {
                refusedExit = exit;
                throw new ClassInstallException(exit + " is not allowed in a cell", new boolean[cbcs.length]);
            }
        }
        super.redefine(cbcs);
    }

    /** @return the exit call of a class refused since the last call (then forgotten), or null */
    String takeRefusedExit() {
        String e = refusedExit;
        refusedExit = null;
        return e;
    }

    /** @return the exception the last snippet threw (the real object, not JShell's copy), or null */
    Throwable lastFailure() {
        return lastFailure;
    }

    /** @return the raw value returned by the last snippet run (null for statements) */
    Object lastValue() {
        return lastValue;
    }

    /**
     * Clears the static field that holds a variable of the last snippet run, so that its value
     * can be collected once JShell has dropped the snippet (JShell keeps wrapper classes loaded,
     * and with them every value they ever held).
     *
     * @param name the variable's name, such as {@code $12}
     */
    void releaseVariable(String name) {
        Class<?> c = lastClass;
        if (c == null) {
            return;
        }
        try {
            Field f = c.getDeclaredField(name);
            if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                f.setAccessible(true);
                f.set(null, null);
            }
        } catch (NoSuchFieldException | IllegalAccessException | RuntimeException e) {
            // Not this snippet's class, or a field we may not touch: the value just stays reachable.
        }
    }

    /** @return true when the last snippet run was stopped */
    boolean wasStopped() {
        return stopped;
    }

    /** Forgets the last value and stop flags before a new cell. */
    synchronized void reset() {
        refusedExit = null;
        lastValue = null;
        stopped = false;
        pendingStop = false;
    }

    /** @return true while user code runs */
    boolean isRunning() {
        return running.get() != null;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        lastValue = null;
        lastFailure = null;
        lastClass = doitMethod.getDeclaringClass();
        AtomicReference<Object> value = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread thread = new Thread(GROUP, () -> {
            try {
                value.set(doitMethod.invoke(null));
            } catch (InvocationTargetException e) {
                failure.set(e.getCause() instanceof ThreadDeath ? new ThreadDeath() : e);
            } catch (ThreadDeath e) {
                failure.set(e);
            } catch (Throwable e) {
                failure.set(e);
            } finally {
                done.countDown();
            }
        }, "seqlab-cell");
        thread.setDaemon(true);
        synchronized (this) {
            if (pendingStop) {
                // The user interrupted while this snippet was still compiling: without this the
                // interrupt would be lost and a loop in the snippet would then run forever.
                stopped = true;
                throw new ExecutionControl.StoppedException();
            }
            abandoned = false;
            released = done;
            running.set(thread);
        }
        thread.start();
        try {
            done.await();
        } finally {
            running.set(null);
        }
        if (abandoned) {
            lastFailure = new CellNotStoppedException();
            stopped = true;
            throw new ExecutionControl.StoppedException();
        }
        Throwable t = failure.get();
        if (t instanceof ThreadDeath || (stopped && t != null)) {
            lastFailure = t instanceof InvocationTargetException ite ? ite.getCause() : t;
            stopped = true;
            throw new ExecutionControl.StoppedException();
        }
        if (t instanceof InvocationTargetException ite) {
            lastFailure = ite.getCause();
            throw ite;
        }
        if (t != null) {
            lastFailure = t;
            throw new InvocationTargetException(t);
        }
        lastValue = value.get();
        return valueString(lastValue);
    }

    /**
     * Interrupts the running cell, waits up to {@code graceMillis} for it to end, then stops it.
     *
     * @param graceMillis how long cooperative code may take to notice the interrupt
     */
    @SuppressWarnings({"deprecation", "removal"})
    void stopCell(long graceMillis) {
        Thread t;
        synchronized (this) {
            t = running.get();
            if (t == null) {
                pendingStop = true; // cleared when the next cell starts (reset)
                return;
            }
        }
        stopped = true;
        t.interrupt();
        try {
            t.join(graceMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // One ThreadDeath can be swallowed (library code that catches Throwable, a finally that
        // loops), so stop again until the thread is gone or the cell had 3 s more.
        for (int attempt = 0; t.isAlive() && attempt < 30; attempt++) {
            try {
                t.stop();
            } catch (UnsupportedOperationException e) {
                break; // JDK 20+: Thread.stop is gone; the interrupt was all we could do.
            }
            try {
                t.join(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (t.isAlive()) {
            abandon(t);
        }
    }

    /** Gives up a cell thread that survived every stop: the snippet's caller stops waiting for it. */
    private synchronized void abandon(Thread t) {
        if (running.get() != t) {
            return; // it ended, or was already given up, meanwhile
        }
        abandoned = true;
        t.setPriority(Thread.MIN_PRIORITY);
        t.setName("seqlab-cell-not-stopped");
        released.countDown();
    }

    @Override
    public void stop() {
        stopCell(300);
    }

    /** The failure of a cell whose thread could not be stopped and was left running. */
    static final class CellNotStoppedException extends RuntimeException {
        CellNotStoppedException() {
            super("The cell was interrupted but could not be stopped: its code catches Throwable (or"
                    + " ThreadDeath) and goes on, so it still runs in the background and uses CPU. The"
                    + " session goes on and keeps its variables; restart the kernel to end that code, and"
                    + " let InterruptedException and ThreadDeath through in loops.", null, false, false);
        }
    }

    /** Creates one {@link CellExecutionControl} and remembers it. */
    static final class Provider implements ExecutionControlProvider {
        private volatile CellExecutionControl control;

        @Override
        public String name() {
            return "seqlab";
        }

        @Override
        public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
            control = new CellExecutionControl();
            return control;
        }

        /** @return the control made for the session */
        CellExecutionControl control() {
            return control;
        }
    }
}
