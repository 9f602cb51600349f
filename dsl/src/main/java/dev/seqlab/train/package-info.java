/**
 * Experiments and their runs: {@link dev.seqlab.train.Experiment} (optimizer, schedule, clipping,
 * early stopping, seed; immutable) trains through {@link dev.seqlab.train.TrainingLoop} into a
 * {@link dev.seqlab.train.Run} (the best model, its {@link dev.seqlab.train.History}, test metrics,
 * record, checkpoint save and load through {@code Checkpoint} and {@code StackCodec}).
 *
 * <p>The column names of a run's history are defined once, in {@link dev.seqlab.train.History}.
 * A new optimizer goes into {@link dev.seqlab.train.Optim}, a new schedule into
 * {@link dev.seqlab.train.LearningRateSchedule}, a new metric into
 * {@link dev.seqlab.train.Metrics} (and its column name into {@code History}). This package never
 * draws: charts, comparisons and learning curves live in {@code dev.seqlab.plot}, which depends on
 * this package and not the other way round.
 */
package dev.seqlab.train;
