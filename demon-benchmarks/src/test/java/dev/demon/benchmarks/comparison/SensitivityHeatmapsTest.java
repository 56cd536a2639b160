package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The sensitivity tables: per method, the mean error over seeds at each (η0, β_init) of
 * the trials' parameters, axes in the order the sweep lists them.
 */
class SensitivityHeatmapsTest {

    private final List<TrialError> trials = new ArrayList<>();

    private void add(String method, String learningRate, String betaInit, double... errors) {
        for (int seed = 1; seed <= errors.length; seed++) {
            trials.add(new TrialError(
                    "sensitivity-mlp-sgdm", method, "sgdm", Map.of("variant", method, "learning-rate.initial",
                            learningRate, "momentum.beta-init", betaInit, "seed", Integer.toString(seed)),
                    errors[seed - 1], 1.0, false));
        }
    }

    @Test
    void tablesHaveBetaInitRowsAndLearningRateColumnsOfMeanErrorsInPercent() {
        add("demon", "0.1", "0.9", 0.10, 0.20);
        add("demon", "0.1", "0.5", 0.30, 0.30);
        add("demon", "0.01", "0.9", 0.40, 0.40);
        add("demon", "0.01", "0.5", 0.50, 0.50);

        assertThat(new SensitivityHeatmaps(trials).toMarkdown()).contains("| demon | 15.00 | 35.00 | 50.00 | 1 of 4 |")
            .contains(
                    "Test error (%) of demon SGDM, mean over seeds\n\n| β_init \\ η0 | 0.1 | 0.01 |\n|---|---:|---:|\n"
                            + "| 0.9 | 15.00 | 40.00 |\n| 0.5 | 30.00 | 50.00 |\n");
    }

}
