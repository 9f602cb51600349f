package dev.seqlab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

/**
 * The JShell behaviour behind "a comment before an import nulls every object variable", with the
 * bare JShell API (local execution, as the engine uses): an on-demand import after a line comment
 * re-declares every variable and resets object variables to null; the same import without the
 * comment (what {@link CellEvaluator#importWithoutLeadingComments} evaluates) keeps them. Should
 * a JDK fix the first part, the workaround can go.
 */
class ImportResetsVariablesTest {

    private static String afterImport(String importSource) {
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            js.eval("var data = new java.util.ArrayList<String>(java.util.List.of(\"a\"));");
            js.eval("String s = \"x\";");
            js.eval("int n = 3;");
            js.eval(importSource);
            List<SnippetEvent> ev = js.eval("data + \" \" + s + \" \" + n");
            return ev.get(0).value();
        }
    }

    @Test
    void jshellResetsObjectVariablesAfterACommentedOnDemandImport() {
        assertEquals("\"null null 3\"", afterImport("// helpers\nimport java.util.concurrent.*;"));
    }

    @Test
    void theSameImportWithoutTheCommentKeepsThem() {
        String stripped = CellEvaluator.importWithoutLeadingComments("// helpers\nimport java.util.concurrent.*;");
        assertEquals("import java.util.concurrent.*;", stripped);
        assertEquals("\"[a] x 3\"", afterImport(stripped));
    }

    @Test
    void onlyImportsLoseTheirLeadingComments() {
        assertEquals("// c\nint x = 1;", CellEvaluator.importWithoutLeadingComments("// c\nint x = 1;"));
        assertEquals("import static java.lang.Math.*;",
                CellEvaluator.importWithoutLeadingComments("/* a */ // b\n  import static java.lang.Math.*;"));
        assertEquals("// c\nimportant();", CellEvaluator.importWithoutLeadingComments("// c\nimportant();"));
    }
}
