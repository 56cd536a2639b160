package dev.demon.spring.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.MessageChannel;

import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.sweep.TrialProgress;

/**
 * The manager's handler, against a JobRepository whose trials the test moves: it sends
 * the requests in trial order, waits for every trial, sends again a trial a worker
 * started whose lease nobody holds, fails a trial whose attempts are spent, and waits no
 * longer than its timeout.
 */
class RemoteTrialPartitionHandlerTest {

    private static final Duration POLL = Duration.ofMillis(5);

    private final JobExecution job = new JobExecution(7, new JobInstance(3, "lr"), new JobParameters());

    private final Map<Long, StepExecution> stored = new HashMap<>();

    private final List<Long> sent = new ArrayList<>();

    private final JobRepository jobRepository = mock(JobRepository.class);

    private final RunningExecutions executions = new RunningExecutions(jobRepository);

    /** What a worker does with a request the manager sends. */
    private Consumer<StepExecution> worker = (partition) -> {
    };

    private final MessageChannel requests = (message, timeout) -> {
        long id = ((StepExecutionRequest) message.getPayload()).getStepExecutionId();
        sent.add(id);
        worker.accept(stored.get(id));
        return true;
    };

    private StepExecution manager;

    @BeforeEach
    void startTheSweep() {
        manager = new StepExecution(1, "lr-trials", job);
        executions.start(job);
        when(jobRepository.getStepExecution(anyLong())).thenAnswer(call -> stored.get(call.<Long>getArgument(0)));
    }

    @Test
    void sendsTheRequestsInTrialOrderAndReturnsOnceEveryTrialHasEnded() throws Exception {
        Set<StepExecution> partitions = partitions(BatchStatus.COMPLETED, BatchStatus.COMPLETED, BatchStatus.FAILED);

        Set<StepExecution> ended = handler(JobLeases.none(), Duration.ofSeconds(5), 3).doHandle(manager, partitions);

        assertThat(sent).containsExactly(11L, 12L, 13L);
        assertThat(ended).extracting(StepExecution::getStatus)
            .containsExactlyInAnyOrder(BatchStatus.COMPLETED, BatchStatus.COMPLETED, BatchStatus.FAILED);
    }

    @Test
    void waitsNoLongerThanItsTimeout() {
        Set<StepExecution> partitions = partitions(BatchStatus.STARTING);
        JobLeases held = (name) -> {
            throw new LeaseHeldException(name, new LeaseHolder("worker-host", 42, java.time.Instant.EPOCH),
                    Duration.ofSeconds(30));
        };

        assertThatThrownBy(() -> handler(held, Duration.ofMillis(50), 3).doHandle(manager, partitions))
            .isInstanceOf(TimeoutException.class)
            .hasMessage("Sweep lr: its trials did not all end within PT0.05S (demon.remote.timeout); resume it by "
                    + "starting it again");
        assertThat(sent).containsExactly(11L);
    }

    @Test
    void sendsAgainATrialAWorkerStartedWhoseLeaseNobodyHolds() {
        Set<StepExecution> partitions = partitions(BatchStatus.STARTING);
        // The first request is taken by a worker that dies after starting the trial; the
        // one sent again waits in the queue.
        worker = (partition) -> {
            if (sent.size() == 1) {
                partition.setStatus(BatchStatus.STARTED);
                started(partition, 1);
            }
        };

        assertThatThrownBy(() -> handler(JobLeases.none(), Duration.ofMillis(50), 3).doHandle(manager, partitions))
            .isInstanceOf(TimeoutException.class);
        // Once for the attempt the worker started: the request sent again waits for a
        // worker, who would start attempt 2.
        assertThat(sent).containsExactly(11L, 11L);
    }

    @Test
    void failsATrialWhoseAttemptsAreSpentWithTheReason() throws Exception {
        Set<StepExecution> partitions = partitions(BatchStatus.STARTED);
        started(stored.get(11L), 3);

        Set<StepExecution> ended = handler(JobLeases.none(), Duration.ofSeconds(5), 3).doHandle(manager, partitions);

        assertThat(ended).singleElement().satisfies(trial -> {
            assertThat(trial.getStatus()).isEqualTo(BatchStatus.FAILED);
            assertThat(trial.getExitStatus().getExitDescription())
                .isEqualTo("trial-0001 of sweep lr was started 3 times in this execution "
                        + "(demon.remote.max-attempts = 3) and never ended; its last attempt ran on worker-host");
        });
        assertThat(sent).containsExactly(11L);
    }

    private RemoteTrialPartitionHandler handler(JobLeases leases, Duration timeout, int maxAttempts) {
        return new RemoteTrialPartitionHandler("lr", "lr-trial", stored.size(), requests, jobRepository, leases,
                executions, new RemoteTrialPartitionHandler.RemoteSettings(POLL, timeout, maxAttempts));
    }

    /** Trials 1, 2… with these statuses, handed to the handler out of order. */
    private Set<StepExecution> partitions(BatchStatus... statuses) {
        List<StepExecution> partitions = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            StepExecution partition = new StepExecution(11 + i, String.format("lr-trial:trial-%04d", i + 1), job);
            partition.setStatus(statuses[i]);
            TrialProgress.notStarted(String.format("trial-%04d", i + 1), Map.of("learning-rate.initial", "0.1"))
                .writeTo(partition.getExecutionContext());
            stored.put(partition.getId(), partition);
            partitions.add(partition);
        }
        Set<StepExecution> reversed = new LinkedHashSet<>();
        for (int i = partitions.size() - 1; i >= 0; i--) {
            reversed.add(partitions.get(i));
        }
        return reversed;
    }

    /**
     * A trial a worker on worker-host has started {@code attempts} times in this
     * execution.
     */
    private static void started(StepExecution partition, int attempts) {
        TrialAttempts.recordClaim(partition);
        TrialProgress progress = TrialProgress.readFrom("trial-0001", partition.getExecutionContext());
        new TrialProgress("trial-0001", progress.parameters(), null, List.of(), List.of(), attempts, 0, 0,
                "worker-host")
            .writeTo(partition.getExecutionContext());
    }

}
