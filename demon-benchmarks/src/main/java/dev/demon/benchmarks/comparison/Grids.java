package dev.demon.benchmarks.comparison;

import java.util.ArrayList;
import java.util.List;

import dev.demon.spring.optimizer.OptimizerType;

/**
 * The cells of the two jobs, in a fixed order, built from {@link ComparisonProperties}.
 */
public final class Grids {

    /** Budget label of the sensitivity runs. */
    static final String SENSITIVITY_BUDGET = "sensitivity";

    private Grids() {
    }

    /**
     * {models} × {optimizers} × {budgets} × {methods} × seeds.
     * @param properties the grid
     * @return one cell per run
     */
    public static List<Cell> comparison(ComparisonProperties properties) {
        List<Cell> cells = new ArrayList<>();
        for (ModelKind model : properties.models()) {
            for (OptimizerType optimizer : properties.optimizers()) {
                for (String budget : properties.budgets()) {
                    int epochs = switch (budget) {
                        case "short" -> properties.shortEpochs();
                        case "long" -> properties.longEpochs();
                        default -> throw new IllegalArgumentException(
                                "comparison.budgets: unknown budget " + budget + ", expected short or long");
                    };
                    for (Method method : properties.methods()) {
                        for (int seed = 1; seed <= properties.seeds(); seed++) {
                            cells.add(new Cell(model, optimizer, budget, epochs, method, seed,
                                    properties.learningRate(optimizer), properties.betaInit()));
                        }
                    }
                }
            }
        }
        return cells;
    }

    /**
     * {methods} × {learning rates} × {β_init} × seeds, SGDM on the sensitivity model.
     * @param properties the grid
     * @return one cell per run
     */
    public static List<Cell> sensitivity(ComparisonProperties properties) {
        ComparisonProperties.Sensitivity grid = properties.sensitivity();
        List<Cell> cells = new ArrayList<>();
        for (Method method : grid.methods()) {
            for (float learningRate : grid.learningRates()) {
                for (float betaInit : grid.betaInits()) {
                    for (int seed = 1; seed <= grid.seeds(); seed++) {
                        cells.add(new Cell(grid.model(), OptimizerType.SGDM, SENSITIVITY_BUDGET, grid.epochs(), method,
                                seed, learningRate, betaInit));
                    }
                }
            }
        }
        return cells;
    }

}
