package dev.seqlab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.seqlab.SeqLabException;
import dev.seqlab.model.Network;
import dev.seqlab.runtime.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Weights out to NumPy ({@code .npz}) under PyTorch's {@code state_dict} names, and back in.
 *
 * <p>Each recurrent layer k (from 0) is named as in {@code torch.nn.LSTM/GRU/RNN}:
 * {@code weight_ih_lk}, {@code weight_hh_lk}, {@code bias_ih_lk}, {@code bias_hh_lk}, with
 * {@code _reverse} appended for the backward direction. SeqLab builds every layer from its own
 * one-layer DJL block, so the name carries the layer index of the stack, not of the block: a plain
 * k-layer stack exports exactly the recurrent {@code state_dict} of {@code torch.nn.LSTM(num_layers=k)}.
 * The other parts: {@code layer_norm_lk.weight/.bias} (the layer norm after layer k),
 * {@code residual_lk.weight} (the projection of a residual link between widths),
 * {@code embedding.weight}, {@code attention.score.weight/.bias}, {@code attention.v.weight} and
 * {@code head.weight/.bias}. The gates lie in PyTorch's order (DJL hands the arrays to
 * {@code torch::lstm} and {@code torch::gru} as they are); {@code WeightsTest} checks it by
 * running the exported weights in PyTorch. docs/weights.md has the full table.
 *
 * <p>The file is written by DJL's own NDList encoding ({@link NDList.Encoding#NPZ}) and read by
 * {@link NDList#decode(NDManager, InputStream)}; parameters are found through the block's
 * {@code getParameters()} names, so the mapping does not depend on SeqLab's classes.
 */
public final class Weights {

    /** A DJL parameter path, for example {@code 02stage2_01forward_l_0_i2h_WEIGHT}. */
    private static final Pattern RECURRENT = Pattern.compile("\\d*stage(\\d+)_\\d*(forward|backward)_l_0_(i2h|h2h)_(WEIGHT|BIAS)");
    private static final Pattern NORM = Pattern.compile("\\d*stage(\\d+)_\\d*layerNorm_(gamma|beta)");
    private static final Pattern PROJECTION = Pattern.compile("\\d*stage(\\d+)_\\d*projection_weight");
    private static final Pattern EMBEDDING = Pattern.compile("\\d*embedding_table");
    private static final Pattern SCORE = Pattern.compile("\\d*attention_\\d*score_(weight|bias)");
    private static final Pattern V = Pattern.compile("\\d*attention_\\d*v_weight");
    private static final Pattern HEAD = Pattern.compile("\\d*head_(weight|bias)");
    /** Every name {@link #torchName} can produce: only files of this shape are ever replaced. */
    private static final Pattern EXPORTED = Pattern.compile(
            "((weight|bias)_(ih|hh)_l\\d+(_reverse)?|layer_norm_l\\d+\\.(weight|bias)|residual_l\\d+\\.weight|embedding\\.weight"
                    + "|attention\\.score\\.(weight|bias)|attention\\.v\\.weight|head\\.(weight|bias))\\.npy");

    private Weights() {}

    /**
     * Returns the PyTorch-style name of a DJL parameter path of a SeqLab network.
     *
     * @param djlPath the key in {@code block.getParameters()}
     * @return the name in the {@code .npz} file
     * @throws SeqLabException for a parameter this mapping does not know
     */
    static String torchName(String djlPath) {
        Matcher m = RECURRENT.matcher(djlPath);
        if (m.matches()) {
            int layer = Integer.parseInt(m.group(1)) - 1;
            String kind = m.group(4).equals("WEIGHT") ? "weight" : "bias";
            String side = m.group(3).equals("i2h") ? "ih" : "hh";
            return kind + "_" + side + "_l" + layer + (m.group(2).equals("backward") ? "_reverse" : "");
        }
        if ((m = NORM.matcher(djlPath)).matches()) {
            return "layer_norm_l" + (Integer.parseInt(m.group(1)) - 1) + (m.group(2).equals("gamma") ? ".weight" : ".bias");
        }
        if ((m = PROJECTION.matcher(djlPath)).matches()) {
            return "residual_l" + (Integer.parseInt(m.group(1)) - 1) + ".weight";
        }
        if (EMBEDDING.matcher(djlPath).matches()) {
            return "embedding.weight";
        }
        if ((m = SCORE.matcher(djlPath)).matches()) {
            return "attention.score." + m.group(1);
        }
        if (V.matcher(djlPath).matches()) {
            return "attention.v.weight";
        }
        if ((m = HEAD.matcher(djlPath)).matches()) {
            return "head." + m.group(1);
        }
        // Reached only if the model's structure gained a part this mapping does not cover.
        throw new SeqLabException("Parameter '" + djlPath + "' has no exported name yet; report it, SeqLab cannot export this stack.");
    }

    /**
     * The mapping for one network, one row per parameter: the DJL path, the exported
     * (PyTorch) name and the shape.
     *
     * @param net an initialised network
     * @return the table
     */
    public static Table table(Network net) {
        StringColumn djl = StringColumn.create("seqlab parameter");
        StringColumn torch = StringColumn.create("npz / pytorch name");
        StringColumn shape = StringColumn.create("shape");
        for (Pair<String, Parameter> p : net.block().getParameters()) {
            djl.append(p.getKey());
            torch.append(torchName(p.getKey()));
            shape.append(String.valueOf(p.getValue().getShape()));
        }
        return Table.create("weights", djl, torch, shape);
    }

    /**
     * Writes every parameter of a network to a {@code .npz} file (atomically). An existing file is
     * replaced only when it is itself a weights file of this naming (never a file of the user's).
     *
     * @param net an initialised network
     * @param manager the manager the copies are made in (closed copies, nothing kept)
     * @param file the target, usually ending in {@code .npz}
     * @return the file written
     */
    static Path export(Network net, NDManager manager, Path file) {
        Path target = file.toAbsolutePath().normalize();
        SeqLabException.check(!Files.isDirectory(target), "%s is a folder; give a file name such as weights.npz.", target);
        if (Files.exists(target)) {
            SeqLabException.check(isWeightsFile(target),
                    "%s exists and is not a weights file SeqLab wrote; choose another name so it is not overwritten.", target);
        }
        try (NDManager copies = manager.newSubManager()) {
            NDList list = new NDList();
            for (Pair<String, Parameter> p : net.block().getParameters()) {
                // A copy, so that naming it leaves the parameter itself untouched.
                NDArray a = p.getValue().getArray().duplicate();
                a.attach(copies);
                a.setName(torchName(p.getKey()));
                list.add(a);
            }
            AtomicFiles.write(target, out -> list.encode(out, NDList.Encoding.NPZ));
        }
        return target;
    }

    /** Whether a file is a zip whose entries are all exported parameter names. */
    private static boolean isWeightsFile(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> e = zip.entries();
            boolean any = false;
            while (e.hasMoreElements()) {
                any = true;
                if (!EXPORTED.matcher(e.nextElement().getName()).matches()) {
                    return false;
                }
            }
            return any;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Loads weights from a {@code .npz} file (SeqLab's export, or {@code numpy.savez} of a PyTorch
     * {@code state_dict} under the same names) into a network. Nothing is changed unless every
     * parameter is present with its shape and no name is left over.
     *
     * @param net an initialised network
     * @param manager the manager the file's arrays are read into (freed before returning)
     * @param file the {@code .npz} file
     */
    static void load(Network net, NDManager manager, Path file) {
        Path source = file.toAbsolutePath().normalize();
        SeqLabException.check(Files.isRegularFile(source), "%s does not exist; give the .npz file written by exportWeights or numpy.savez.",
                source);
        try (NDManager read = manager.newSubManager(); InputStream in = new BufferedInputStream(Files.newInputStream(source))) {
            NDList list;
            try {
                list = NDList.decode(read, in);
            } catch (RuntimeException e) {
                throw new SeqLabException(source + " is not a NumPy .npz file DJL can read (" + e.getMessage()
                        + "); save it with numpy.savez (float32, not compressed).", e);
            }
            Map<String, NDArray> byName = new LinkedHashMap<>();
            for (NDArray a : list) {
                byName.put(a.getName() == null ? "(unnamed)" : a.getName(), a);
            }
            Map<Parameter, NDArray> plan = new LinkedHashMap<>();
            List<String> missing = new ArrayList<>();
            for (Pair<String, Parameter> p : net.block().getParameters()) {
                String name = torchName(p.getKey());
                NDArray a = byName.remove(name);
                if (a == null) {
                    missing.add(name);
                    continue;
                }
                Shape want = p.getValue().getShape();
                SeqLabException.check(a.getShape().equals(want),
                        "'%s' in %s has shape %s but this stack needs %s; export from a model with the same cell, sizes and layers.",
                        name, source.getFileName(), a.getShape(), want);
                plan.put(p.getValue(), a);
            }
            SeqLabException.check(missing.isEmpty() && byName.isEmpty(),
                    "%s does not match this stack (missing: %s; not in this stack: %s); export from a model with the same cell, sizes, "
                            + "layers and parts, named as in docs/weights.md.",
                    source.getFileName(), missing.isEmpty() ? "none" : String.join(", ", missing),
                    byName.isEmpty() ? "none" : String.join(", ", byName.keySet()));
            for (Map.Entry<Parameter, NDArray> e : plan.entrySet()) {
                float[] values = e.getValue().getDataType() == DataType.FLOAT32 ? e.getValue().toFloatArray()
                        : e.getValue().toType(DataType.FLOAT32, false).toFloatArray();
                dev.seqlab.runtime.Torch.assign(e.getKey().getArray(), values); // not NDArray.set(Buffer): libtorch warns for it
            }
        } catch (IOException e) {
            throw new SeqLabException(String.format(Locale.ROOT, "Could not read %s (%s); check the file.", source, e.getMessage()), e);
        }
    }
}
