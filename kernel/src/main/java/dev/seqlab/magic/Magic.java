package dev.seqlab.magic;

/**
 * A magic: a line such as {@code %maven g:a:v} or a cell that starts with {@code %%time}. Each
 * magic is one class implementing {@link LineMagic} or {@link CellMagic}, listed once in
 * {@link MagicRegistry}; {@code %lsmagic}, the kernel banner, error messages and completion all
 * read that registry, so no other file names a magic.
 */
public sealed interface Magic permits LineMagic, CellMagic {

    /** @return the name without its {@code %} or {@code %%}, lower case, such as {@code maven} */
    String name();

    /** @return how it is typed, such as {@code %maven group:artifact:version ...} */
    String synopsis();

    /** @return what it does, in a few words, for {@code %lsmagic} */
    String summary();

    /** @return the name as typed: {@code %name} for a line magic, {@code %%name} for a cell magic */
    default String typed() {
        return (this instanceof CellMagic ? "%%" : "%") + name();
    }
}
