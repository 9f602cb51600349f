package dev.seqlab.magic;

import java.io.File;
import java.util.List;

/** {@code %maven g:a:v ...}: adds artifacts and their runtime dependencies to the class path. */
final class MavenMagic implements LineMagic {

    private final MavenResolver maven = new MavenResolver();

    @Override
    public String name() {
        return "maven";
    }

    @Override
    public String synopsis() {
        return "%maven group:artifact:version ...";
    }

    @Override
    public String summary() {
        return "add artifacts and their dependencies from Maven Central or ~/.m2";
    }

    @Override
    public void run(String args, MagicContext session) {
        if (args.isBlank()) {
            throw new MagicException("%maven expected one or more group:artifact:version coordinates, "
                    + "for example: %maven com.google.code.gson:gson:2.11.0");
        }
        for (String coordinate : args.split("\\s+")) {
            List<File> jars = maven.resolve(coordinate);
            for (File f : jars) {
                session.addToClasspath(f.getAbsolutePath());
            }
            session.print("Added " + coordinate + " (" + jars.size() + (jars.size() == 1 ? " jar" : " jars")
                    + ") to the class path.\n");
        }
    }
}
