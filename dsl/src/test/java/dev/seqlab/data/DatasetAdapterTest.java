package dev.seqlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.Dataset;
import dev.seqlab.runtime.Torch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetAdapterTest {

    private static List<Float> firstColumnOrder(Dataset ds, NDManager m) throws Exception {
        List<Float> out = new ArrayList<>();
        for (Batch b : ds.getData(m)) {
            try (b) {
                // the label of each sample identifies it
                for (float v : b.getLabels().head().toFloatArray()) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    @Test
    void aSplitBecomesASeededDjlDataset() throws Exception {
        Series air = Series.csv("datasets/airpassengers.csv", "passengers_thousands").windows(12);
        SeqSplit train = air.train();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Dataset a = train.dataset(m, 16, true, 5);
            Dataset b = train.dataset(m, 16, true, 5);
            Dataset c = train.dataset(m, 16, true, 6);
            List<Float> orderA = firstColumnOrder(a, m);
            assertEquals(train.size(), orderA.size(), "every sample once per pass");
            assertEquals(orderA, firstColumnOrder(b, m), "one seed, one order");
            assertNotEquals(orderA, firstColumnOrder(c, m), "another seed, another order");
            assertNotEquals(orderA, firstColumnOrder(a, m), "the next pass is reshuffled");
            Batch first = train.dataset(m, 16, false, 0).getData(m).iterator().next();
            assertArrayEquals(new long[] {16, 12, 1}, first.getData().get(0).getShape().getShape());
            assertArrayEquals(new long[] {16, 12}, first.getData().get(1).getShape().getShape());
            first.close();
        }
    }
}
