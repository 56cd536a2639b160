package dev.demon.benchmarks.optimizer;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import dev.demon.optim.DemonAdam;
import dev.demon.optim.DemonSgd;
import dev.demon.schedule.DemonSchedule;

/**
 * The optimizers the optimizer benchmarks compare, with one set of settings for all of
 * them: learning rate 0.01 (SGD), 0.001 (DJL Adam) and 0.0001 (DemonAdam, whose m sums
 * gradients without the (1 − β) factor), momentum 0.9, and T so large that Demon's β
 * stays near β_init and the work per update never changes.
 */
final class BenchmarkOptimizers {

    /** T of the Demon optimizers: far more updates than a benchmark makes. */
    static final long TOTAL_STEPS = 1_000_000_000L;

    private BenchmarkOptimizers() {
    }

    /**
     * Builds an optimizer.
     * @param name {@code djl-sgd}, {@code demon-sgd}, {@code djl-adam} or
     * {@code demon-adam}
     * @return a new optimizer
     */
    static Optimizer create(String name) {
        return switch (name) {
            case "djl-sgd" -> Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).optMomentum(0.9f).build();
            case "demon-sgd" -> DemonSgd.builder()
                .setLearningRateTracker(Tracker.fixed(0.01f))
                .optMomentumSchedule(new DemonSchedule(0.9f))
                .setTotalSteps(TOTAL_STEPS)
                .build();
            case "djl-adam" -> Adam.builder().optLearningRateTracker(Tracker.fixed(0.001f)).build();
            case "demon-adam" -> DemonAdam.builder()
                .optLearningRateTracker(Tracker.fixed(0.0001f))
                .optMomentumSchedule(new DemonSchedule(0.9f))
                .setTotalSteps(TOTAL_STEPS)
                .build();
            default -> throw new IllegalArgumentException("unknown optimizer " + name);
        };
    }

    /**
     * Updates every parameter once, as DJL's parameter server does per batch, and waits
     * for the engine to finish ({@link EngineWork}): the time measured is the update's,
     * not its enqueueing.
     * @param optimizer the optimizer
     * @param ids the parameters' ids
     * @param weights their arrays, updated in place
     * @param gradients their gradients
     */
    static void updateEach(Optimizer optimizer, List<String> ids, List<NDArray> weights, List<NDArray> gradients) {
        for (int i = 0; i < ids.size(); i++) {
            optimizer.update(ids.get(i), weights.get(i), gradients.get(i));
        }
        EngineWork.awaitAll();
    }

}
