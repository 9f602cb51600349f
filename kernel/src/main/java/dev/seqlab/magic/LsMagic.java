package dev.seqlab.magic;

/** {@code %lsmagic}: lists the session's magics, from the registry. */
final class LsMagic implements LineMagic {

    @Override
    public String name() {
        return "lsmagic";
    }

    @Override
    public String synopsis() {
        return "%lsmagic";
    }

    @Override
    public String summary() {
        return "list the magics";
    }

    @Override
    public void run(String args, MagicContext session) {
        session.print(session.magics().listing());
    }
}
