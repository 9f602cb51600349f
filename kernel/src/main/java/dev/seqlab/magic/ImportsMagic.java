package dev.seqlab.magic;

/** {@code %imports}: lists the session's imports, the default ones and the cells' own. */
final class ImportsMagic implements LineMagic {

    @Override
    public String name() {
        return "imports";
    }

    @Override
    public String synopsis() {
        return "%imports";
    }

    @Override
    public String summary() {
        return "list the imports in place (defaults and the cells' own)";
    }

    @Override
    public void run(String args, MagicContext session) {
        StringBuilder b = new StringBuilder();
        session.imports().forEach(i -> b.append(i).append('\n'));
        session.print(b.toString());
    }
}
