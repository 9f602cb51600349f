/**
 * Sweeps: configurations (a grid or a random sample of it) times replicates with paired seeds,
 * run in this JVM one at a time or, through {@link dev.seqlab.sweep.Sweep#run}, in separate
 * processes side by side; results as Tablesaw tables, per-configuration estimates with 95% t
 * intervals, paired differences and charts; and {@link dev.seqlab.sweep.Recorded}, the values a
 * notebook records with {@code record("name", value)} for {@code seqlab sweep}.
 */
package dev.seqlab.sweep;
