package dev.seqlab.magic;

import java.util.Locale;

/** {@code %%time}: runs the cell and prints its wall time (also when the cell fails). */
final class TimeMagic implements CellMagic {

    @Override
    public String name() {
        return "time";
    }

    @Override
    public String synopsis() {
        return "%%time";
    }

    @Override
    public String summary() {
        return "run the cell and print its wall time";
    }

    @Override
    public void run(String args, String body, MagicContext session) {
        long t0 = System.nanoTime();
        session.eval(body);
        double ms = (System.nanoTime() - t0) / 1e6;
        session.print("Wall time: " + (ms < 1000 ? String.format(Locale.ROOT, "%.1f ms", ms)
                : String.format(Locale.ROOT, "%.2f s", ms / 1000)) + "\n");
    }
}
