package dev.demon.spring.training;

import java.util.Collection;
import java.util.Optional;

import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;

/**
 * Which of a training's evaluators gives its accuracy figures: the first DJL
 * {@link Accuracy} among them. A training without one has no accuracy: its figures are
 * NaN in memory and {@code null} in report.json, the epoch log and the meters leave
 * accuracy out, and the best model is the one with the lowest validation loss.
 *
 * <p>
 * Only a pipeline knows whether accuracy means anything for it: DJL's {@code Accuracy} on
 * a regression (one output per record, labels of the same shape) compares the argmax of a
 * single column with itself and reads 1.0 on every batch, so the starter never adds it by
 * itself.
 */
public final class AccuracyEvaluator {

    private AccuracyEvaluator() {
    }

    /**
     * Finds the accuracy evaluator.
     * @param evaluators a training's evaluators
     * @return the first {@link Accuracy} among them, empty when there is none
     */
    public static Optional<Evaluator> in(Collection<? extends Evaluator> evaluators) {
        return evaluators.stream().filter(Accuracy.class::isInstance).<Evaluator>map(Evaluator.class::cast).findFirst();
    }

}
