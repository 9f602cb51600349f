package dev.seqlab.sweep;

/**
 * One run of a sweep: a configuration with one seed.
 *
 * @param id a stable name such as {@code c02-s3} (configuration 2, seed 3), used for file names
 * @param configIndex the configuration's position in the sweep, from 0
 * @param config the parameter values (and the seed)
 * @param replicate the replicate number, from 1
 * @param seed the seed; the same for replicate k in every configuration (paired design)
 */
public record Trial(String id, int configIndex, Config config, int replicate, long seed) {}
