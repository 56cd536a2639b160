package dev.demon.spring.optimizer;

/**
 * The optimizers {@code demon.optimizer} selects, each with the momentum schedule applied
 * as the Demon paper applies it (Chen et al., arXiv:1910.04952, Section 3).
 */
public enum OptimizerType {

    /** SGD with momentum, {@link dev.demon.optim.DemonSgd} (paper, Algorithm 1). */
    SGDM(0.01f),

    /**
     * Adam with the first-moment coefficient scheduled, {@link dev.demon.optim.DemonAdam}
     * (paper, Algorithm 2).
     */
    ADAM(0.0001f);

    private final float defaultLearningRate;

    OptimizerType(float defaultLearningRate) {
        this.defaultLearningRate = defaultLearningRate;
    }

    /**
     * The learning rate used when {@code demon.learning-rate.initial} is not set: 0.01
     * for SGD with momentum, 0.0001 for Adam.
     * @return the default initial learning rate
     */
    public float defaultLearningRate() {
        return defaultLearningRate;
    }

    /**
     * The value as written in properties, metrics tags and reports: {@code sgdm} or
     * {@code adam}.
     * @return the lowercase name
     */
    public String propertyValue() {
        return PropertyValues.of(this);
    }

}
