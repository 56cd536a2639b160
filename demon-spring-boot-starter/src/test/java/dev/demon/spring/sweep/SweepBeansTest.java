package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.metrics.SweepMetrics;
import dev.demon.spring.serving.ServedModel;
import dev.demon.spring.serving.ServedModels;
import dev.demon.spring.testing.FeaturesTranslator;
import dev.demon.spring.testing.RegressionDataset;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.workspace.Workspace;

/**
 * What an application with a sweep has besides its job: the sweep's summary bean (for the
 * training page and the meters), its trials gauge, and its best model served under the
 * sweep's name.
 */
class SweepBeansTest {

    @TempDir
    static Path folder;

    private static SweepSummary summary;

    private static double completed;

    private static Path served;

    private static Optional<float[]> prediction;

    @BeforeAll
    static void sweep() throws Exception {
        SweepRun.startThen(folder, context -> {
            summary = context.getBean(SweepRun.SWEEP + "-summary", SweepSummary.class);
            completed = context.getBean(MeterRegistry.class)
                .get(SweepMetrics.TRIALS)
                .tag("sweep", SweepRun.SWEEP)
                .tag("status", "COMPLETED")
                .gauge()
                .value();
            ServedModels models = context.getBean(ServedModels.class);
            served = models.bestModelFolder(SweepRun.SWEEP);
            try (ServedModel<float[], float[]> model = models.bestModel(SweepRun.SWEEP, float[].class, float[].class,
                    new FeaturesTranslator())) {
                prediction = model.predict(new float[RegressionDataset.FEATURES]);
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }, "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.05");
    }

    @Test
    void eachSweepIsASummaryBeanNamedForItWithItsObjectiveResolved() {
        assertThat(summary).isEqualTo(new SweepSummary(SweepRun.SWEEP, SweptRegression.NAME, "grid",
                ModelMonitor.VALIDATION_LOSS, SweepRun.SWEEP + "-trial"));
    }

    @Test
    void theTrialsGaugeCountsTheSweepsCompletedTrials() {
        assertThat(completed).isEqualTo(2);
    }

    @Test
    void theSweepsBestModelIsServedFromTheSweepsFolderUnderItsName() {
        assertThat(served).isEqualTo(new Workspace(folder).sweep(SweepRun.SWEEP).bestModel());
        assertThat(prediction).hasValueSatisfying(output -> assertThat(output).hasSize(1));
    }

}
