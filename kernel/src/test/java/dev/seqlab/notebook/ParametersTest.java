package dev.seqlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParametersTest {

    @TempDir
    Path dir;

    private static String decl(String name, String value) {
        return new Parameters().add(name, value).declarations();
    }

    @Test
    void aWholeNumberTooBigForALongIsRefusedNotMadeADouble() {
        // Before: 99999999999999999999999 became the double 1.0E23, silently losing digits.
        BadInputException e = assertThrows(BadInputException.class, () -> decl("n", "99999999999999999999999"));
        assertEquals("Parameter 'n' is 99999999999999999999999, a whole number too big for a long (at most 9223372036854775807); "
                + "give a smaller number, or write it as a decimal such as 1.0e22 if a double is meant.", e.getMessage());
    }

    @Test
    void scalarsAreTypedFromTheirText() {
        assertEquals("int epochs = 5;", decl("epochs", "5"));
        assertEquals("int delta = -3;", decl("delta", "-3"));
        assertEquals("long big = 5000000000L;", decl("big", "5000000000"));
        assertEquals("double rate = 0.001;", decl("rate", "1e-3"));
        assertEquals("double half = 0.5;", decl("half", "0.5"));
        assertEquals("double huge = 1.0E20;", decl("huge", "1.0e20"));
        assertEquals("boolean deep = true;", decl("deep", "true"));
        assertEquals("boolean off = false;", decl("off", "false"));
        assertEquals("String cell = \"lstm\";", decl("cell", "lstm"));
        assertEquals("String quoted = \"42\";", decl("quoted", "\"42\""));
        assertEquals("String single = \"true\";", decl("single", "'true'"));
        assertEquals("String path = \"data/a b.csv\";", decl("path", "data/a b.csv"));
        assertEquals("String tricky = \"say \\\"hi\\\"\\\\n\";", decl("tricky", "say \"hi\"\\n"));
        assertEquals("String version = \"1.2.3\";", decl("version", "1.2.3"));
    }

    @Test
    void listsHaveOneElementType() {
        assertEquals("List<Integer> sizes = List.of(1, 2, 3);", decl("sizes", "[1, 2, 3]"));
        assertEquals("List<Long> ids = List.of(1L, 5000000000L);", decl("ids", "[1,5000000000]"));
        assertEquals("List<Double> rates = List.of(0.1, 0.2);", decl("rates", "[0.1, 0.2]"));
        assertEquals("List<Double> mixed = List.of(1.0, 0.5);", decl("mixed", "[1, 0.5]"));
        assertEquals("List<Boolean> flags = List.of(true, false);", decl("flags", "[true,false]"));
        assertEquals("List<String> cells = List.of(\"lstm\", \"gru\", \"a,b\");", decl("cells", "[lstm, \"gru\", 'a,b']"));
    }

    @Test
    void laterValuesReplaceEarlierOnesAndMetadataKeepsJson() {
        Parameters p = new Parameters().add("epochs", "5").add("seed", "7").add("epochs", "9");
        assertEquals("int epochs = 9;\nint seed = 7;", p.declarations());
        assertEquals("{\"epochs\":9,\"seed\":7}", p.json().toString());
        assertEquals("{\"xs\":[1,2]}", new Parameters().add("xs", "[1,2]").json().toString());
    }

    @Test
    void jsonAndYamlFiles() throws Exception {
        Path json = dir.resolve("p.json");
        Files.writeString(json, "{\"epochs\": 3, \"rate\": 0.5, \"name\": \"run 1\", \"deep\": false, \"sizes\": [8, 16], \"one\": 1.0}");
        assertEquals("int epochs = 3;\ndouble rate = 0.5;\nString name = \"run 1\";\nboolean deep = false;\n"
                + "List<Integer> sizes = List.of(8, 16);\ndouble one = 1.0;", new Parameters().addFile(json).declarations());
        Path yaml = dir.resolve("p.yaml");
        Files.writeString(yaml, "# defaults for a sweep\nepochs: 4   # short\nname: \"a # b\"\nrates: [0.1, 0.01]\n---\nlabel: plain text\n");
        assertEquals("int epochs = 4;\nString name = \"a # b\";\nList<Double> rates = List.of(0.1, 0.01);\nString label = \"plain text\";",
                new Parameters().addFile(yaml).declarations());
        BadInputException nested = assertThrows(BadInputException.class, () -> {
            Path bad = dir.resolve("n.yml");
            Files.writeString(bad, "model:\n  size: 3\n");
            new Parameters().addFile(bad);
        });
        assertEquals("Parameter file " + dir.resolve("n.yml") + ", line 1: 'model' has no value; SeqLab reads flat 'name: value' lines only.",
                nested.getMessage());
        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "{epochs: }");
        assertEquals("Parameter file " + notJson + " is not valid JSON; write one object such as {\"epochs\": 5}.",
                assertThrows(BadInputException.class, () -> new Parameters().addFile(notJson)).getMessage());
        assertEquals("Parameter file " + dir.resolve("missing.json") + " does not exist; check the path given to -f.",
                assertThrows(BadInputException.class, () -> new Parameters().addFile(dir.resolve("missing.json"))).getMessage());
    }

    @Test
    void namesMustBeJavaIdentifiers() {
        assertEquals("Parameter name '2fast' is not a Java identifier; use letters, digits and _ , starting with a letter (for example learningRate).",
                assertThrows(BadInputException.class, () -> new Parameters().add("2fast", "1")).getMessage());
        assertEquals("Parameter name 'learning-rate' is not a Java identifier; use letters, digits and _ , starting with a letter (for example learningRate).",
                assertThrows(BadInputException.class, () -> new Parameters().add("learning-rate", "1")).getMessage());
        assertEquals("Parameter name 'class' is a Java keyword; choose another name.",
                assertThrows(BadInputException.class, () -> new Parameters().add("class", "1")).getMessage());
        assertEquals("Parameter name 'var' is a Java keyword; choose another name.",
                assertThrows(BadInputException.class, () -> new Parameters().add("var", "1")).getMessage());
    }

    @Test
    void valuesWithoutAJavaTypeAreRefused() {
        assertEquals("Cannot infer a Java type for parameter 'xs' from []: an empty list has no element type; "
                + "use a number, true/false, text, or a list of one kind such as [1, 2, 3].",
                assertThrows(BadInputException.class, () -> new Parameters().add("xs", "[]")).getMessage());
        assertEquals("Cannot infer a Java type for parameter 'xs' from [1, true]: a list must hold values of one kind "
                + "(numbers, true/false or text); use a number, true/false, text, or a list of one kind such as [1, 2, 3].",
                assertThrows(BadInputException.class, () -> new Parameters().add("xs", "[1, true]")).getMessage());
        assertEquals("Cannot infer a Java type for parameter 'xs' from [[1], [2]]: list items must be numbers, true/false or text, "
                + "not lists or maps; use a number, true/false, text, or a list of one kind such as [1, 2, 3].",
                assertThrows(BadInputException.class, () -> new Parameters().add("xs", "[[1], [2]]")).getMessage());
        assertEquals("Cannot infer a Java type for parameter 'x' from null: null has no type; "
                + "use a number, true/false, text, or a list of one kind such as [1, 2, 3].",
                assertThrows(BadInputException.class, () -> new Parameters().add("x", "null")).getMessage());
        assertEquals("Cannot infer a Java type for parameter 'xs' from [1, 2: a list must end with ]; "
                + "use a number, true/false, text, or a list of one kind such as [1, 2, 3].",
                assertThrows(BadInputException.class, () -> new Parameters().add("xs", "[1, 2")).getMessage());
        assertThrows(BadInputException.class, () -> new Parameters().add("m", com.google.gson.JsonParser.parseString("{\"a\": 1}")));
    }
}
