package dev.seqlab.data;

import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Sampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * A DJL sub-sampler that shuffles with its own seeded generator. DJL's {@code RandomSampler}
 * draws from a process-wide random state, so two data sets iterated in another order, or a
 * notebook cell run twice, would see different batches; here pass k always gets the order of
 * {@code new Random(seed + k)}.
 */
public final class SeededSampler implements Sampler.SubSampler {

    private final long seed;
    private long pass;

    /**
     * Creates the sampler.
     *
     * @param seed the seed of the first pass
     */
    public SeededSampler(long seed) {
        this.seed = seed;
    }

    @Override
    public synchronized Iterator<Long> sample(RandomAccessDataset dataset) {
        long n = dataset.size();
        List<Long> order = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, new Random(seed + pass++));
        return order.iterator();
    }
}
