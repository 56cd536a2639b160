package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;

import dev.demon.spring.testing.KilledProcess;

/**
 * A process killed while trial 2 of 3 trains leaves the sweep's execution, its trials
 * step and trial 2's partition STARTED in the job repository, as kill -9 would. Starting
 * the application again recovers the execution, which marks them FAILED, and resumes the
 * sweep: trial 2 from its checkpoint of epoch 1, trials 1 and 3 not again.
 */
class SweepCrashRecoveryTest {

    private static final String[] SWEEP = { "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.02,0.05" };

    @TempDir
    static Path folder;

    private static SweepRun resumed;

    @BeforeAll
    static void leaveAStartedSweepBehindAndRunAgain() {
        int before = SweptRegression.trainings.get();
        SweptRegression.onEvaluation = evaluation -> {
            if (SweptRegression.trainings.get() == before + 2 && evaluation == 30) {
                throw new IllegalStateException("the process dies here");
            }
        };
        try {
            SweepRun.startThen(folder, context -> KilledProcess
                .leaveLastExecutionRunning(context.getBean(JobRepository.class), SweepRun.SWEEP), SWEEP);
        }
        finally {
            SweptRegression.onEvaluation = evaluation -> {
            };
        }
        resumed = SweepRun.start(folder, SWEEP);
    }

    @Test
    void recoveredSweepCompletes() {
        assertThat(resumed.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.executions()).extracting(execution -> execution.getStatus())
            .containsExactly(BatchStatus.FAILED, BatchStatus.COMPLETED);
    }

    @Test
    void recoveryMarksTheStartedTrialFailedAndOnlyItTrainsAgain() {
        assertThat(resumed.executions().get(0).getStepExecutions())
            .filteredOn(step -> step.getStepName().equals("lr-trial:trial-0002"))
            .extracting(step -> step.getStatus())
            .containsExactly(BatchStatus.FAILED);
        assertThat(resumed.trainings()).isOne();
        assertThat(resumed.progress("trial-0002").attempts()).isEqualTo(2);
        assertThat(resumed.progress("trial-0002").objectives()).hasSize(3);
    }

}
