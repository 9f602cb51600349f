package dev.seqlab.notebook;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Notebook parameters typed for Java: each value from {@code -p NAME VALUE} or a {@code -f} file
 * becomes a Java declaration such as {@code int epochs = 5;} or
 * {@code List<Double> rates = List.of(0.1, 0.2);}.
 *
 * <p>Typing of a text value: {@code int} if it is a whole number that fits, else {@code long};
 * a decimal or exponent number is {@code double}; {@code true}/{@code false} are
 * {@code boolean}; {@code "quoted"} or {@code 'quoted'} text is a {@code String} without its
 * quotes, and any other text is a {@code String} as it is. {@code [a, b, ...]} is a list of one
 * element type ({@code List<Integer>}, {@code List<Long>}, {@code List<Double>},
 * {@code List<Boolean>}, {@code List<String>}); whole numbers mixed with decimals make a
 * {@code List<Double>}. An empty list, a nested list, a map, null or a list mixing kinds has no
 * Java type SeqLab can infer and is refused. A later value of a name replaces the earlier one in
 * its place (so {@code -p} overrides a {@code -f} file).
 */
public final class Parameters {

    /**
     * One typed parameter.
     *
     * @param name the Java identifier
     * @param type the Java type, such as {@code int} or {@code List<Double>}
     * @param literal the Java expression of the value
     * @param json the value as JSON (for the notebook metadata)
     */
    public record Param(String name, String type, String literal, JsonElement json) {
        /** @return the Java declaration, such as {@code int epochs = 5;} */
        public String declaration() {
            return type + " " + name + " = " + literal + ";";
        }
    }

    private static final Set<String> KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case", "catch",
            "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
            "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native", "new",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false",
            "null", "var", "yield", "record", "sealed", "permits", "_");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][+-]?\\d+)?");

    private final Map<String, Param> params = new LinkedHashMap<>();

    /** Creates an empty set of parameters. */
    public Parameters() {}

    /** @return the parameters in the order first given */
    public List<Param> list() {
        return List.copyOf(params.values());
    }

    /** @return true when there are none */
    public boolean isEmpty() {
        return params.isEmpty();
    }

    /**
     * Adds a parameter from command-line text ({@code -p NAME VALUE}).
     *
     * @param name the name
     * @param value the value text
     * @return this
     * @throws BadInputException when the name is not a Java identifier or the value has no Java type
     */
    public Parameters add(String name, String value) {
        checkName(name);
        params.put(name, typed(name, parseText(name, value), value));
        return this;
    }

    /**
     * Adds a parameter from a JSON value (a {@code -f} file).
     *
     * @param name the name
     * @param value the value
     * @return this
     */
    public Parameters add(String name, JsonElement value) {
        checkName(name);
        params.put(name, typed(name, value, value.toString()));
        return this;
    }

    /**
     * Reads parameters from a JSON object file ({@code .json}) or flat {@code name: value} lines
     * ({@code .yaml}, {@code .yml}).
     *
     * @param file the file
     * @return this
     */
    public Parameters addFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInputException("Parameter file " + file + " does not exist; check the path given to -f.", e);
        } catch (IOException e) {
            throw new BadInputException("Parameter file " + file + " cannot be read (" + e.getMessage() + ").", e);
        }
        String lower = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            addYaml(text, file.toString());
        } else {
            addJson(text, file.toString());
        }
        return this;
    }

    private void addJson(String text, String name) {
        JsonElement tree;
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            tree = JsonParser.parseReader(reader);
        } catch (JsonParseException e) {
            throw new BadInputException("Parameter file " + name + " is not valid JSON; write one object such as {\"epochs\": 5}.", e);
        }
        if (!tree.isJsonObject()) {
            throw new BadInputException("Parameter file " + name + " must hold one JSON object such as {\"epochs\": 5}.");
        }
        JsonObject o = tree.getAsJsonObject();
        for (String key : o.keySet()) {
            add(key, o.get(key));
        }
    }

    private void addYaml(String text, String name) {
        int n = 0;
        for (String line : text.split("\n", -1)) {
            n++;
            String t = stripComment(line).stripTrailing();
            if (t.isBlank() || t.strip().equals("---")) {
                continue;
            }
            int colon = t.indexOf(':');
            if (Character.isWhitespace(t.charAt(0)) || colon <= 0) {
                throw new BadInputException("Parameter file " + name + ", line " + n + ": SeqLab reads flat 'name: value' lines only; "
                        + "write lists inline as [1, 2, 3].");
            }
            String key = t.substring(0, colon).strip();
            String value = t.substring(colon + 1).strip();
            if (value.isEmpty()) {
                throw new BadInputException("Parameter file " + name + ", line " + n + ": '" + key + "' has no value; "
                        + "SeqLab reads flat 'name: value' lines only.");
            }
            add(key, value);
        }
    }

    private static String stripComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    /**
     * Checks that a name can be a Java variable.
     *
     * @param name the name
     * @throws BadInputException when it cannot
     */
    static void checkName(String name) {
        boolean ident = name != null && !name.isEmpty() && Character.isJavaIdentifierStart(name.charAt(0))
                && name.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
        if (!ident) {
            throw new BadInputException("Parameter name '" + name + "' is not a Java identifier; use letters, digits and _ , "
                    + "starting with a letter (for example learningRate).");
        }
        if (KEYWORDS.contains(name)) {
            throw new BadInputException("Parameter name '" + name + "' is a Java keyword; choose another name.");
        }
    }

    /** Turns command-line text into a JSON value: numbers, booleans, lists, else a string. */
    private static JsonElement parseText(String name, String raw) {
        String v = raw.strip();
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            if (v.startsWith("\"")) {
                try {
                    return JsonParser.parseString(v);
                } catch (JsonParseException e) {
                    // not a JSON string: take the text between the quotes
                }
            }
            return new JsonPrimitive(v.substring(1, v.length() - 1));
        }
        if (v.startsWith("[")) {
            if (!v.endsWith("]")) {
                throw noType(name, raw, "a list must end with ]");
            }
            String inner = v.substring(1, v.length() - 1).strip();
            JsonArray a = new JsonArray();
            if (inner.isEmpty()) {
                return a;
            }
            for (String item : splitList(name, raw, inner)) {
                String it = item.strip();
                if (it.isEmpty()) {
                    throw noType(name, raw, "a list item is empty");
                }
                a.add(parseText(name, it));
            }
            return a;
        }
        if (v.equals("true") || v.equals("false")) {
            return new JsonPrimitive(Boolean.parseBoolean(v));
        }
        if (v.equals("null")) {
            return com.google.gson.JsonNull.INSTANCE;
        }
        if (DECIMAL.matcher(v).matches()) {
            return new JsonPrimitive(new BigDecimal(v));
        }
        return new JsonPrimitive(raw);
    }

    private static List<String> splitList(String name, String raw, String inner) {
        List<String> items = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                items.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        if (quote != 0) {
            throw noType(name, raw, "a quote is not closed");
        }
        items.add(inner.substring(start));
        return items;
    }

    private static BadInputException noType(String name, String raw, String why) {
        return new BadInputException("Cannot infer a Java type for parameter '" + name + "' from " + raw + ": " + why
                + "; use a number, true/false, text, or a list of one kind such as [1, 2, 3].");
    }

    /** The Java type and literal of a JSON value. */
    private static Param typed(String name, JsonElement v, String raw) {
        if (v.isJsonArray()) {
            JsonArray a = v.getAsJsonArray();
            if (a.isEmpty()) {
                throw noType(name, raw, "an empty list has no element type");
            }
            List<Param> items = new ArrayList<>();
            for (JsonElement e : a) {
                if (!e.isJsonPrimitive()) {
                    throw noType(name, raw, "list items must be numbers, true/false or text, not " + (e.isJsonNull() ? "null" : "lists or maps"));
                }
                items.add(typed(name, e, e.toString()));
            }
            String kind = listKind(items.stream().map(Param::type).distinct().toList());
            if (kind == null) {
                throw noType(name, raw, "a list must hold values of one kind (numbers, true/false or text)");
            }
            List<String> literals = new ArrayList<>();
            for (JsonElement e : a) {
                literals.add(literal(kind, e));
            }
            return new Param(name, "List<" + kind + ">", "List.of(" + String.join(", ", literals) + ")", a);
        }
        if (v.isJsonNull()) {
            throw noType(name, raw, "null has no type");
        }
        if (v.isJsonObject()) {
            throw noType(name, raw, "a map is not supported");
        }
        JsonPrimitive p = v.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return new Param(name, "boolean", Boolean.toString(p.getAsBoolean()), p);
        }
        if (p.isNumber()) {
            String text = p.getAsString();
            if (WHOLE.matcher(text).matches()) {
                BigDecimal d = new BigDecimal(text);
                try {
                    int i = d.intValueExact();
                    return new Param(name, "int", Integer.toString(i), new JsonPrimitive(i));
                } catch (ArithmeticException e) {
                    try {
                        long l = d.longValueExact();
                        return new Param(name, "long", l + "L", new JsonPrimitive(l));
                    } catch (ArithmeticException e2) {
                        // Made a double before, silently losing digits (and the notebook's long
                        // then failed to compile against it, or worse, a double one took it).
                        throw new BadInputException("Parameter '" + name + "' is " + raw + ", a whole number too big for a long (at most "
                                + Long.MAX_VALUE + "); give a smaller number, or write it as a decimal such as 1.0e22 if a double is meant.");
                    }
                }
            }
            double d = p.getAsDouble();
            if (Double.isInfinite(d) || Double.isNaN(d)) {
                throw noType(name, raw, "the number does not fit a double");
            }
            return new Param(name, "double", Double.toString(d), new JsonPrimitive(d));
        }
        String s = p.getAsString();
        return new Param(name, "String", javaString(s), p);
    }

    private static String listKind(List<String> types) {
        if (types.size() == 1) {
            return switch (types.get(0)) {
                case "int" -> "Integer";
                case "long" -> "Long";
                case "double" -> "Double";
                case "boolean" -> "Boolean";
                default -> "String";
            };
        }
        if (types.stream().allMatch(t -> t.equals("int") || t.equals("long"))) {
            return "Long";
        }
        if (types.stream().allMatch(t -> t.equals("int") || t.equals("long") || t.equals("double"))) {
            return "Double";
        }
        return null;
    }

    private static String literal(String kind, JsonElement e) {
        return switch (kind) {
            case "Integer" -> Integer.toString(e.getAsInt());
            case "Long" -> e.getAsLong() + "L";
            case "Double" -> Double.toString(e.getAsDouble());
            case "Boolean" -> Boolean.toString(e.getAsBoolean());
            default -> javaString(e.getAsString());
        };
    }

    /**
     * A Java string literal.
     *
     * @param s the text
     * @return the quoted, escaped literal
     */
    static String javaString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** @return the declarations, one a line */
    public String declarations() {
        StringBuilder b = new StringBuilder();
        for (Param p : params.values()) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(p.declaration());
        }
        return b.toString();
    }

    /** @return the values as a JSON object (for the notebook metadata) */
    public JsonObject json() {
        JsonObject o = new JsonObject();
        params.values().forEach(p -> o.add(p.name(), p.json()));
        return o;
    }
}
