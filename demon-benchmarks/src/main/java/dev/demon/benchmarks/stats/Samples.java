package dev.demon.benchmarks.stats;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Summary statistics of a small sample: median (what the overhead figures report, robust
 * to the outliers a shared machine produces), mean and the sample standard deviation
 * (what the comparison tables report, as the paper does).
 */
public final class Samples {

    private final double[] sorted;

    private Samples(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        this.sorted = values.clone();
        Arrays.sort(sorted);
    }

    /**
     * @param values at least one value
     * @return their statistics
     */
    public static Samples of(double... values) {
        return new Samples(values);
    }

    /**
     * @param values at least one value
     * @return their statistics
     */
    public static Samples of(Collection<? extends Number> values) {
        return new Samples(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /**
     * The ratios of paired values, {@code numerators[i] / denominators[i]}, as many as
     * the shorter list has: the per-repetition ratios of two sides measured next to each
     * other.
     * @param numerators one side's values
     * @param denominators the other side's, in the same order
     * @return the ratios' statistics
     */
    public static Samples ofRatios(List<Double> numerators, List<Double> denominators) {
        return new Samples(IntStream.range(0, Math.min(numerators.size(), denominators.size()))
            .mapToDouble(i -> numerators.get(i) / denominators.get(i))
            .toArray());
    }

    /**
     * @return the number of values
     */
    public int count() {
        return sorted.length;
    }

    /**
     * The middle value, or the mean of the two middle values of an even count.
     * @return the median
     */
    public double median() {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * @return the arithmetic mean
     */
    public double mean() {
        return Arrays.stream(sorted).average().orElseThrow();
    }

    /**
     * The sample standard deviation, √(Σ(x − mean)² / (n − 1)); 0 for a single value.
     * @return the standard deviation
     */
    public double standardDeviation() {
        if (sorted.length < 2) {
            return 0;
        }
        double mean = mean();
        double squares = Arrays.stream(sorted).map(x -> (x - mean) * (x - mean)).sum();
        return Math.sqrt(squares / (sorted.length - 1));
    }

    /**
     * @return the smallest value
     */
    public double min() {
        return sorted[0];
    }

    /**
     * @return the largest value
     */
    public double max() {
        return sorted[sorted.length - 1];
    }

}
