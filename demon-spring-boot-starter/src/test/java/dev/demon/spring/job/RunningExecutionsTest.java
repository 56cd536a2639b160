package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;

import dev.demon.spring.lease.Lease;

/**
 * The one record of what trains in this process: a launch lends its lease to the
 * executions of its job, a stop reaches every running execution, and stopping everything
 * waits for each execution's end and each lease's release.
 */
class RunningExecutionsTest {

    private final RunningExecutions executions = new RunningExecutions(new ResourcelessJobRepository());

    private static JobExecution execution(long id, String job) {
        return new JobExecution(id, new JobInstance(id, job), new JobParameters());
    }

    @Test
    void executionOfALaunchedJobHoldsTheLaunchsLease() {
        Lease lease = new CountingLease();
        try (RunningExecutions.Launch launch = executions.launch("cnn", lease)) {
            assertThat(executions.start(execution(1, "cnn")).lease()).isSameAs(lease);
        }
    }

    @Test
    void executionOfAJobLaunchedOtherwiseHoldsNoLease() {
        assertThat(executions.start(execution(1, "cnn")).lease().generation()).isZero();
    }

    @Test
    void closingTheLaunchReleasesItsLease() {
        CountingLease lease = new CountingLease();
        executions.launch("cnn", lease).close();
        assertThat(lease.closes).hasValue(1);
    }

    @Test
    void executionThatEndedIsNoLongerRunning() {
        JobExecution execution = execution(1, "cnn");
        executions.start(execution);
        executions.end(execution);
        assertThat(executions.executions()).isEmpty();
        assertThatIllegalStateException().isThrownBy(() -> executions.of(execution))
            .withMessage("Job execution 1 does not run in this process");
    }

    @Test
    void stopOfAJobReachesItsExecutionsOnly() {
        RunningExecution cnn = executions.start(execution(1, "cnn"));
        RunningExecution mlp = executions.start(execution(2, "mlp"));
        executions.requestStop("cnn");
        assertThat(cnn.stopRequested().getAsBoolean()).isTrue();
        assertThat(mlp.stopRequested().getAsBoolean()).isFalse();
    }

    @Test
    void stopAllAsksEveryExecutionToStopAndWaitsForItsEndAndItsLeasesRelease() throws Exception {
        CountingLease lease = new CountingLease();
        JobExecution execution = execution(1, "cnn");
        Thread launcher = new Thread(() -> {
            try (RunningExecutions.Launch launch = executions.launch("cnn", lease)) {
                RunningExecution running = executions.start(execution);
                // The training loop: batches until asked to stop.
                while (!running.stopRequested().getAsBoolean()) {
                    Thread.onSpinWait();
                }
                executions.end(execution);
            }
        }, "launcher");
        launcher.start();
        while (executions.executions().isEmpty()) {
            Thread.onSpinWait();
        }
        assertThat(executions.stopAll(Duration.ofSeconds(30))).isTrue();
        assertThat(lease.closes).hasValue(1);
        assertThat(executions.executions()).isEmpty();
        launcher.join();
    }

    @Test
    void stopAllGivesUpAfterItsTimeout() throws Exception {
        executions.start(execution(1, "cnn"));
        assertThat(executions.stopAll(Duration.ofMillis(50))).isFalse();
    }

    /** A lease that counts its releases. */
    private static final class CountingLease implements Lease {

        private final AtomicInteger closes = new AtomicInteger();

        @Override
        public long generation() {
            return 3;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

    }

}
