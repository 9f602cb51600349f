package dev.seqlab.data;

/**
 * One column's fitted affine scaling: scaled = (x - shift) / scale.
 *
 * @param shift subtracted first (min or mean)
 * @param scale divided by next (range or standard deviation; 1 for a constant column)
 */
record Scaler(double shift, double scale) {

    /** Fits the scaling on values[from, end): the training rows only. */
    static Scaler fit(Scaling scaling, double[] values, int from, int end) {
        switch (scaling) {
            // A (numerically) constant column would divide by zero or by rounding noise: leave it
            // shifted only. "Constant" is judged relative to the values' magnitude.
            case MIN_MAX: {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = from; i < end; i++) {
                    min = Math.min(min, values[i]);
                    max = Math.max(max, values[i]);
                }
                return new Scaler(min, max - min > 1e-9 * (Math.abs(min) + Math.abs(max) + 1) ? max - min : 1);
            }
            case STANDARD: {
                double sum = 0;
                for (int i = from; i < end; i++) {
                    sum += values[i];
                }
                double mean = sum / (end - from);
                double sq = 0;
                for (int i = from; i < end; i++) {
                    sq += (values[i] - mean) * (values[i] - mean);
                }
                double std = Math.sqrt(sq / (end - from));
                return new Scaler(mean, std > 1e-9 * (Math.abs(mean) + 1) ? std : 1);
            }
            default:
                return new Scaler(0, 1);
        }
    }

    /** Scale-only fit (no shift) by the standard deviation of values[from, end). */
    static Scaler spread(double[] values, int from, int end) {
        Scaler s = fit(Scaling.STANDARD, values, from, end);
        return new Scaler(0, s.scale());
    }

    double apply(double x) {
        return (x - shift) / scale;
    }

    double invert(double scaled) {
        return scaled * scale + shift;
    }
}
