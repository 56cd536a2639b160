package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.RunConfiguration;
import dev.demon.spring.training.TrainingSettings;

/**
 * The trials a sweep's definition makes: a random search draws the same trials for the
 * same sampling seed, parameters written in any relaxed form are the training property
 * they name, and the objective defaults to the pipeline's monitor.
 */
class SweepPlanTest {

    private static final TrainingPipeline DECLARATION = SweptRegression.class.getAnnotation(TrainingPipeline.class);

    @Test
    void randomSearchDrawsTheSameTrialsForTheSameSamplingSeed() {
        List<Map<String, String>> first = random(42).trials();
        assertThat(first).hasSize(5);
        assertThat(random(42).trials()).isEqualTo(first);
        assertThat(random(43).trials()).isNotEqualTo(first);
        assertThat(first).allSatisfy(trial -> {
            assertThat(Float.parseFloat(trial.get("learning-rate.initial"))).isBetween(0.001f, 0.3f);
            assertThat(trial.get("momentum.schedule")).isIn("demon", "constant");
        });
    }

    @Test
    void relaxedParameterNamesAreTheTrainingPropertiesTheyName() {
        SweepPlan plan = plan(new SweepDefinition("lr", SweptRegression.NAME, SweepSearch.GRID, null, 0,
                Map.of("learningRate.initial", List.of("0.01")), null, SweepPruning.NONE, 1, 5, 1));
        assertThat(plan.trials()).containsExactly(Map.of("learning-rate.initial", "0.01"));
        assertThat(plan.definition().parameters()).containsOnlyKeys("learning-rate.initial");
    }

    @Test
    void objectiveDefaultsToThePipelinesMonitorWhichWithoutAccuracyIsTheValidationLoss() {
        SweepPlan plan = random(1);
        assertThat(plan.objective()).isEqualTo(ModelMonitor.VALIDATION_LOSS);
        assertThat(plan.direction()).isEqualTo(ObjectiveDirection.MINIMIZE);
    }

    private static SweepPlan random(long samplingSeed) {
        return plan(new SweepDefinition(
                "lr", SweptRegression.NAME, SweepSearch.RANDOM, 5, samplingSeed, Map.of("learning-rate.initial",
                        List.of("log-uniform(0.001", " 0.3)"), "momentum.schedule", List.of("demon", "constant")),
                null, SweepPruning.NONE, 1, 5, 1));
    }

    private static SweepPlan plan(SweepDefinition definition) {
        return SweepPlan.of(definition, DECLARATION, new SweptRegression(), null, SweepPlanTest::noConfiguration);
    }

    /** Without pruning no trial's configuration is asked for. */
    private static RunConfiguration noConfiguration(TrainingSettings settings) {
        throw new AssertionError("asked for the configuration of " + settings);
    }

}
