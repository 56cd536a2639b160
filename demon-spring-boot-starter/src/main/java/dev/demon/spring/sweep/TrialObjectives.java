package dev.demon.spring.sweep;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalInt;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * The objective a trial has reported at each step, as Optuna's
 * {@code FrozenTrial.intermediate_values} holds them: a step is an int &gt;= 0 (a sweep
 * reports one per epoch, numbered from 1), a value any double, NaN included (a diverged
 * epoch). Immutable; ordered by step.
 */
public final class TrialObjectives {

    /** A trial that has reported nothing yet. */
    public static final TrialObjectives NONE = new TrialObjectives(new TreeMap<>());

    private final NavigableMap<Integer, Double> byStep;

    private TrialObjectives(NavigableMap<Integer, Double> byStep) {
        this.byStep = Collections.unmodifiableNavigableMap(byStep);
    }

    /**
     * The objectives of a trial.
     * @param byStep the value reported at each step
     * @return them, ordered by step
     * @throws IllegalArgumentException when a step is negative or a value null
     */
    public static TrialObjectives of(Map<Integer, Double> byStep) {
        NavigableMap<Integer, Double> copy = new TreeMap<>();
        byStep.forEach((step, value) -> {
            checkStep(step);
            if (value == null) {
                throw new IllegalArgumentException("The value reported at step " + step + " is null");
            }
            copy.put(step, value);
        });
        return new TrialObjectives(copy);
    }

    /**
     * The objectives of a sweep's trial, its epochs as the steps.
     * @param byEpoch the objective after each finished epoch, epoch 1 first, as
     * {@link TrialProgress#objectives()} holds them
     * @return the value at step 1, 2, ...
     * @throws IllegalArgumentException when a value is null
     */
    public static TrialObjectives ofEpochs(List<Double> byEpoch) {
        Map<Integer, Double> byStep = new HashMap<>();
        for (int i = 0; i < byEpoch.size(); i++) {
            byStep.put(i + 1, byEpoch.get(i));
        }
        return of(byStep);
    }

    /**
     * These objectives with one more reported. As Optuna's {@code Trial.report}, a step
     * reported already keeps its first value: a retried epoch cannot rewrite history.
     * @param step the step, &gt;= 0
     * @param value the objective at that step, NaN allowed
     * @return the objectives with this one, or these when the step was reported already
     * @throws IllegalArgumentException when the step is negative
     */
    public TrialObjectives report(int step, double value) {
        checkStep(step);
        if (byStep.containsKey(step)) {
            return this;
        }
        NavigableMap<Integer, Double> copy = new TreeMap<>(byStep);
        copy.put(step, value);
        return new TrialObjectives(copy);
    }

    private static void checkStep(int step) {
        if (step < 0) {
            throw new IllegalArgumentException("A step must be >= 0 but got " + step);
        }
    }

    /**
     * The reported values.
     * @return the value at each step, ordered by step, unmodifiable
     */
    public NavigableMap<Integer, Double> byStep() {
        return byStep;
    }

    /**
     * The last step reported (Optuna's {@code FrozenTrial.last_step}).
     * @return the largest step, or empty when nothing was reported
     */
    public OptionalInt lastStep() {
        return byStep.isEmpty() ? OptionalInt.empty() : OptionalInt.of(byStep.lastKey());
    }

    /**
     * The best value over all steps, NaN ignored: the lowest when minimizing, the highest
     * when maximizing (Optuna's {@code _get_best_intermediate_result_over_steps} in
     * {@code optuna/pruners/_percentile.py}, {@code np.nanmin}/{@code np.nanmax}).
     * @param direction whether lower or higher is better
     * @return the best value, or NaN when every value is NaN
     * @throws IllegalStateException when nothing was reported
     */
    public double best(ObjectiveDirection direction) {
        if (byStep.isEmpty()) {
            throw new IllegalStateException("A trial that reported nothing has no best objective");
        }
        double best = Double.NaN;
        for (double value : byStep.values()) {
            if (!Double.isNaN(value) && (Double.isNaN(best) || isBetter(value, best, direction))) {
                best = value;
            }
        }
        return best;
    }

    private static boolean isBetter(double value, double than, ObjectiveDirection direction) {
        return (direction == ObjectiveDirection.MAXIMIZE) ? value > than : value < than;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof TrialObjectives objectives && byStep.equals(objectives.byStep);
    }

    @Override
    public int hashCode() {
        return byStep.hashCode();
    }

    @Override
    public String toString() {
        return "TrialObjectives" + byStep;
    }

}
