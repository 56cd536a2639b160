package dev.demon.spring.remote;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.sweep.TrialProgress;

/**
 * The manager's side of a sweep across machines: sends each trial's
 * {@link StepExecutionRequest} (the step's name and the partition's step execution id) to
 * the workers, in trial order, then polls the shared JobRepository until every trial has
 * ended, as Spring Batch's {@link MessageChannelPartitionHandler} does when it polls
 * rather than aggregates replies. Written here rather than configured because that
 * handler's polling can neither tell a trial whose worker is gone from a trial being
 * trained, nor send a request again.
 *
 * <p>
 * Every poll (at {@code pollInterval}) also looks at the trials a worker has started:
 * <ul>
 * <li>one whose lease nobody holds (its worker was killed, paused past the lease's time
 * to live, or stopped by SIGTERM) is sent again, once per attempt: whichever worker takes
 * it resumes it from its latest checkpoint, and a duplicate request is skipped by the
 * worker's {@link TrialClaim};
 * <li>one that has been started {@code maxAttempts} times in this execution of the sweep
 * without ending ends FAILED, with the reason.
 * </ul>
 * The manager waits {@code timeout} at most; then the step fails with a
 * {@link TimeoutException} and the sweep can be resumed. When the sweep is asked to stop
 * (SIGTERM, {@code JobOperator.stop}), its execution is marked STOPPING in the
 * JobRepository, where the workers look between batches, and the trials they stop end
 * STOPPED.
 */
public class RemoteTrialPartitionHandler extends AbstractPartitionHandler {

    private static final Logger logger = LoggerFactory.getLogger(RemoteTrialPartitionHandler.class);

    private final String sweep;

    private final String trialStepName;

    private final MessageChannel requests;

    private final JobRepository jobRepository;

    private final JobLeases leases;

    private final RunningExecutions executions;

    private final RemoteSettings settings;

    /**
     * Creates the handler of one sweep's trials.
     * @param sweep the sweep's name
     * @param trialStepName the step a worker runs for a trial, {@code <sweep>-trial}
     * @param gridSize the number of trials
     * @param requests where the requests go: the flow to the broker's queue
     * @param jobRepository the JobRepository shared with the workers
     * @param leases the leases the workers take on trials
     * @param executions what runs in this process: the sweep's stop flag
     * @param settings the poll interval, timeout and attempts per trial
     */
    public RemoteTrialPartitionHandler(String sweep, String trialStepName, int gridSize, MessageChannel requests,
            JobRepository jobRepository, JobLeases leases, RunningExecutions executions, RemoteSettings settings) {
        this.sweep = sweep;
        this.trialStepName = trialStepName;
        this.requests = requests;
        this.jobRepository = jobRepository;
        this.leases = leases;
        this.executions = executions;
        this.settings = settings;
        setGridSize(gridSize);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution managerStepExecution, Set<StepExecution> partitions)
            throws Exception {
        List<StepExecution> inTrialOrder = partitions.stream()
            .sorted(Comparator.comparing(StepExecution::getStepName))
            .toList();
        // The attempts of each trial when its request was last sent.
        Map<Long, Integer> sentAt = new HashMap<>();
        for (StepExecution partition : inTrialOrder) {
            sentAt.put(partition.getId(), TrialAttempts.of(partition));
            send(partition);
        }
        logger.info("Sweep {}: {} trials sent to the workers", sweep, inTrialOrder.size());
        JobExecution job = managerStepExecution.getJobExecution();
        BooleanSupplier stopRequested = executions.of(job).stopRequested();
        boolean stopping = false;
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        while (true) {
            List<StepExecution> current = new ArrayList<>();
            boolean waiting = false;
            if (!stopping && stopRequested.getAsBoolean()) {
                stopping = true;
                markStopping(job);
            }
            for (StepExecution partition : inTrialOrder) {
                StepExecution stored = jobRepository.getStepExecution(partition.getId());
                current.add(stored);
                BatchStatus status = stored.getStatus();
                // A trial STOPPED while the sweep goes on was its worker's stop: it is
                // sent again.
                if (status.isRunning() || (status == BatchStatus.STOPPED && !stopping)) {
                    waiting = true;
                    if (!stopping) {
                        watch(stored, sentAt);
                    }
                }
            }
            if (!waiting) {
                return new HashSet<>(current);
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(String.format(
                        "Sweep %s: its trials did not all end within %s (demon.remote.timeout); resume it by starting "
                                + "it again",
                        sweep, settings.timeout()));
            }
            Thread.sleep(settings.pollInterval().toMillis());
        }
    }

    private void send(StepExecution partition) {
        requests.send(MessageBuilder.withPayload(new StepExecutionRequest(trialStepName, partition.getId())).build());
    }

    /**
     * Sends again a trial that a worker started and nobody trains now, or fails it when
     * its attempts are spent. Nobody trains it when this process can take its lease.
     */
    private void watch(StepExecution partition, Map<Long, Integer> sentAt) {
        BatchStatus status = partition.getStatus();
        int attempts = TrialAttempts.of(partition);
        boolean startedByAWorker = status == BatchStatus.STARTED || status == BatchStatus.STOPPED;
        boolean startedSinceSent = attempts > sentAt.get(partition.getId());
        if (!startedByAWorker || (!startedSinceSent && attempts < settings.maxAttempts())) {
            // Not started by a worker since its request was sent: the request waits in
            // the queue, or with the broker for its redelivery.
            return;
        }
        String trial = TrialLeases.trialOf(partition.getStepName());
        String leaseName = TrialLeases.name(sweep, partition.getJobExecution().getJobInstance().getInstanceId(), trial);
        Lease lease;
        try {
            lease = leases.acquire(leaseName);
        }
        catch (LeaseHeldException held) {
            return;
        }
        try (lease) {
            TrialProgress progress = TrialAttempts.progress(partition);
            if (attempts >= settings.maxAttempts()) {
                TrialAttempts.failSpent(jobRepository, partition, settings.maxAttempts());
            }
            else {
                logger.info("Sweep {}: {} attempt {} on {} ended {} without finishing and nobody holds its lease; "
                        + "sent again", sweep, trial, progress.attempts(), progress.host(), status);
                sentAt.put(partition.getId(), attempts);
                send(partition);
            }
        }
    }

    /**
     * Marks the sweep's execution STOPPING in the JobRepository, as
     * {@code JobOperator.stop} does, so that the workers stop its trials at their next
     * batch boundary.
     */
    private void markStopping(JobExecution job) {
        logger.info("Sweep {}: stopping; the workers stop its trials at their next batch boundary", sweep);
        JobExecution stored = jobRepository.getJobExecution(job.getId());
        if (stored != null && stored.getStatus().isRunning()) {
            stored.setStatus(BatchStatus.STOPPING);
            jobRepository.update(stored);
        }
    }

    /**
     * How the manager waits for its trials.
     *
     * @param pollInterval how often the JobRepository is read
     * @param timeout how long the trials may take at most
     * @param maxAttempts the starts of a trial within one execution of the sweep before
     * it ends FAILED
     */
    public record RemoteSettings(Duration pollInterval, Duration timeout, int maxAttempts) {
    }

}
