package dev.seqlab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.seqlab.data.DataSpec;
import dev.seqlab.runtime.Torch;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The block is an ordinary DJL block: trainers, Model.save/load and dropout behave. */
class DjlIntegrationTest {

    @Test
    void trainsInADjlTrainerAndTheLossFalls() {
        DataSpec spec = Fixtures.regression();
        Torch.seed(3);
        Network net = Stack.gru(8).layers(2).residual().layerNorm().attention().build(spec);
        try (Model model = Model.newInstance("t", Torch.engine().defaultDevice(), Torch.ENGINE)) {
            model.setBlock(net.block());
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.l2Loss())
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.02f)).build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 6, 3), new Shape(1, 6));
                NDManager m = trainer.getManager();
                NDList in = Fixtures.full(m, spec, 8, 6);
                // a learnable target: the mean of the first feature over time, twice
                NDArray target = in.get(0).get(":, :, 0").mean(new int[] {1}, true).repeat(1, 2);
                float first = 0;
                float last = 0;
                for (int step = 0; step < 30; step++) {
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        NDArray loss = trainer.getLoss().evaluate(new NDList(target),
                                // DJL losses take a singleton: drop the attention weights
                                new NDList(trainer.forward(in).head()));
                        gc.backward(loss);
                        last = loss.getFloat();
                        first = step == 0 ? last : first;
                    }
                    trainer.step();
                }
                assertTrue(last < first / 2, "loss " + first + " -> " + last);
            }
        }
    }

    @Test
    void saveAndLoadGiveTheSameOutputs(@TempDir Path dir) throws Exception {
        DataSpec spec = Fixtures.tokenClasses();
        Stack stack = Stack.lstm(4, 6).bidirectional().residualProjected().layerNorm().attention();
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDList in = Fixtures.inputs(m, spec, 6, 6, 2);
            NDArray before;
            try (Model model = Model.newInstance("net", Torch.ENGINE)) {
                Network net = Fixtures.init(stack, spec, model.getNDManager());
                model.setBlock(net.block());
                before = net.forward(new ParameterStore(m, false), in, false).head().duplicate();
                model.save(dir, "net");
            }
            assertTrue(Files.exists(dir.resolve("net-0000.params")));
            try (Model model = Model.newInstance("net", Torch.ENGINE)) {
                Torch.seed(99); // a different random start, overwritten by the load
                Network net = stack.build(spec);
                model.setBlock(net.block());
                model.load(dir, "net");
                NDArray after = net.forward(new ParameterStore(m, false), in, false).head();
                assertEquals(0f, Fixtures.maxDiff(before, after));
            }
        }
    }

    @Test
    void dropoutActsOnlyWhenTraining() {
        DataSpec spec = Fixtures.regression();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Fixtures.init(Stack.lstm(16).layers(2).dropout(0.5), spec, m);
            NDList in = Fixtures.full(m, spec, 4, 6);
            ParameterStore ps = Fixtures.store(m);
            NDArray eval1 = net.forward(ps, in, false).head();
            NDArray eval2 = net.forward(ps, in, false).head();
            NDArray train = net.forward(ps, in, true).head();
            assertEquals(0f, Fixtures.maxDiff(eval1, eval2));
            assertNotEquals(0f, Fixtures.maxDiff(eval1, train));
        }
    }

    @Test
    void sameSeedSameInitialisation() {
        DataSpec spec = Fixtures.tokenClasses();
        Stack stack = Stack.gru(4).bidirectional().attention();
        try (NDManager m = Torch.engine().newBaseManager()) {
            NDList in = Fixtures.inputs(m, spec, 6, 5);
            NDArray a = net(stack, spec, m).forward(Fixtures.store(m), in, false).head();
            NDArray b = net(stack, spec, m).forward(Fixtures.store(m), in, false).head();
            assertEquals(0f, Fixtures.maxDiff(a, b));
        }
    }

    @Test
    void uninitialisedNetworkFailsClearlyInEvaluationAndInitialisesLazilyInTraining() {
        DataSpec spec = Fixtures.tokenClasses();
        try (NDManager m = Torch.engine().newBaseManager()) {
            Network net = Stack.lstm(4).attention().build(spec);
            NDList in = Fixtures.inputs(m, spec, 6, 6, 3);
            dev.seqlab.SeqLabException e = org.junit.jupiter.api.Assertions.assertThrows(dev.seqlab.SeqLabException.class,
                    () -> net.forward(Fixtures.store(m), in, false));
            assertEquals("The network is not initialised; call initialize(manager) or let a trainer initialise it first.",
                    e.getMessage());
            // DJL's own lazy path: a training forward initialises from the batch's shapes
            assertEquals(new Shape(2, 3), net.forward(Fixtures.store(m), in, true).head().getShape());
            assertEquals(net.parameterCount(), Fixtures.init(Stack.lstm(4).attention(), spec, m).parameterCount());
        }
    }

    private static Network net(Stack stack, DataSpec spec, NDManager m) {
        return Fixtures.init(stack, spec, m);
    }
}
