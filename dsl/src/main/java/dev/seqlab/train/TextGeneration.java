package dev.seqlab.train;

import ai.djl.ndarray.NDManager;
import dev.seqlab.SeqLabException;
import dev.seqlab.data.Corpus;
import dev.seqlab.data.Task;

/**
 * Text from a trained language model ({@link Run#generate(String, int, double, long)}): the model
 * reads the last window of tokens and the next one is drawn from its softmax at a temperature,
 * one token at a time. Kept apart from {@link Run} so that the run stays its public face.
 */
final class TextGeneration {

    private TextGeneration() {}

    static String generate(Run run, String prompt, int length, double temperature, long seed) {
        SeqLabException.check(run.network().spec().task() == Task.NEXT_TOKEN && run.data() instanceof Corpus,
                "Only a language model trained on a Corpus generates text; train one with Corpus.text(...) and a next-token head.");
        SeqLabException.check(temperature > 0 && Double.isFinite(temperature), "Temperature %s is not above 0; use a value such as 0.8.", temperature);
        SeqLabException.check(length >= 0, "Length %d is negative; ask for 0 or more tokens.", length);
        Corpus corpus = (Corpus) run.data();
        java.util.List<Integer> context = new java.util.ArrayList<>();
        for (int id : corpus.encode(prompt)) {
            context.add(id);
        }
        SeqLabException.check(!context.isEmpty(), "The prompt is empty; start with at least one character or word.");
        java.util.Random random = new java.util.Random(seed);
        int window = run.network().spec().timeSteps();
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            int from = Math.max(0, context.size() - window);
            int t = context.size() - from;
            long[] ids = new long[t];
            float[] mask = new float[t];
            for (int j = 0; j < t; j++) {
                ids[j] = context.get(from + j);
                mask[j] = 1;
            }
            float[] logits;
            try (NDManager step = run.manager().newSubManager(); dev.seqlab.runtime.Torch.NoGrad off = dev.seqlab.runtime.Torch.noGrad()) {
                ai.djl.ndarray.NDList in = new ai.djl.ndarray.NDList(step.create(ids, new ai.djl.ndarray.types.Shape(1, t)),
                        step.create(mask, new ai.djl.ndarray.types.Shape(1, t)));
                logits = run.network().forward(run.store(), in, false).get(0).get(0).get(t - 1).toFloatArray();
            }
            int next = sample(logits, temperature, random);
            out[i] = next;
            context.add(next);
        }
        return prompt + corpus.decode(out);
    }

    /** Samples an id from softmax(logits / temperature), never padding (0) or unknown (1). */
    private static int sample(float[] logits, double temperature, java.util.Random random) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 2; j < logits.length; j++) {
            max = Math.max(max, logits[j] / temperature);
        }
        double[] p = new double[logits.length];
        double sum = 0;
        for (int j = 2; j < logits.length; j++) {
            p[j] = Math.exp(logits[j] / temperature - max);
            sum += p[j];
        }
        double u = random.nextDouble() * sum;
        for (int j = 2; j < logits.length; j++) {
            u -= p[j];
            if (u <= 0) {
                return j;
            }
        }
        return logits.length - 1;
    }
}
