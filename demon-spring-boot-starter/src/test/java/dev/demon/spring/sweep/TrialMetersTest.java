package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;

import dev.demon.spring.job.TrainingJobRegistrar;

/**
 * A sweep's trial and the pipeline's own job, trained in one application, in one
 * Prometheus scrape: the same meters told apart by the tags {@code sweep} and
 * {@code trial}, empty for the job.
 */
class TrialMetersTest {

    /** 3 epochs of 8 updates. */
    private static final int UPDATES = 24;

    private static final String JOB = "optimizer=\"sgdm\",pipeline=\"" + SweptRegression.NAME
            + "\",schedule=\"demon\",sweep=\"\",trial=\"\"";

    private static final String TRIAL = "optimizer=\"sgdm\",pipeline=\"" + SweptRegression.NAME
            + "\",schedule=\"demon\",sweep=\"" + SweepRun.SWEEP + "\",trial=\"trial-0001\"";

    @TempDir
    static Path folder;

    private static SweepRun sweep;

    private static BatchStatus job;

    private static String scrape;

    @BeforeAll
    static void sweepOneTrialThenTrainThePipelinesOwnJob() {
        sweep = SweepRun.startThen(folder, context -> {
            try {
                job = context.getBean(JobOperator.class)
                    .start(context.getBean(SweptRegression.NAME + TrainingJobRegistrar.JOB_BEAN_SUFFIX, Job.class),
                            new JobParameters())
                    .getStatus();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
            scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
        }, "--demon.sweeps.lr.parameters.learning-rate.initial=0.05");
    }

    @Test
    void bothTrainedToTheirLastEpoch() {
        assertThat(sweep.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(sweep.trials()).containsOnlyKeys("trial-0001");
        assertThat(job).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void eachCountsItsOwnUpdatesUnderItsTags() {
        assertThat(scrape).contains("demon_train_updates_total{" + JOB + "} " + (double) UPDATES + "\n")
            .contains("demon_train_updates_total{" + TRIAL + "} " + (double) UPDATES + "\n")
            .contains("demon_epoch{" + JOB + "} 3.0\n")
            .contains("demon_epoch{" + TRIAL + "} 3.0\n");
    }

    @Test
    void eachHasItsOwnLearningRateTheTrialsSweptTheJobsSgdmsDefault() {
        assertThat(scrape).contains("demon_learning_rate{" + TRIAL + "} " + (double) 0.05f + "\n")
            .contains("demon_learning_rate{" + JOB + "} " + (double) 0.01f + "\n");
    }

}
