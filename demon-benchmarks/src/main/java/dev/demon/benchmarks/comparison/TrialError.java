package dev.demon.benchmarks.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.demon.spring.sweep.SweepDefinition;
import dev.demon.spring.sweep.SweepReport;

/**
 * The test error of one finished trial of a benchmark sweep: 1 − its validation accuracy
 * after its last epoch (Fashion-MNIST's validation images are its test set), read from
 * the sweep's {@code sweep.json}.
 *
 * @param setting the sweep's name: {@code mlp-sgdm-short}, a setting of the paper's
 * tables
 * @param method the trial's variant: {@code demon}, {@code lr-step}...
 * @param optimizer the optimizer it trained with, {@code sgdm} or {@code adam}
 * @param parameters its parameters, the variant first
 * @param testError the error after its last finished epoch; {@link #CHANCE_ERROR} when it
 * finished none with a finite accuracy
 * @param seconds the wall time it trained
 * @param diverged whether it failed (the starter stops a trial whose loss is not finite)
 * or ended with a non-finite accuracy
 */
public record TrialError(String setting, String method, String optimizer, Map<String, String> parameters,
        double testError, double seconds, boolean diverged) {

    /**
     * The test error of a model that diverged before finishing an epoch: chance level
     * over Fashion-MNIST's ten balanced classes.
     */
    static final double CHANCE_ERROR = 0.9;

    private static final String ACCURACY = "validation-accuracy";

    /**
     * The trials of a sweep that finished: COMPLETED, or FAILED (diverged); a trial not
     * yet trained, or stopped, is left out.
     * @param report the sweep's results
     * @return its finished trials, in trial order
     * @throws IllegalArgumentException when the sweep is not judged by validation
     * accuracy or has no variants (the methods)
     */
    public static List<TrialError> of(SweepReport report) {
        if (!ACCURACY.equals(report.objective())) {
            throw new IllegalArgumentException("Sweep " + report.sweep() + " is judged by " + report.objective()
                    + "; the benchmarks' tables need " + ACCURACY);
        }
        List<TrialError> errors = new ArrayList<>();
        for (SweepReport.Trial trial : report.trials()) {
            boolean failed = "FAILED".equals(trial.status());
            if (!failed && !"COMPLETED".equals(trial.status())) {
                continue;
            }
            String method = trial.parameters().get(SweepDefinition.VARIANT);
            if (method == null) {
                throw new IllegalArgumentException("Sweep " + report.sweep() + " has no variants: the benchmarks' "
                        + "methods are its variants (demon.sweeps." + report.sweep() + ".variants)");
            }
            List<Double> objective = trial.objective();
            Double last = objective.isEmpty() ? null : objective.get(objective.size() - 1);
            Double lastFinite = objective.stream().filter(value -> value != null).reduce((a, b) -> b).orElse(null);
            errors.add(new TrialError(report.sweep(), method,
                    (trial.configuration() != null) ? trial.configuration().optimizer() : "?", trial.parameters(),
                    (lastFinite != null) ? 1 - lastFinite : CHANCE_ERROR, trial.seconds(), failed || last == null));
        }
        return errors;
    }

}
