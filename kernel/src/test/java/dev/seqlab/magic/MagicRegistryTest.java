package dev.seqlab.magic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MagicRegistryTest {

    /** A magic written for this test: one class is all a new magic needs. */
    static final class Hello implements LineMagic {
        @Override public String name() { return "hello"; }
        @Override public String synopsis() { return "%hello NAME"; }
        @Override public String summary() { return "greet"; }
        @Override public void run(String args, MagicContext session) { session.print("hello " + args); }
    }

    @Test
    void lineMagicsFirstEachKindByNameAndLookupIgnoresCase() {
        MagicRegistry r = MagicRegistry.standard();
        assertEquals(List.of("%classpath", "%imports", "%load", "%lsmagic", "%maven", "%vars", "%%time"), r.names());
        assertEquals(List.of("%%time"), r.cellNames());
        assertTrue(r.line("MAVEN").isPresent());
        assertTrue(r.line("time").isEmpty(), "time is a cell magic");
        assertTrue(r.cell("time").isPresent());
    }

    @Test
    void aNewMagicIsListedAndNamedInErrors() {
        MagicRegistry r = MagicRegistry.of(List.of(new Hello(), new TimeMagic()));
        assertEquals("Line magics:\n  %hello NAME   greet\nCell magics:\n  %%time   run the cell and print its wall time\n", r.listing());
        assertEquals("Unknown line magic %nope; the magics are: %hello, %%time.", r.unknownLine("nope").getMessage());
    }

    @Test
    void syntax() {
        assertTrue(MagicSyntax.isLineMagic("  %vars"));
        assertTrue(!MagicSyntax.isLineMagic("%%time") && !MagicSyntax.isLineMagic("%"));
        assertEquals(new MagicSyntax.Call("maven", "a:b:1 c:d:2"), MagicSyntax.lineCall(" %Maven  a:b:1 c:d:2 "));
        assertEquals(new MagicSyntax.Call("time", ""), MagicSyntax.cellCall("\n%%time\nx"));
        assertEquals("\n\nx", MagicSyntax.cellBody("\n%%time\nx"), "the body keeps its cell line numbers");
        assertEquals("     \nint a;", MagicSyntax.blankMagics("%vars\nint a;"));
    }

    @Test
    void sizesOfTensorsTablesAndCollections() {
        assertEquals("3 items", VariableTable.size(List.of(1, 2, 3)));
        assertEquals("2 items", VariableTable.size(new int[] {1, 2}));
        assertEquals("5 chars", VariableTable.size("hello"));
        assertEquals("", VariableTable.size(42));
        assertEquals("No variables defined yet.", VariableTable.bundle(List.of()).get("text/plain"));
    }
}
