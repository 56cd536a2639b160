package dev.demon.spring.remote;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.StepLocator;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.sweep.TrialExecutions;
import dev.demon.spring.sweep.TrialProgress;
import dev.demon.spring.workspace.Workspace;

/**
 * What a worker does with a trial request before Spring Batch's
 * {@link StepExecutionRequestHandler} trains it: the handler runs whatever step execution
 * it receives, so a request delivered twice (the broker's redelivery, the manager sending
 * a trial again) would train the trial twice. The claim:
 *
 * <ol>
 * <li>skips a trial that has COMPLETED, in this partition or in an earlier execution of
 * the sweep (then records this partition COMPLETED as that one);
 * <li>takes the trial's own lease ({@link TrialLeases#name}), and skips the trial when
 * another live worker holds it and has started this partition (a duplicate request); when
 * the holder trains the trial for an earlier execution of the sweep (the manager
 * restarted meanwhile) the request goes back to the broker, to find the trial COMPLETED
 * later;
 * <li>looks again under the lease, then ends the trial FAILED, with the reason, when it
 * has been started {@code maxAttempts} times in this execution of the sweep
 * ({@link TrialAttempts});
 * <li>when an earlier attempt ran on another host and this host's trial folder holds no
 * checkpoint (per-host {@code demon.checkpoint.dir}), starts the trial from its first
 * epoch with one warning naming that host and folder;
 * <li>trains it through the handler, with the trial's lease as the lease that fences its
 * checkpoints, between batches, and its stop flag: the application's close (SIGTERM)
 * stops it at the next batch boundary with a checkpoint, resumable anywhere.
 * </ol>
 * A skipped request is acknowledged: it is done with. One that fails here (the
 * JobRepository out of reach) is not, and the broker delivers it again.
 */
public class TrialClaim implements ApplicationListener<ContextClosedEvent> {

    private static final Logger logger = LoggerFactory.getLogger(TrialClaim.class);

    private final JobRepository jobRepository;

    private final JobLeases leases;

    private final RunningExecutions executions;

    private final StepLocator steps;

    private final StepExecutionRequestHandler handler = new StepExecutionRequestHandler();

    private final Workspace workspace;

    private final int maxAttempts;

    private final String host = LeaseHolder.current().host();

    private volatile boolean closing;

    /**
     * Creates the claim of a worker.
     * @param jobRepository the JobRepository shared with the managers
     * @param leases where the trials' leases are taken
     * @param executions what trains in this process
     * @param steps finds the step of a trial request by its name: the sweeps this worker
     * declares
     * @param workspace {@code demon.checkpoint.dir} of this worker
     * @param maxAttempts {@code demon.remote.max-attempts}
     */
    public TrialClaim(JobRepository jobRepository, JobLeases leases, RunningExecutions executions, StepLocator steps,
            Workspace workspace, int maxAttempts) {
        this.jobRepository = jobRepository;
        this.leases = leases;
        this.executions = executions;
        this.steps = steps;
        this.workspace = workspace;
        this.maxAttempts = maxAttempts;
        this.handler.setJobRepository(jobRepository);
        this.handler.setStepLocator(steps);
    }

    /** From the application's close on, no trial is taken: the broker keeps them. */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        closing = true;
    }

    /**
     * Claims and trains a requested trial, or skips it.
     * @param request the manager's request
     * @return what became of it
     * @throws IllegalStateException when the application is closing, or declares no sweep
     * of that step: the request goes back to the broker
     */
    public Outcome claim(StepExecutionRequest request) {
        if (closing) {
            throw new IllegalStateException("The worker is closing: " + request + " goes back to the broker");
        }
        try {
            steps.getStep(request.getStepName());
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("This worker declares no sweep whose trials are the step "
                    + request.getStepName() + " (demon.sweeps.*): the request goes back to the broker");
        }
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition == null) {
            logger.info("No trial for {} in the JobRepository: skipped", request);
            return Outcome.UNKNOWN;
        }
        JobExecution job = partition.getJobExecution();
        String sweep = job.getJobInstance().getJobName();
        String trial = TrialLeases.trialOf(partition.getStepName());
        if (isCompleted(partition)) {
            logger.info("{} {}: already COMPLETED, not trained again", sweep, trial);
            return Outcome.COMPLETED;
        }
        Lease lease;
        try {
            lease = leases.acquire(TrialLeases.name(sweep, job.getJobInstance().getInstanceId(), trial));
        }
        catch (LeaseHeldException held) {
            if (partition.getStatus() == BatchStatus.STARTING) {
                // Never started: the holder trains this trial for an earlier execution of
                // the sweep (the manager restarted). Once it ends, this request finds it.
                throw new IllegalStateException(String.format(
                        "%s %s is trained by process %d on %s for an earlier execution of the sweep: the request goes "
                                + "back to the broker until that ends",
                        sweep, trial, held.getHolder().pid(), held.getHolder().host()));
            }
            logger.info("{} {}: trained by process {} on {}, skipped", sweep, trial, held.getHolder().pid(),
                    held.getHolder().host());
            return Outcome.HELD;
        }
        try (RunningExecutions.Launch launch = executions.launch(sweep, lease)) {
            // Under the lease: what the last holder left is final.
            partition = jobRepository.getStepExecution(request.getStepExecutionId());
            if (isCompleted(partition)) {
                logger.info("{} {}: already COMPLETED, not trained again", sweep, trial);
                return Outcome.COMPLETED;
            }
            TrialProgress progress = TrialAttempts.progress(partition);
            int attempts = TrialAttempts.of(partition);
            if (attempts >= maxAttempts) {
                TrialAttempts.failSpent(jobRepository, partition, maxAttempts);
                return Outcome.FAILED;
            }
            TrialAttempts.recordClaim(partition);
            restartWithoutCheckpoints(partition, sweep, trial, progress);
            jobRepository.updateExecutionContext(partition);
            executions.start(job);
            try {
                handler.handle(request);
            }
            finally {
                executions.end(job);
            }
            return Outcome.TRAINED;
        }
    }

    /**
     * Whether the trial has COMPLETED: this partition, or the trial's partition in an
     * earlier execution of the sweep, which this one then records.
     */
    private boolean isCompleted(StepExecution partition) {
        if (partition.getStatus() == BatchStatus.COMPLETED) {
            return true;
        }
        Map<String, StepExecution> latest = TrialExecutions.latest(jobRepository,
                partition.getJobExecution().getJobInstance(), trialStepNameOf(partition));
        Optional<StepExecution> completed = Optional
            .ofNullable(latest.get(TrialLeases.trialOf(partition.getStepName())))
            .filter(other -> other.getStatus() == BatchStatus.COMPLETED && other.getId() != partition.getId());
        if (completed.isEmpty()) {
            return false;
        }
        // The sweep restarted while a worker still trained this trial of its earlier
        // execution, which has completed since.
        partition.setExecutionContext(new ExecutionContext(completed.get().getExecutionContext()));
        partition.setStatus(BatchStatus.COMPLETED);
        partition.setExitStatus(completed.get().getExitStatus());
        partition.setStartTime(completed.get().getStartTime());
        partition.setEndTime(LocalDateTime.now());
        jobRepository.updateExecutionContext(partition);
        jobRepository.update(partition);
        return true;
    }

    private static String trialStepNameOf(StepExecution partition) {
        String name = partition.getStepName();
        return name.substring(0, name.indexOf(':'));
    }

    /**
     * With per-host checkpoint folders, a trial whose earlier attempt ran elsewhere finds
     * none here: it starts again from its first epoch.
     */
    private void restartWithoutCheckpoints(StepExecution partition, String sweep, String trial,
            TrialProgress progress) {
        String lastHost = progress.host();
        if (lastHost == null || lastHost.equals(host) || progress.objectives().isEmpty()) {
            return;
        }
        Path folder = workspace.sweep(sweep).trial(partition.getJobExecution().getJobInstance().getInstanceId(), trial);
        List<Path> checkpoints;
        try {
            checkpoints = new CheckpointStore(folder).files();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot list the checkpoints of " + trial + " in " + folder, ex);
        }
        if (!checkpoints.isEmpty()) {
            return;
        }
        logger.warn("{} {}: its {} finished epochs were trained on host {}, whose {} holds their checkpoints; "
                + "this host has none there, so the trial starts again from epoch 1 (share demon.checkpoint.dir to "
                + "resume it anywhere)", sweep, trial, progress.objectives().size(), lastHost, folder);
        new TrialProgress(trial, progress.parameters(), progress.configuration(), List.of(), List.of(),
                progress.attempts(), 0, progress.seconds(), lastHost)
            .writeTo(partition.getExecutionContext());
    }

    /** What became of a request. */
    public enum Outcome {

        /** The trial was trained (to its end, a stop or a failure). */
        TRAINED,

        /** The trial had COMPLETED: skipped. */
        COMPLETED,

        /** Another live worker holds the trial's lease: skipped. */
        HELD,

        /** The trial's attempts were spent: it ended FAILED. */
        FAILED,

        /** No such step execution: skipped. */
        UNKNOWN

    }

}
