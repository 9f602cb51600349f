package dev.seqlab.magic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code %load file.jsh}: runs the code in a file as part of this cell. */
final class LoadMagic implements LineMagic {

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String synopsis() {
        return "%load file.jsh";
    }

    @Override
    public String summary() {
        return "run the code in a file as part of this cell";
    }

    @Override
    public void run(String args, MagicContext session) {
        if (args.isBlank()) {
            throw new MagicException("%load expected a file name, for example: %load setup.jsh");
        }
        Path p = Path.of(args.strip());
        if (!Files.isRegularFile(p)) {
            throw new MagicException("%load found no file at '" + p.toAbsolutePath() + "'; give the path of a .jsh file.");
        }
        String code;
        try {
            code = Files.readString(p);
        } catch (IOException e) {
            throw new MagicException("%load could not read " + p + ": " + e.getMessage());
        }
        session.eval(code);
    }
}
