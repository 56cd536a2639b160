package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.testing.LeaseTakeover;

/**
 * A process fenced out of its sweep while trial 2 of 3 trains, as
 * {@code FencedRunLogTest} does for a run: host {@code build-7} pid 1234 takes the
 * sweep's lease and recovers its execution. The process logs one ERROR line naming the
 * taker and no stack trace: not Spring Batch's errors for the trial's step, for the
 * trials not yet begun, nor for the trials step ("unknown state").
 */
@ExtendWith(OutputCaptureExtension.class)
class FencedSweepLogTest {

    private static final String[] SWEEP = { "--demon.sweeps.lr.parameters.learning-rate.initial=0.01,0.02,0.05",
            "--demon.lease.time-to-live=3s" };

    @TempDir
    Path folder;

    @Test
    void sweepWhoseLeaseIsTakenOverWhileATrialTrainsLogsOneErrorLineNamingTheTaker(CapturedOutput output) {
        SweepRun run = startAndTakeOverDuringTrial2();
        assertThat(run.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(errorLines(output)).singleElement()
            .asString()
            .endsWith(" : Sweep lr execution 1 ends FAILED without its results: Job lr is fenced: its lease was "
                    + "taken over by host build-7 pid 1234 (generation 2; this process held generation 1). This process wrote no checkpoint, report or model "
                    + "after that and stops; nothing needs doing: the process that holds the lease now (or the next "
                    + "start) carries the run on from its last checkpoint");
        assertThat(output.getAll()).doesNotContain("Exception")
            .doesNotContain("unknown state")
            .doesNotContainPattern("\\tat (dev|org|java)\\.");
    }

    @Test
    void trialsStepAndTrainingTrialAreStoredFailedWithTheFencingAsTheirExitDescription() {
        SweepRun run = startAndTakeOverDuringTrial2();
        Map<String, StepExecution> steps = run.executions()
            .get(0)
            .getStepExecutions()
            .stream()
            .collect(Collectors.toMap(StepExecution::getStepName, step -> step));
        // Trial 1 completed before the takeover; the taker marked trial 3, not yet begun,
        // FAILED.
        assertThat(steps).containsOnlyKeys("lr-trials", "lr-trial:trial-0001", "lr-trial:trial-0002",
                "lr-trial:trial-0003");
        assertThat(steps.get("lr-trial:trial-0001").getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(steps.get("lr-trial:trial-0003").getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(List.of(steps.get("lr-trials"), steps.get("lr-trial:trial-0002"))).allSatisfy(step -> {
            assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(step.getExitStatus().getExitDescription())
                .startsWith("Job lr is fenced: its lease was taken over by host build-7 pid 1234");
        });
    }

    private SweepRun startAndTakeOverDuringTrial2() {
        int before = SweptRegression.trainings.get();
        ConfigurableApplicationContext[] application = new ConfigurableApplicationContext[1];
        SweptRegression.onEvaluation = evaluation -> {
            if (SweptRegression.trainings.get() == before + 2 && evaluation == 10) {
                Thread taker = new Thread(() -> LeaseTakeover.takeOverAndRecover(application[0]), "operator");
                taker.start();
                try {
                    taker.join();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            String[] args = new String[SWEEP.length + 2];
            args[0] = "--spring.batch.job.name=" + SweepRun.SWEEP;
            args[1] = "--demon.sweeps.lr.pipeline=" + SweptRegression.NAME;
            System.arraycopy(SWEEP, 0, args, 2, SWEEP.length);
            try (ConfigurableApplicationContext context = SweepRun.run(this.folder, started -> application[0] = started,
                    args)) {
                return SweepRun.of(context, SweptRegression.trainings.get() - before);
            }
        }
        finally {
            SweptRegression.onEvaluation = evaluation -> {
            };
        }
    }

    private static List<String> errorLines(CapturedOutput output) {
        return output.getAll().lines().filter(line -> line.contains(" ERROR ")).toList();
    }

}
