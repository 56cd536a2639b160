package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;

import dev.demon.schedule.ConstantMomentum;
import dev.demon.schedule.DemonSchedule;
import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.report.TrainingConfiguration;

/**
 * A run's configuration records the values in force, taken from the objects that train:
 * the momentum schedule's own parameters, not the properties that may never have reached
 * it.
 */
class RunConfigurationTest {

    private static RunConfiguration with(MomentumSchedule schedule) {
        return new RunConfiguration(
                new DemonOptimizerFactory(OptimizerType.ADAM, schedule,
                        new LearningRateTrackerFactory(LearningRateScheduleType.COSINE, 0.002f), 0.0005f),
                4, 32, 11, "MXNet");
    }

    @Test
    void recordsEveryValueInForce() {
        TrainingConfiguration record = with(new DemonSchedule(0.95f, 0.25f)).record();
        assertThat(record).isEqualTo(new TrainingConfiguration("adam", "demon", 0.95f, 0.25f, 0.002f, "cosine", null,
                0.0005f, 4, 32, 11, "MXNet", Engine.getEngine("MXNet").getVersion()));
    }

    @Test
    void recordsThePlateauPatienceWithThePlateauScheduleOnly() {
        RunConfiguration plateau = new RunConfiguration(
                new DemonOptimizerFactory(OptimizerType.SGDM, new DemonSchedule(0.9f),
                        new LearningRateTrackerFactory(LearningRateScheduleType.PLATEAU, 0.01f, 2), 0f),
                4, 32, null, "MXNet");
        assertThat(plateau.record().plateauPatience()).isEqualTo(2);
        assertThat(plateau.record().byProperty()).containsEntry("demon.learning-rate.plateau-patience", "2");
        assertThat(with(new DemonSchedule(0.9f)).record().byProperty())
            .containsEntry("demon.learning-rate.plateau-patience", "none");
    }

    @Test
    void recordsTheBetaInitOfTheSchedulesOwnParameters() {
        assertThat(with(new ConstantMomentum(0.8f)).record().betaInit()).isEqualTo(0.8f);
    }

    @Test
    void recordsNoDecayStartForAScheduleWithoutOne() {
        TrainingConfiguration record = with(new ConstantMomentum(0.8f)).record();
        assertThat(record.decayStart()).isNull();
        assertThat(record.byProperty()).containsEntry("demon.momentum.decay-start", "none");
    }

    @Test
    void recordsNeitherBetaInitNorDecayStartForAScheduleThatReportsNone() {
        TrainingConfiguration record = with((update, totalUpdates) -> 0.5f).record();
        assertThat(record.momentumSchedule()).isEqualTo("custom");
        assertThat(record.betaInit()).isNull();
        assertThat(record.byProperty()).containsEntry("demon.momentum.beta-init", "none")
            .containsEntry("demon.momentum.decay-start", "none");
    }

    @Test
    void namesTheOptimizerAndScheduleAsMetricsTagThem() {
        RunConfiguration configuration = with(new DemonSchedule(0.9f));
        assertThat(configuration.optimizerName()).isEqualTo("adam");
        assertThat(configuration.scheduleName()).isEqualTo("demon");
    }

    @Test
    void refusesEpochsOrBatchSizeBelowOne() {
        DemonOptimizerFactory optimizers = with(new DemonSchedule(0.9f)).optimizers();
        assertThatIllegalArgumentException().isThrownBy(() -> new RunConfiguration(optimizers, 0, 32, null, "MXNet"))
            .withMessage("epochs and batchSize must be >= 1, got epochs = 0 and batchSize = 32");
        assertThatIllegalArgumentException().isThrownBy(() -> new RunConfiguration(optimizers, 3, 0, null, "MXNet"))
            .withMessage("epochs and batchSize must be >= 1, got epochs = 3 and batchSize = 0");
    }

}
