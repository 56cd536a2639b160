package dev.demon.optim;

/**
 * The paper's update rules in plain Java {@code double} arithmetic, one element at a
 * time: an implementation independent of the NDArray code under test.
 */
final class DoubleReference {

    private DoubleReference() {
    }

    /**
     * Demon's β_t = β_init·(1 − t/T) / ((1 − β_init) + β_init·(1 − t/T)), 0 from t = T
     * on.
     */
    static double demonMomentum(double betaInit, long t, long totalUpdates) {
        double p = Math.max(0.0, 1.0 - (double) t / totalUpdates);
        return betaInit * p / ((1 - betaInit) + betaInit * p);
    }

    /** g = rescaleGrad·grad + weightDecay·θ (no clipping). */
    static double gradient(double grad, double weight, double rescaleGrad, double weightDecay) {
        return rescaleGrad * grad + weightDecay * weight;
    }

    /**
     * The contract's g = clip(rescaleGrad·grad) + weightDecay·θ, clipped to [−clipGrad,
     * clipGrad] when clipGrad ≥ 0.
     */
    static double gradient(double grad, double weight, double rescaleGrad, double weightDecay, double clipGrad) {
        double scaled = rescaleGrad * grad;
        if (clipGrad >= 0) {
            scaled = Math.max(-clipGrad, Math.min(clipGrad, scaled));
        }
        return scaled + weightDecay * weight;
    }

    /**
     * Demon SGDM, Algorithm 1: v ← β·v − η·g; θ ← θ + v. Updates both arrays in place.
     */
    static void sgdStep(double[] weight, double[] velocity, float[] grad, double momentum, double learningRate,
            double rescaleGrad, double weightDecay) {
        for (int i = 0; i < weight.length; i++) {
            double g = gradient(grad[i], weight[i], rescaleGrad, weightDecay);
            velocity[i] = momentum * velocity[i] - learningRate * g;
            weight[i] += velocity[i];
        }
    }

    /** Nesterov form: v ← β_t·v − η·g; θ ← θ + β_{t+1}·v − η·g. */
    static void nesterovStep(double[] weight, double[] velocity, float[] grad, double momentum, double nextMomentum,
            double learningRate, double rescaleGrad, double weightDecay) {
        for (int i = 0; i < weight.length; i++) {
            double g = gradient(grad[i], weight[i], rescaleGrad, weightDecay);
            velocity[i] = momentum * velocity[i] - learningRate * g;
            weight[i] += nextMomentum * velocity[i] - learningRate * g;
        }
    }

    /**
     * Demon Adam, Algorithm 2: m ← β·m + g; s ← β2·s + (1 − β2)·g²; ŝ = s/(1 − β2^(t+1));
     * θ ← θ − η·m/(√ŝ + ε).
     */
    static void adamStep(double[] weight, double[] m, double[] s, float[] grad, long t, double momentum, double beta2,
            double epsilon, double learningRate, double rescaleGrad, double weightDecay, double clipGrad) {
        for (int i = 0; i < weight.length; i++) {
            double g = gradient(grad[i], weight[i], rescaleGrad, weightDecay, clipGrad);
            m[i] = momentum * m[i] + g;
            s[i] = beta2 * s[i] + (1 - beta2) * g * g;
            double sHat = s[i] / (1 - Math.pow(beta2, t + 1));
            weight[i] -= learningRate * m[i] / (Math.sqrt(sHat) + epsilon);
        }
    }

    /**
     * Asserts |actual − expected| ≤ tolerance · max(1, |expected|) element-wise, naming
     * the worst element.
     */
    static void assertClose(double[] expected, float[] actual, double tolerance, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs(actual[i] - expected[i]) / Math.max(1.0, Math.abs(expected[i]));
            if (error > tolerance) {
                org.junit.jupiter.api.Assertions.fail(what + ": element " + i + " is " + actual[i] + ", reference "
                        + expected[i] + " (relative error " + error + ")");
            }
        }
    }

    /** The parameters' initial values, one array per parameter. */
    static double[][] initialWeights(ParameterSet parameters) {
        double[][] weights = new double[parameters.size()][];
        for (int p = 0; p < weights.length; p++) {
            weights[p] = toDouble(parameters.initialWeights(p));
        }
        return weights;
    }

    /** Zero buffers shaped like {@code weights}. */
    static double[][] zerosLike(double[][] weights) {
        double[][] zeros = new double[weights.length][];
        for (int p = 0; p < weights.length; p++) {
            zeros[p] = new double[weights[p].length];
        }
        return zeros;
    }

    static double[] toDouble(float[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }

}
