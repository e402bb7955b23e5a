package dev.apfa.audit.anomaly;

/**
 * Exponentially weighted mean and variance of one series (West's incremental form), so a z-score
 * needs O(1) memory per series.
 */
final class Ewma {

    private final double alpha;
    private double mean;
    private double variance;
    private long samples;

    Ewma(double alpha) {
        this.alpha = alpha;
    }

    /** How many standard deviations {@code value} lies above the mean, before taking it in. */
    double zScore(double value) {
        double sd = Math.sqrt(variance);
        return sd == 0 ? 0 : (value - mean) / sd;
    }

    void add(double value) {
        if (samples++ == 0) {
            mean = value;
            return;
        }
        double diff = value - mean;
        double increment = alpha * diff;
        mean += increment;
        variance = (1 - alpha) * (variance + diff * increment);
    }

    double mean() {
        return mean;
    }

    long samples() {
        return samples;
    }
}
