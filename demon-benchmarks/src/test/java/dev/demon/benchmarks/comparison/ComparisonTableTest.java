package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The comparison's tables: mean ± std per setting and the paper's Top-1/Top-3 counts. */
class ComparisonTableTest {

    private final List<TrialError> cells = new ArrayList<>();

    private void add(String setting, String method, double... errors) {
        for (int seed = 1; seed <= errors.length; seed++) {
            cells.add(new TrialError(setting, method, "sgdm", Map.of("variant", method, "seed", Integer.toString(seed)),
                    errors[seed - 1], 1.0, false));
        }
    }

    @Test
    void ranksMethodsOfASettingByMeanTestError() {
        add("mlp-sgdm-short", "demon", 0.10, 0.12);
        add("mlp-sgdm-short", "constant", 0.12, 0.14);
        add("mlp-sgdm-short", "lr-step", 0.08, 0.20);

        assertThat(new ComparisonTable(cells).ranking("mlp-sgdm-short")).containsExactly("demon", "constant",
                "lr-step");
    }

    @Test
    void methodsAreColumnsInTheOrderTheSweepsDeclareThem() {
        add("mlp-sgdm-short", "lr-step", 0.30);
        add("mlp-sgdm-short", "demon", 0.20);

        assertThat(new ComparisonTable(cells).toMarkdown()).contains("| setting | lr-step | demon |")
            .contains("| mlp-sgdm-short | 30.00 ± 0.00 | **20.00 ± 0.00** |");
    }

    @Test
    void writesMeanAndSampleStandardDeviationInPercent() {
        // Mean 0.11, sample standard deviation √((0.01² + 0.01²) / 1) = 0.01414.
        add("cnn-adam-long", "demon", 0.10, 0.12);
        add("cnn-adam-long", "constant", 0.20, 0.20);

        assertThat(new ComparisonTable(cells).toMarkdown())
            .contains("| cnn-adam-long | **11.00 ± 1.41** | 20.00 ± 0.00 |");
    }

    @Test
    void countsTopOneAndTopThreeFinishesPerOptimizerFamily() {
        for (String budget : List.of("short", "long")) {
            add("mlp-sgdm-" + budget, "demon", 0.10);
            add("mlp-sgdm-" + budget, "constant", budget.equals("short") ? 0.09 : 0.11);
            add("mlp-sgdm-" + budget, "lr-step", 0.12);
            add("mlp-sgdm-" + budget, "lr-cosine", 0.13);
        }
        add("mlp-adam-short", "demon", 0.30);
        add("mlp-adam-short", "constant", 0.20);
        ComparisonTable table = new ComparisonTable(cells);

        assertThat(table.finishes("demon", 1, s -> s.contains("-sgdm-"))).isEqualTo(1);
        assertThat(table.finishes("demon", 3, s -> s.contains("-sgdm-"))).isEqualTo(2);
        assertThat(table.finishes("lr-cosine", 3, s -> s.contains("-sgdm-"))).isZero();
        assertThat(table.finishes("demon", 1, s -> s.contains("-adam-"))).isZero();
        assertThat(table.toMarkdown()).contains("| demon | 1 | 2 | 0 | 1 | 1 | 3 |");
    }

    @Test
    void meansEqualUpToTheAccuracysFloatRoundingAreTied() {
        // The full-data MLP/SGDM/short run: 11.78 + 11.63 + 11.43 = 11.62 + 11.73 + 11.49
        // per cent,
        // each error 1 − a float accuracy, so the two means differ in their last bits.
        add("mlp-sgdm-short", "demon", error(8822), error(8837), error(8857));
        add("mlp-sgdm-short", "constant", error(8838), error(8827), error(8851));
        add("mlp-sgdm-short", "lr-step", error(8800), error(8800), error(8800));
        ComparisonTable table = new ComparisonTable(cells);

        assertThat(table.finishes("demon", 1, s -> true)).isEqualTo(1);
        assertThat(table.finishes("constant", 1, s -> true)).isEqualTo(1);
        assertThat(table.toMarkdown())
            .contains("| mlp-sgdm-short | **11.61 ± 0.18** | **11.61 ± 0.12** | 12.00 ± 0.00 |");
    }

    /**
     * The test error the cells record: 1 − the accuracy, a float, over 10 000 test
     * images.
     */
    private static double error(int correct) {
        return 1 - (double) ((float) correct / 10_000);
    }

    @Test
    void tiedMethodsShareTheirPlace() {
        add("mlp-sgdm-short", "constant", 0.20);
        add("mlp-sgdm-short", "lr-plateau", 0.20);
        add("mlp-sgdm-short", "demon", 0.25);
        ComparisonTable table = new ComparisonTable(cells);

        assertThat(table.finishes("constant", 1, s -> true)).isEqualTo(1);
        assertThat(table.finishes("lr-plateau", 1, s -> true)).isEqualTo(1);
        assertThat(table.finishes("demon", 1, s -> true)).isZero();
    }

}
