package dev.seqlab.data;

/**
 * One column's fitted affine scaling: scaled = (x - shift) / scale.
 *
 * @param shift subtracted first (min or mean)
 * @param scale divided by next (range or standard deviation; 1 for a constant column)
 */
record Scaler(double shift, double scale) {

    /** Fits the scaling on values[0, end): the training rows only. */
    static Scaler fit(Scaling scaling, double[] values, int end) {
        switch (scaling) {
            case MIN_MAX: {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < end; i++) {
                    min = Math.min(min, values[i]);
                    max = Math.max(max, values[i]);
                }
                // A constant training column would divide by zero; leave it shifted only.
                return new Scaler(min, max > min ? max - min : 1);
            }
            case STANDARD: {
                double sum = 0;
                for (int i = 0; i < end; i++) {
                    sum += values[i];
                }
                double mean = sum / end;
                double sq = 0;
                for (int i = 0; i < end; i++) {
                    sq += (values[i] - mean) * (values[i] - mean);
                }
                double std = Math.sqrt(sq / end);
                return new Scaler(mean, std > 0 ? std : 1);
            }
            default:
                return new Scaler(0, 1);
        }
    }

    double apply(double x) {
        return (x - shift) / scale;
    }

    double invert(double scaled) {
        return scaled * scale + shift;
    }
}
