package dev.seqlab.magic;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The magics of a session, looked up by name. Everything that names magics reads this registry:
 * the engine's dispatch and its "unknown magic" messages, {@code %lsmagic}, completion of magic
 * names and the kernel banner.
 *
 * <p>Adding a magic: write one class implementing {@link LineMagic} or {@link CellMagic} in this
 * package and add its constructor to {@link #BUILT_IN}. Why a static list and not
 * {@link java.util.ServiceLoader}: the list is checked by the compiler, a forgotten
 * {@code META-INF/services} line would drop a magic silently, and a magic is not a plug-in that
 * users add from outside the kernel.
 */
public final class MagicRegistry {

    /** Every built-in magic, once. Each session gets fresh instances (a magic may keep state). */
    private static final List<Supplier<Magic>> BUILT_IN = List.of(
            MavenMagic::new,
            ClasspathMagic::new,
            LoadMagic::new,
            LsMagic::new,
            VarsMagic::new,
            ImportsMagic::new,
            TimeMagic::new);

    private final List<Magic> magics;

    private MagicRegistry(List<Magic> magics) {
        List<Magic> sorted = new ArrayList<>(magics);
        // Line magics first, each kind by name: the order of %lsmagic and of every listing.
        sorted.sort(Comparator.comparing((Magic m) -> m instanceof CellMagic).thenComparing(Magic::name));
        this.magics = List.copyOf(sorted);
    }

    /** @return a registry with fresh instances of the built-in magics */
    public static MagicRegistry standard() {
        return new MagicRegistry(BUILT_IN.stream().map(Supplier::get).toList());
    }

    /**
     * A registry of the given magics (tests, or a session with extra magics).
     *
     * @param magics the magics
     * @return the registry
     */
    public static MagicRegistry of(List<Magic> magics) {
        return new MagicRegistry(magics);
    }

    /** @return every magic, line magics first, each kind by name */
    public List<Magic> all() {
        return magics;
    }

    /**
     * @param name a name without {@code %}, in any case
     * @return the line magic of that name
     */
    public Optional<LineMagic> line(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return magics.stream().filter(m -> m instanceof LineMagic && m.name().equals(n)).map(m -> (LineMagic) m).findFirst();
    }

    /**
     * @param name a name without {@code %%}, in any case
     * @return the cell magic of that name
     */
    public Optional<CellMagic> cell(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return magics.stream().filter(m -> m instanceof CellMagic && m.name().equals(n)).map(m -> (CellMagic) m).findFirst();
    }

    /** @return every magic as typed, such as {@code %maven} and {@code %%time} */
    public List<String> names() {
        return magics.stream().map(Magic::typed).toList();
    }

    /** @return the cell magics as typed, such as {@code %%time} */
    public List<String> cellNames() {
        return magics.stream().filter(m -> m instanceof CellMagic).map(Magic::typed).toList();
    }

    /** @return the listing that {@code %lsmagic} prints */
    public String listing() {
        StringBuilder b = new StringBuilder("Line magics:\n");
        magics.stream().filter(m -> m instanceof LineMagic).forEach(m -> line(b, m));
        b.append("Cell magics:\n");
        magics.stream().filter(m -> m instanceof CellMagic).forEach(m -> line(b, m));
        return b.toString();
    }

    private static void line(StringBuilder b, Magic m) {
        b.append("  ").append(m.synopsis()).append("   ").append(m.summary()).append('\n');
    }

    /**
     * @param name the unknown name as typed after {@code %}
     * @return the error for a line magic that does not exist
     */
    public MagicException unknownLine(String name) {
        return new MagicException("Unknown line magic %" + name + "; the magics are: " + String.join(", ", names()) + ".");
    }

    /**
     * @param name the unknown name as typed after {@code %%}
     * @return the error for a cell magic that does not exist
     */
    public MagicException unknownCell(String name) {
        return new MagicException("Unknown cell magic %%" + name + "; the cell magics are: " + String.join(", ", cellNames()) + ".");
    }
}
