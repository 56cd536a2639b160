package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.demon.spring.optimizer.OptimizerType;

/** The comparison's tables: mean ± std per setting and the paper's Top-1/Top-3 counts. */
class ComparisonTableTest {

    private final List<CellResults.Finished> cells = new ArrayList<>();

    private void add(ModelKind model, OptimizerType optimizer, String budget, Method method, double... errors) {
        for (int seed = 1; seed <= errors.length; seed++) {
            cells.add(new CellResults.Finished(new Cell(model, optimizer, budget, 1, method, seed, 0.01f, 0.9f),
                    new CellResult(errors[seed - 1], 0.5, 0.4, 1.0, false)));
        }
    }

    @Test
    void ranksMethodsOfASettingByMeanTestError() {
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.DEMON, 0.10, 0.12);
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.CONSTANT, 0.12, 0.14);
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.LR_STEP, 0.08, 0.20);

        assertThat(new ComparisonTable(cells).ranking("mlp-sgdm-short")).containsExactly(Method.DEMON, Method.CONSTANT,
                Method.LR_STEP);
    }

    @Test
    void writesMeanAndSampleStandardDeviationInPercent() {
        // Mean 0.11, sample standard deviation √((0.01² + 0.01²) / 1) = 0.01414.
        add(ModelKind.CNN, OptimizerType.ADAM, "long", Method.DEMON, 0.10, 0.12);
        add(ModelKind.CNN, OptimizerType.ADAM, "long", Method.CONSTANT, 0.20, 0.20);

        assertThat(new ComparisonTable(cells).toMarkdown())
            .contains("| cnn-adam-long | **11.00 ± 1.41** | 20.00 ± 0.00 |");
    }

    @Test
    void countsTopOneAndTopThreeFinishesPerOptimizerFamily() {
        for (String budget : List.of("short", "long")) {
            add(ModelKind.MLP, OptimizerType.SGDM, budget, Method.DEMON, 0.10);
            add(ModelKind.MLP, OptimizerType.SGDM, budget, Method.CONSTANT, budget.equals("short") ? 0.09 : 0.11);
            add(ModelKind.MLP, OptimizerType.SGDM, budget, Method.LR_STEP, 0.12);
            add(ModelKind.MLP, OptimizerType.SGDM, budget, Method.LR_COSINE, 0.13);
        }
        add(ModelKind.MLP, OptimizerType.ADAM, "short", Method.DEMON, 0.30);
        add(ModelKind.MLP, OptimizerType.ADAM, "short", Method.CONSTANT, 0.20);
        ComparisonTable table = new ComparisonTable(cells);

        assertThat(table.finishes(Method.DEMON, 1, s -> s.contains("-sgdm-"))).isEqualTo(1);
        assertThat(table.finishes(Method.DEMON, 3, s -> s.contains("-sgdm-"))).isEqualTo(2);
        assertThat(table.finishes(Method.LR_COSINE, 3, s -> s.contains("-sgdm-"))).isZero();
        assertThat(table.finishes(Method.DEMON, 1, s -> s.contains("-adam-"))).isZero();
        assertThat(table.toMarkdown()).contains("| demon | 1 | 2 | 0 | 1 | 1 | 3 |");
    }

    @Test
    void meansEqualUpToTheAccuracysFloatRoundingAreTied() {
        // The full-data MLP/SGDM/short run: 11.78 + 11.63 + 11.43 = 11.62 + 11.73 + 11.49
        // per cent,
        // each error 1 − a float accuracy, so the two means differ in their last bits.
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.DEMON, error(8822), error(8837), error(8857));
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.CONSTANT, error(8838), error(8827), error(8851));
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.LR_STEP, error(8800), error(8800), error(8800));
        ComparisonTable table = new ComparisonTable(cells);

        assertThat(table.finishes(Method.DEMON, 1, s -> true)).isEqualTo(1);
        assertThat(table.finishes(Method.CONSTANT, 1, s -> true)).isEqualTo(1);
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
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.CONSTANT, 0.20);
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.LR_PLATEAU, 0.20);
        add(ModelKind.MLP, OptimizerType.SGDM, "short", Method.DEMON, 0.25);
        ComparisonTable table = new ComparisonTable(cells);

        assertThat(table.finishes(Method.CONSTANT, 1, s -> true)).isEqualTo(1);
        assertThat(table.finishes(Method.LR_PLATEAU, 1, s -> true)).isEqualTo(1);
        assertThat(table.finishes(Method.DEMON, 1, s -> true)).isZero();
    }

}
