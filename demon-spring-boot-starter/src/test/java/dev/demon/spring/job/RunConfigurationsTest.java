package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import dev.demon.schedule.ConstantMomentum;
import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.MomentumScheduleType;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.testing.RegressionPipeline;
import dev.demon.spring.training.RunConfiguration;
import dev.demon.spring.training.TrainingSettings;

/**
 * A run's configuration layers the trial's settings over the pipeline's over the global
 * ones over the annotation's, setting by setting; the application's momentum schedule
 * stays unless a momentum setting is made for the pipeline or the trial.
 */
class RunConfigurationsTest {

    private static final TrainingPipeline DECLARATION = RegressionPipeline.class.getAnnotation(TrainingPipeline.class);

    private static final String ENGINE_VERSION = Engine.getEngine("MXNet").getVersion();

    /** The application's schedule bean, unlike the global properties' demon(0.9). */
    private final MomentumSchedule applicationSchedule = new ConstantMomentum(0.5f);

    /** The application's optimizer factory, as the global properties below make it. */
    private final DemonOptimizerFactory applicationOptimizers = new DemonOptimizerFactory(OptimizerType.SGDM,
            applicationSchedule, new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, 0.01f), 0f);

    /** The global properties with their defaults and nothing else set. */
    private final TrainingSettings defaults = new TrainingSettings(OptimizerType.SGDM, MomentumScheduleType.DEMON, 0.9f,
            0f, null, LearningRateScheduleType.FIXED, null, 0f, null, null, null);

    private RunConfiguration configuration(TrainingSettings global, Map<String, String> pipeline,
            Map<String, String> trial) {
        RunConfigurations configurations = new RunConfigurations(applicationOptimizers, global,
                Map.of(RegressionPipeline.NAME, TrainingSettings.parse(pipeline), "other",
                        TrainingSettings.parse(Map.of("epochs", "9", "optimizer", "adam"))),
                List.of(RegressionPipeline.NAME, "other"), "MXNet");
        return configurations.of(DECLARATION, new RegressionPipeline(), TrainingSettings.parse(trial));
    }

    private static TrainingConfiguration recorded(String optimizer, String schedule, float betaInit, float learningRate,
            float weightDecay, int epochs, int batchSize, Integer seed) {
        return new TrainingConfiguration(optimizer, schedule, betaInit, null, learningRate, "fixed", null, weightDecay,
                epochs, batchSize, seed, "MXNet", ENGINE_VERSION);
    }

    @Test
    void withoutOverridesARunTrainsWithTheApplicationsOptimizersAndTheAnnotationsEpochsAndBatchSize() {
        RunConfiguration configuration = configuration(defaults, Map.of(), Map.of());
        assertThat(configuration.optimizers()).isSameAs(applicationOptimizers);
        assertThat(configuration.record())
            .isEqualTo(recorded("sgdm", "constant", 0.5f, 0.01f, 0f, 4, RegressionPipeline.BATCH_SIZE, null));
    }

    @Test
    void globalEpochsBatchSizeAndSeedOverTheAnnotation() {
        TrainingSettings global = TrainingSettings.parse(Map.of("epochs", "6", "batch-size", "20", "seed", "5"))
            .orElse(defaults);
        assertThat(configuration(global, Map.of(), Map.of()).record())
            .isEqualTo(recorded("sgdm", "constant", 0.5f, 0.01f, 0f, 6, 20, 5));
    }

    @Test
    void pipelineSettingsOverTheGlobalOnes() {
        TrainingSettings global = TrainingSettings
            .parse(Map.of("epochs", "6", "batch-size", "20", "seed", "5", "learning-rate.initial", "0.03",
                    "weight-decay", "0.1"))
            .orElse(defaults);
        assertThat(
                configuration(global,
                        Map.of("optimizer", "adam", "learning-rate.initial", "0.05", "weight-decay", "0.001", "epochs",
                                "3"),
                        Map.of())
                    .record())
            .isEqualTo(recorded("adam", "constant", 0.5f, 0.05f, 0.001f, 3, 20, 5));
    }

    @Test
    void trialSettingsOverThePipelinesOnes() {
        assertThat(configuration(defaults,
                Map.of("optimizer", "adam", "learning-rate.initial", "0.05", "epochs", "3", "seed", "1"),
                Map.of("learning-rate.initial", "0.2", "seed", "9"))
            .record()).isEqualTo(recorded("adam", "constant", 0.5f, 0.2f, 0f, 3, RegressionPipeline.BATCH_SIZE, 9));
    }

    @Test
    void anotherPipelinesSettingsDoNotApply() {
        assertThat(configuration(defaults, Map.of(), Map.of()).record().epochs()).isEqualTo(4);
    }

    @Test
    void aPipelineSwitchedToAdamTrainsAtAdamsDefaultLearningRateUnlessOneIsSet() {
        assertThat(configuration(defaults, Map.of("optimizer", "adam"), Map.of()).record().learningRate())
            .isEqualTo(0.0001f);
        TrainingSettings global = TrainingSettings.parse(Map.of("learning-rate.initial", "0.03")).orElse(defaults);
        assertThat(configuration(global, Map.of("optimizer", "adam"), Map.of()).record().learningRate())
            .isEqualTo(0.03f);
    }

    @Test
    void theApplicationsScheduleIsKeptWhenNoMomentumSettingIsMade() {
        RunConfiguration configuration = configuration(defaults, Map.of("learning-rate.initial", "0.05"),
                Map.of("optimizer", "adam"));
        assertThat(configuration.optimizers().getMomentumSchedule()).isSameAs(applicationSchedule);
    }

    @Test
    void aPipelinesMomentumSettingBuildsItsScheduleFromTheLayeredMomentumSettings() {
        RunConfiguration configuration = configuration(defaults, Map.of("momentum.beta-init", "0.8"), Map.of());
        assertThat(configuration.optimizers().getMomentumSchedule().name()).isEqualTo("demon");
        assertThat(configuration.optimizers().getMomentumSchedule().parameters())
            .isEqualTo(Map.of(MomentumSchedule.BETA_INIT, 0.8f, MomentumSchedule.DECAY_START, 0f));
        // Only the schedule differs from the application's optimizers.
        assertThat(configuration.optimizers().getLearningRates()).isSameAs(applicationOptimizers.getLearningRates());
    }

    @Test
    void aTrialsMomentumSettingBuildsItsScheduleOverThePipelinesMomentumSettings() {
        RunConfiguration configuration = configuration(defaults, Map.of("momentum.beta-init", "0.8"),
                Map.of("momentum.schedule", "constant"));
        assertThat(configuration.record())
            .isEqualTo(recorded("sgdm", "constant", 0.8f, 0.01f, 0f, 4, RegressionPipeline.BATCH_SIZE, null));
    }

    @Test
    void settingsForAPipelineThereIsNotAreRefusedNamingItAndThePipelines() {
        assertThatExceptionOfType(UnknownPipelineException.class)
            .isThrownBy(() -> new RunConfigurations(applicationOptimizers, defaults,
                    Map.of("regresion", TrainingSettings.NONE, RegressionPipeline.NAME, TrainingSettings.NONE),
                    List.of(RegressionPipeline.NAME, "synthetic"), "MXNet"))
            .satisfies(ex -> {
                assertThat(ex.getUnknown()).containsExactly("regresion");
                assertThat(ex.getPipelines()).containsExactly(RegressionPipeline.NAME, "synthetic");
            });
    }

}
