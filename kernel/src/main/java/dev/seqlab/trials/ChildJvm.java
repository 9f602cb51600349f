package dev.seqlab.trials;

import dev.seqlab.engine.SeqLabEngine;
import dev.seqlab.runtime.Locations;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line of a child JVM that runs SeqLab's CLI with this JVM's class path and options. */
final class ChildJvm {

    private ChildJvm() {}

    /**
     * A {@code java ... dev.seqlab.cli.Main ARGS} command.
     *
     * @param threads libtorch intra-op threads for the child
     * @param args the CLI arguments
     * @return the command
     */
    static List<String> command(int threads, List<String> args) {
        return command(threads, "dev.seqlab.cli.Main", args);
    }

    /**
     * A {@code java ... MAIN ARGS} command with the same options as {@link #command(int, List)}.
     *
     * @param threads libtorch intra-op threads for the child
     * @param mainClass the class whose {@code main} runs
     * @param args its arguments
     * @return the command
     */
    static List<String> command(int threads, String mainClass, List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SeqLabEngine.JVM_OPTIONS);
        // Heap sizes and the user's SEQLAB_JAVA_OPTS come after the engine's options and win.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("-X")) {
                cmd.add(arg);
            }
        }
        for (String prop : List.of("ai.djl.offline", "java.awt.headless")) {
            String v = System.getProperty(prop);
            if (v != null) {
                cmd.add("-D" + prop + "=" + v);
            }
        }
        cmd.add("-Dseqlab.home=" + Locations.home());
        // DJL sets libtorch's intra-op thread count from this property when the engine loads.
        cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
        cmd.add("-cp");
        cmd.add(dev.seqlab.engine.SeqLabEngine.childClassPath());
        cmd.add(mainClass);
        cmd.addAll(args);
        return cmd;
    }
}
