package dev.seqlab.trials;

import dev.seqlab.sweep.Sweep;

/**
 * Runs trials on a cluster, for {@code seqlab sweep --master URL}. The Spark module provides one
 * (found with {@link java.util.ServiceLoader}), so the kernel itself never depends on Spark.
 */
public interface ClusterTrials {

    /**
     * Whether this backend serves a master URL.
     *
     * @param master the URL, such as {@code spark://host:7077} or {@code local[2]}
     * @return true when it does
     */
    boolean accepts(String master);

    /**
     * Connects to the cluster.
     *
     * @param plan the sweep (master URL, notebook, files to ship, threads per trial)
     * @return a runner for the plan's trials; closing it disconnects
     */
    Session open(SweepPlan plan);

    /** A connection that runs trials; each result's notebook is already written to the plan's trials folder. */
    interface Session extends Sweep.Runner, AutoCloseable {
        @Override
        void close();
    }
}
