/**
 * SeqLab's benchmark harness: a worker that the driver ({@code bench/driver.py}, started by
 * {@code bench/run}) asks for timed training steps of the DSL and of a hand-written DJL loop,
 * inference passes, a matrix-multiply rate and a memory probe. See {@code BENCHMARKS.md}.
 */
package dev.seqlab.bench;
