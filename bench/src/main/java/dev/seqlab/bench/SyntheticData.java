package dev.seqlab.bench;

import dev.seqlab.data.DataSpec;
import dev.seqlab.data.SeqSplit;
import dev.seqlab.data.SequenceData;
import dev.seqlab.data.Task;
import java.util.List;
import java.util.Random;

/**
 * A regression data set of random numbers with a given shape: inputs drawn from N(0, 1), one
 * target per sample. Only the training part has samples, so a DSL run spends its time in
 * training steps, not in validation or test passes.
 */
public final class SyntheticData implements SequenceData {

    private final DataSpec spec;
    private final SeqSplit train;
    private final SeqSplit empty;
    private final String source;

    /**
     * Draws a data set.
     *
     * @param samples training samples N
     * @param time time steps T
     * @param features features per step F
     * @param seed the random seed
     */
    public SyntheticData(int samples, int time, int features, long seed) {
        Random r = new Random(seed);
        float[][][] x = new float[samples][time][features];
        float[][] y = new float[samples][1];
        int[] origin = new int[samples];
        for (int i = 0; i < samples; i++) {
            for (int t = 0; t < time; t++) {
                for (int f = 0; f < features; f++) {
                    x[i][t][f] = (float) r.nextGaussian();
                }
            }
            y[i][0] = (float) r.nextGaussian();
            origin[i] = i;
        }
        this.spec = new DataSpec(Task.REGRESSION, time, features, 0, 1, 1, List.of("y"));
        this.train = SeqSplit.regression(x, y, origin);
        this.empty = SeqSplit.regression(new float[0][][], new float[0][], new int[0]);
        this.source = "synthetic N=" + samples + " T=" + time + " F=" + features + " seed=" + seed;
    }

    @Override
    public DataSpec spec() {
        return spec;
    }

    @Override
    public SeqSplit train() {
        return train;
    }

    @Override
    public SeqSplit validation() {
        return empty;
    }

    @Override
    public SeqSplit test() {
        return empty;
    }

    @Override
    public float[][] unscale(SeqSplit part, float[][] scaled) {
        return scaled;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public String fingerprint() {
        return Integer.toHexString(source.hashCode());
    }

    @Override
    public List<String> vocabulary() {
        return List.of();
    }

    @Override
    public String toString() {
        return source;
    }
}
