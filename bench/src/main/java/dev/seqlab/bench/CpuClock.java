package dev.seqlab.bench;

import java.lang.management.ManagementFactory;

/**
 * This process's CPU time (all threads), a second clock next to wall time: on a shared machine
 * other processes stretch wall time but hardly the CPU time a step consumes (with
 * {@code OMP_WAIT_POLICY=passive} waiting threads do not burn CPU).
 */
final class CpuClock {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {}

    /** @return process CPU time in nanoseconds */
    static long nanos() {
        return OS.getProcessCpuTime();
    }
}
