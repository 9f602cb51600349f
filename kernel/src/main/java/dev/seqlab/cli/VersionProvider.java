package dev.seqlab.cli;

import picocli.CommandLine;

/** Prints the SeqLab version from the jar manifest (or "dev" when run from classes). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"seqlab " + (v == null ? "dev" : v)};
    }
}
