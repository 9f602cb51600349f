package dev.seqlab.cli;

import dev.seqlab.SeqLabException;
import dev.seqlab.jupyter.KernelConnection;
import dev.seqlab.jupyter.SeqLabKernel;
import io.github.spencerpark.jupyter.kernel.KernelConnectionProperties;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code seqlab kernel CONNECTION_FILE}: runs the Jupyter kernel (Jupyter starts this). */
@Command(name = "kernel", mixinStandardHelpOptions = true,
        description = "Run the SeqLab Jupyter kernel on the sockets named in a Jupyter connection file.")
final class KernelCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "CONNECTION_FILE", description = "the connection file Jupyter wrote")
    Path connectionFile;

    @Override
    public Integer call() throws Exception {
        System.setProperty("java.awt.headless", "true");
        // basekernel logs every message at INFO; keep warnings (such as dropped unsigned messages).
        Logger.getLogger("").setLevel(Level.WARNING);
        Logger.getLogger("Jupyter").setLevel(Level.WARNING);
        String json;
        try {
            json = Files.readString(connectionFile);
        } catch (IOException e) {
            throw new SeqLabException("Cannot read the connection file " + connectionFile + "; Jupyter passes it as {connection_file}.", e);
        }
        KernelConnectionProperties props = KernelConnectionProperties.parse(json);
        SeqLabKernel kernel = new SeqLabKernel();
        // The engine (JShell, the default imports) warms up while the sockets are bound: the two
        // share the start on two cores, and a first cell waits only for the engine.
        kernel.warmUp();
        KernelConnection connection = new KernelConnection(props);
        kernel.becomeHandlerForConnection(connection);
        connection.connect();
        connection.waitUntilClose();
        System.exit(0);
        return 0;
    }
}
