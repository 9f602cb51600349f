/**
 * SeqLab's benchmark harness: a worker that the driver ({@code bench/driver.py}, started by
 * {@code bench/run}) asks for timed training steps of the DSL ({@link dev.seqlab.bench.DslBench},
 * which trains through the DSL's own loop) and of a hand-written DJL loop
 * ({@link dev.seqlab.bench.DjlBench}), inference passes, a matrix-multiply rate
 * ({@link dev.seqlab.bench.Sgemm}), a memory probe ({@link dev.seqlab.bench.MemoryProbe}), JShell
 * start-up ({@link dev.seqlab.bench.JShellProbe}) and the step's extras
 * ({@link dev.seqlab.bench.Overheads}, which calls the loop's real
 * {@link dev.seqlab.train.GradientNorms}, never a copy). See {@code BENCHMARKS.md}.
 *
 * <p>A new measurement is one class here answering one request kind, registered in
 * {@link dev.seqlab.bench.Worker}'s request switch and asked for by the driver; a new benchmark
 * shape is a {@link dev.seqlab.bench.Shape3} in the driver's list. Measurements report numbers;
 * nothing here asserts a speed.
 */
package dev.seqlab.bench;
