package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.MomentumScheduleType;
import dev.demon.spring.optimizer.OptimizerType;

import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.RunConfiguration;
import dev.demon.spring.training.TrainingSettings;

/**
 * The trials a sweep's definition makes: a random search draws the same trials for the
 * same sampling seed, parameters written in any relaxed form are the training property
 * they name, the objective defaults to the pipeline's monitor, and named variants (linked
 * settings) cross the parameters as a parameter {@code variant} declared first.
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
        SweepPlan plan = plan(new SweepDefinition("lr", SweptRegression.NAME, SweepSearch.GRID, null, 0, Map.of(),
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

    @Test
    void gridCrossesEveryVariantWithEveryPointOfTheParametersTheVariantVaryingSlowest() {
        SweepPlan plan = plan(methods(SweepSearch.GRID, null));
        assertThat(plan.trials()).containsExactly(trial("sgdm-demon", "0.01", "1"), trial("sgdm-demon", "0.01", "2"),
                trial("sgdm-demon", "0.1", "1"), trial("sgdm-demon", "0.1", "2"), trial("sgdm-cosine", "0.01", "1"),
                trial("sgdm-cosine", "0.01", "2"), trial("sgdm-cosine", "0.1", "1"), trial("sgdm-cosine", "0.1", "2"));
        assertThat(plan.trials().get(0).keySet()).containsExactly("variant", "learning-rate.initial", "seed");
    }

    @Test
    void aTrialTrainsWithItsVariantsSettingsAndItsPoint() {
        SweepPlan plan = plan(methods(SweepSearch.GRID, null));
        assertThat(plan.settings(plan.trials().get(5)))
            .isEqualTo(new TrainingSettings(OptimizerType.SGDM, MomentumScheduleType.CONSTANT, null, null, 0.01f,
                    LearningRateScheduleType.COSINE, null, null, null, null, 2));
    }

    @Test
    void randomSearchDrawsTheVariantUniformlyBeforeTheParametersOfEachTrial() {
        SplittableRandom random = new SplittableRandom(11);
        List<String> variants = List.of("sgdm-demon", "sgdm-cosine");
        List<String> rates = List.of("0.01", "0.1");
        List<String> seeds = List.of("1", "2");
        List<Map<String, String>> expected = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            expected.add(
                    trial(variants.get(random.nextInt(2)), rates.get(random.nextInt(2)), seeds.get(random.nextInt(2))));
        }
        assertThat(plan(methods(SweepSearch.RANDOM, 6)).trials()).containsExactlyElementsOf(expected);
    }

    @Test
    void variantsAloneMakeOneTrialEach() {
        SweepPlan plan = plan(new SweepDefinition("methods", SweptRegression.NAME, SweepSearch.GRID, null, 0,
                methodVariants(), Map.of(), null, SweepPruning.NONE, 1, 5, 1));
        assertThat(plan.trials()).containsExactly(Map.of("variant", "sgdm-demon"), Map.of("variant", "sgdm-cosine"));
    }

    @Test
    void variantSettingsInRelaxedFormAreRecordedUnderTheirCanonicalNamesWithTheVariantsInOrder() {
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("slow", Map.of("learningRate.schedule", "step"));
        variants.put("fast", Map.of("learning_rate.schedule", "fixed"));
        SweepPlan plan = plan(new SweepDefinition("methods", SweptRegression.NAME, SweepSearch.GRID, null, 0, variants,
                Map.of("seed", List.of("1")), null, SweepPruning.NONE, 1, 5, 1));
        assertThat(plan.definition().recorded()).containsEntry("demon.sweeps.methods.variants", "slow,fast")
            .containsEntry("demon.sweeps.methods.variants.slow.learning-rate.schedule", "step")
            .containsEntry("demon.sweeps.methods.variants.fast.learning-rate.schedule", "fixed")
            .containsEntry("demon.sweeps.methods.parameters.seed", "1");
    }

    @Test
    void aVariantSettingThatIsNoTrainingPropertyIsRefusedNamingTheClosest() {
        assertRefused(Map.of("momentum.schedul", "demon"), Map.of("seed", List.of("1")),
                "demon.sweeps.methods.variants.v.momentum.schedul = \"demon\": is not a training property; the "
                        + "closest one is momentum.schedule");
    }

    @Test
    void aVariantSettingOutOfItsRangeIsRefusedByItsName() {
        assertRefused(Map.of("momentum.beta-init", "1.5"), Map.of("seed", List.of("1")),
                "demon.sweeps.methods.variants.v.momentum.beta-init = \"1.5\": must be in [0, 1)");
    }

    @Test
    void aVariantSettingThatIsSweptTooIsRefused() {
        assertRefused(Map.of("learningRate.initial", "0.1"), Map.of("learning-rate.initial", List.of("0.01")),
                "demon.sweeps.methods.variants.v.learningRate.initial = \"0.1\": is swept too, as "
                        + "demon.sweeps.methods.parameters.learning-rate.initial; a training property is set by the "
                        + "variants or swept by the parameters, not both");
    }

    private static void assertRefused(Map<String, String> variant, Map<String, List<String>> parameters,
            String message) {
        SweepDefinition definition = new SweepDefinition("methods", SweptRegression.NAME, SweepSearch.GRID, null, 0,
                Map.of("v", variant), parameters, null, SweepPruning.NONE, 1, 5, 1);
        assertThatExceptionOfType(InvalidSweepException.class).isThrownBy(() -> plan(definition)).withMessage(message);
    }

    /**
     * SGDM with Demon against SGDM with a cosine learning rate, over 2 rates x 2 seeds.
     */
    private static SweepDefinition methods(SweepSearch search, Integer trials) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("learning-rate.initial", List.of("0.01", "0.1"));
        parameters.put("seed", List.of("1", "2"));
        return new SweepDefinition("methods", SweptRegression.NAME, search, trials, 11, methodVariants(), parameters,
                null, SweepPruning.NONE, 1, 5, 1);
    }

    private static Map<String, Map<String, String>> methodVariants() {
        Map<String, String> demon = new LinkedHashMap<>();
        demon.put("optimizer", "sgdm");
        demon.put("momentum.schedule", "demon");
        demon.put("learning-rate.schedule", "fixed");
        Map<String, String> cosine = new LinkedHashMap<>();
        cosine.put("optimizer", "sgdm");
        cosine.put("momentum.schedule", "constant");
        cosine.put("learning-rate.schedule", "cosine");
        Map<String, Map<String, String>> variants = new LinkedHashMap<>();
        variants.put("sgdm-demon", demon);
        variants.put("sgdm-cosine", cosine);
        return variants;
    }

    private static Map<String, String> trial(String variant, String learningRate, String seed) {
        return Map.of("variant", variant, "learning-rate.initial", learningRate, "seed", seed);
    }

    private static SweepPlan random(long samplingSeed) {
        return plan(new SweepDefinition("lr", SweptRegression.NAME, SweepSearch.RANDOM, 5, samplingSeed, Map.of(),
                Map.of("learning-rate.initial", List.of("log-uniform(0.001", " 0.3)"), "momentum.schedule",
                        List.of("demon", "constant")),
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
