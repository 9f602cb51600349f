package dev.seqlab.data;

import dev.seqlab.SeqLabException;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tech.tablesaw.api.Table;

/** sha256 fingerprints of data sources, recorded with every run so a result traces to its data. */
final class Fingerprint {

    private Fingerprint() {}

    static String of(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new SeqLabException("This Java runtime has no SHA-256; use a standard JDK 17 or later.", e);
        }
    }

    static String ofFile(Path file) {
        try {
            return of(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new SeqLabException("File '" + file + "' could not be read to fingerprint it; check that it still exists.", e);
        }
    }

    /** A table's fingerprint is that of its CSV text, so equal tables give equal fingerprints. */
    static String ofTable(Table table) {
        StringWriter out = new StringWriter();
        table.write().csv(out);
        return of(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String ofText(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }
}
