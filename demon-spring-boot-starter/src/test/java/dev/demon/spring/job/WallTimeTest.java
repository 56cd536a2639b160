package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/**
 * The wall time of a job instance, from executions as the job repository holds them. The
 * story: execution 1 starts at 10:00:00, completes epoch 1 at 10:05:01 (last update
 * 10:05:01.5), starts epoch 2 at 10:05:02 and is killed; at 11:30:00 the application
 * starts again, recovers it (stamping it and epoch 2 FAILED at 11:30:00) and restarts as
 * execution 2, which fails on its own at 11:32:30; execution 3 starts at 12:00:00 and is
 * still running at 12:10:00.
 */
class WallTimeTest {

    private static final JobInstance INSTANCE = new JobInstance(1, "synthetic");

    private static final LocalDateTime RECOVERY = at("11:30:00");

    private static final LocalDateTime NOW = at("12:10:00");

    private static LocalDateTime at(String time) {
        return LocalDateTime.parse("2025-03-01T" + time);
    }

    private static JobExecution execution(long id, String start, String end) {
        JobExecution execution = new JobExecution(id, INSTANCE, new JobParameters());
        execution.setStartTime(at(start));
        execution.setEndTime(end != null ? at(end) : null);
        return execution;
    }

    private static StepExecution step(JobExecution execution, long id, int epoch, BatchStatus status, String start,
            LocalDateTime end, LocalDateTime lastUpdated) {
        StepExecution step = new StepExecution(id, "synthetic-epoch-" + epoch, execution);
        step.setStatus(status);
        step.setStartTime(at(start));
        step.setEndTime(end);
        step.setLastUpdated(lastUpdated);
        execution.addStepExecution(step);
        return step;
    }

    /** Execution 1 as recover() leaves it: FAILED, ended at 11:30:00, with its marker. */
    private static JobExecution killedInEpochTwo() {
        JobExecution execution = execution(1, "10:00:00", null);
        step(execution, 1, 1, BatchStatus.COMPLETED, "10:00:01", at("10:05:01"), at("10:05:01.500"));
        step(execution, 2, 2, BatchStatus.FAILED, "10:05:02", RECOVERY, RECOVERY);
        markRecovered(execution);
        return execution;
    }

    private static void markRecovered(JobExecution execution) {
        execution.setStatus(BatchStatus.FAILED);
        execution.setEndTime(RECOVERY);
        execution.getExecutionContext().put(WallTime.RECOVERED, true);
    }

    private static double seconds(List<JobExecution> executions, long running) {
        return WallTime.of(executions, running, NOW).toNanos() / 1e9;
    }

    @Test
    void executionEndedByItsOwnProcessCountsFromStartToEnd() {
        assertThat(seconds(List.of(execution(2, "11:30:00", "11:32:30")), 3)).isEqualTo(150.0);
    }

    @Test
    void runningExecutionCountsUntilNow() {
        assertThat(seconds(List.of(execution(3, "12:00:00", null)), 3)).isEqualTo(600.0);
    }

    @Test
    void recoveredExecutionCountsUntilTheStartOfTheEpochItDidNotFinish() {
        // 10:00:00 to 10:05:02, not to the recovery at 11:30:00 (5400 s).
        assertThat(seconds(List.of(killedInEpochTwo()), 3)).isEqualTo(302.0);
    }

    @Test
    void recoveredExecutionKilledBetweenEpochsCountsUntilTheLastUpdateOfItsLastEpoch() {
        JobExecution execution = execution(1, "10:00:00", null);
        step(execution, 1, 1, BatchStatus.COMPLETED, "10:00:01", at("10:05:01"), at("10:05:01.500"));
        markRecovered(execution);
        assertThat(seconds(List.of(execution), 3)).isEqualTo(301.5);
    }

    @Test
    void recoveredExecutionKilledBeforeItsFirstEpochCountsNothing() {
        JobExecution execution = execution(1, "10:00:00", null);
        markRecovered(execution);
        assertThat(seconds(List.of(execution), 3)).isZero();
    }

    @Test
    void executionWithoutARecordedEndCountsUntilItsLastActivity() {
        JobExecution execution = execution(1, "10:00:00", null);
        step(execution, 1, 1, BatchStatus.COMPLETED, "10:00:01", at("10:05:01"), at("10:05:01.500"));
        step(execution, 2, 2, BatchStatus.STARTED, "10:05:02", null, at("10:05:02.010"));
        assertThat(seconds(List.of(execution), 3)).isEqualTo(302.0);
    }

    @Test
    void instanceSumsItsExecutions() {
        List<JobExecution> executions = List.of(killedInEpochTwo(), execution(2, "11:30:00", "11:32:30"),
                execution(3, "12:00:00", null));
        // 302 + 150 + 600; the old sum of start-to-end spans gave 5400 + 150 + 600.
        assertThat(WallTime.of(executions, 3, NOW)).isEqualTo(Duration.ofSeconds(1052));
    }

}
