package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.testing.TrainingRun;

/**
 * A job whose data fails in epoch 2 of 3 is started again with
 * {@code demon.unfinished-run=abandon} and another learning rate: the failed run is
 * marked ABANDONED and a new run trains from scratch with the new value.
 */
@ExtendWith(OutputCaptureExtension.class)
class AbandonUnfinishedRunTest {

    @TempDir
    static Path folder;

    private static TrainingRun restarted;

    private static String restartedLog;

    private static List<Tuple> executions;

    @BeforeAll
    static void failInEpochTwoThenStartWithAbandon(CapturedOutput output) {
        TrainingRun.start(folder, DataFault.inEpoch(DataFault.Kind.ERROR, 2));
        int logStart = output.getAll().length();
        restarted = TrainingRun.start(folder, DataFault.NONE, AbandonUnfinishedRunTest::keepExecutions,
                "--demon.unfinished-run=abandon", "--demon.learning-rate.initial=0.05");
        restartedLog = output.getAll().substring(logStart);
    }

    /** Every execution of the job, oldest first, as (job instance, status). */
    private static void keepExecutions(ConfigurableApplicationContext context) {
        JobRepository jobRepository = context.getBean(JobRepository.class);
        executions = jobRepository.getJobInstances(SyntheticPipeline.NAME, 0, 10)
            .stream()
            .flatMap(instance -> jobRepository.getJobExecutions(instance).stream())
            .sorted(Comparator.comparingLong(JobExecution::getId))
            .map(execution -> tuple(execution.getJobInstance().getInstanceId(), execution.getStatus()))
            .toList();
    }

    @Test
    void failedRunEndsAbandonedAndANewInstanceCompletes() {
        assertThat(executions).containsExactly(tuple(1L, BatchStatus.ABANDONED), tuple(2L, BatchStatus.COMPLETED));
        assertThat(restarted.exitCode()).isZero();
    }

    @Test
    void newRunTrainsEveryEpochFromScratchWithTheNewValue() {
        assertThat(restarted.stepRuns()).containsExactly(1L, 1L, 1L);
        assertThat(restarted.report().updatesDone()).isEqualTo(TrainingRun.TOTAL_UPDATES);
        assertThat(restarted.report().configuration().learningRate()).isEqualTo(0.05f);
    }

    @Test
    void abandonIsLogged() {
        assertThat(restartedLog).contains("Abandoning the unfinished run of job synthetic (instance 1, execution 1 "
                + "ended FAILED), as demon.unfinished-run=abandon asks; a new run starts from scratch");
    }

}
