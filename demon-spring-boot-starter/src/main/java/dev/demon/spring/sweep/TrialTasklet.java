package dev.demon.spring.sweep;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import ai.djl.TrainingDivergedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.StoppableTasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.job.FencedStep;
import dev.demon.spring.job.RunningExecution;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.training.EarlyStoppingSettings;
import dev.demon.spring.training.RunConfiguration;
import dev.demon.spring.training.SweepTrial;
import dev.demon.spring.training.TrainingPlan;
import dev.demon.spring.training.EarlyStoppingSettings;
import dev.demon.spring.checkpoint.EarlyStoppingState;
import dev.demon.spring.training.TrainingSession;
import dev.demon.spring.training.TrainingSettings;
import dev.demon.spring.workspace.SweepFolder;

/**
 * The work of a sweep's worker step {@code <sweep>-trial}, for one partition: trains one
 * trial of the sweep's pipeline with the trial's parameters on top of the pipeline's
 * configuration, epoch by epoch through a {@link TrainingSession} of its own, with its
 * checkpoints in the trial's folder ({@link SweepFolder#trial}).
 *
 * <p>
 * After every epoch the trial's {@link TrialProgress} (the objective per epoch, updates,
 * seconds) is stored in the JobRepository with the partition's execution context, where
 * the pruner, the results and other processes read it. A partition that runs again (the
 * trial FAILED or STOPPED) starts from its context's finished epochs and the trial's
 * latest checkpoint.
 *
 * <p>
 * Between batches it proves the sweep job's lease and asks {@link RunningExecutions}
 * whether to stop, as an epoch step does: a stop (SIGTERM, {@code JobOperator.stop})
 * writes a checkpoint and ends the partition STOPPED.
 *
 * <p>
 * With median pruning, after every epoch from the warm-up on (but the last), the trial is
 * judged against the trials whose partitions COMPLETED unpruned in this job instance; a
 * pruned trial ends COMPLETED with exit code {@link TrialOutcome#PRUNED} and is never
 * trained again.
 */
public class TrialTasklet implements StoppableTasklet {

    /**
     * The key of a partition's context that holds its step execution's id once a worker
     * process has claimed it ({@code dev.demon.spring.remote.TrialAttempts}).
     */
    public static final String CLAIMED_BY_A_WORKER = "demon.remote.step-execution";

    private static final Logger logger = LoggerFactory.getLogger(TrialTasklet.class);

    private final SweepPlan plan;

    private final Function<TrainingSettings, RunConfiguration> configurations;

    private final TrialStepRepository jobRepository;

    private final SweepFolder folder;

    private final @Nullable TrainingMetrics metrics;

    private final Duration checkpointInterval;

    private final EarlyStoppingSettings earlyStopping;

    private final boolean exactResume;

    private final RunningExecutions executions;

    private final String host = LeaseHolder.current().host();

    /**
     * Creates the tasklet of a sweep's trials.
     * @param plan the sweep
     * @param configurations the run configuration of the sweep's pipeline with a trial's
     * settings on top
     * @param jobRepository where each trial's progress is stored after every epoch
     * @param folder the sweep's folder
     * @param metrics where the trials' training meters go (tagged with the pipeline's
     * name, the sweep's and the trial's key), or null for none
     * @param checkpointInterval {@code demon.checkpoint.interval}
     * @param earlyStopping the pipeline's early stopping, which every trial runs with
     * @param executions what trains in this process: the sweep execution's lease and stop
     * flag
     */
    public TrialTasklet(SweepPlan plan, Function<TrainingSettings, RunConfiguration> configurations,
            JobRepository jobRepository, SweepFolder folder, @Nullable TrainingMetrics metrics,
            Duration checkpointInterval, EarlyStoppingSettings earlyStopping, RunningExecutions executions) {
        this(plan, configurations, jobRepository, folder, metrics, checkpointInterval, earlyStopping, true, executions);
    }

    /**
     * Creates the tasklet of a sweep's trials, with the choice of
     * {@code demon.checkpoint.exact-resume}.
     * @param plan the sweep
     * @param configurations the run configuration of the sweep's pipeline with a trial's
     * settings on top
     * @param jobRepository where each trial's progress is stored after every epoch
     * @param folder the sweep's folder
     * @param metrics where the trials' training meters go (tagged with the pipeline's
     * name, the sweep's and the trial's key), or null for none
     * @param checkpointInterval {@code demon.checkpoint.interval}
     * @param earlyStopping the early stopping of the sweep's pipeline
     * @param exactResume {@code demon.checkpoint.exact-resume}
     * @param executions what trains in this process: the sweep execution's lease and stop
     * flag
     */
    public TrialTasklet(SweepPlan plan, Function<TrainingSettings, RunConfiguration> configurations,
            JobRepository jobRepository, SweepFolder folder, @Nullable TrainingMetrics metrics,
            Duration checkpointInterval, EarlyStoppingSettings earlyStopping, boolean exactResume,
            RunningExecutions executions) {
        this.exactResume = exactResume;
        this.plan = plan;
        this.configurations = configurations;
        this.jobRepository = new TrialStepRepository(jobRepository);
        this.folder = folder;
        this.metrics = metrics;
        this.checkpointInterval = checkpointInterval;
        this.earlyStopping = earlyStopping;
        this.executions = executions;
    }

    /**
     * The repository the trial's step must be built with: this tasklet's, which stores
     * nothing more of a trial once a newer worker holds its lease.
     * @return the trial step's repository
     */
    JobRepository stepRepository() {
        return jobRepository;
    }

    @Override
    public void stop() {
        executions.requestStop(plan.name());
    }

    @Override
    public void stop(StepExecution stepExecution) {
        executions.requestStop(stepExecution.getJobExecutionId());
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution partition = contribution.getStepExecution();
        String trial = partition.getStepName().substring(partition.getStepName().indexOf(':') + 1);
        RunningExecution running = executions.of(partition.getJobExecution());
        Lease lease = running.lease();
        BooleanSupplier stopRequested = running.stopRequested();
        if (stopRequested.getAsBoolean()) {
            // The sweep stops: a trial not yet begun stays as it is, for the restart.
            partition.setTerminateOnly();
            return RepeatStatus.FINISHED;
        }
        BooleanSupplier stop = running.batchBoundary();
        TrialProgress progress = TrialProgress.readFrom(trial, partition.getExecutionContext());
        RunConfiguration configuration = configurations.apply(plan.settings(progress.parameters()));
        progress = progress.withAttempt(host).withConfiguration(configuration.record());
        store(partition, progress);
        // The pipeline's name, so that the trial's meters are the pipeline's, told apart
        // by the sweep and the trial.
        TrainingPlan training = new TrainingPlan(plan.declaration().name(), plan.pipeline(), configuration,
                plan.objective(), checkpointInterval, new SweepTrial(plan.name(), trial), earlyStopping, exactResume);
        int firstEpoch = progress.objectives().size() + 1;
        long started = System.nanoTime();
        double secondsBefore = progress.seconds();
        logger.info("{} {} (attempt {}): {} from epoch {} of {}", plan.name(), trial, progress.attempts(),
                progress.parameters(), firstEpoch, training.epochs());
        CheckpointStore checkpoints = new CheckpointStore(
                folder.trial(partition.getJobExecution().getJobInstance().getInstanceId(), trial), lease);
        try (TrainingSession session = TrainingSession.open(training, checkpoints, metrics, null, firstEpoch)) {
            for (int epoch = firstEpoch; epoch <= training.epochs(); epoch++) {
                if (epoch > session.lastEpoch()) {
                    EarlyStoppingState stopped = Objects.requireNonNull(session.earlyStopping());
                    logger.info("{} {}: stopped early after epoch {} of {}: {}", plan.name(), trial,
                            session.lastEpoch(), training.epochs(), stopped.reason());
                    break;
                }
                Optional<EpochSummary> summary = session.trainThrough(epoch, stop);
                double seconds = secondsBefore + (System.nanoTime() - started) / 1e9;
                if (summary.isEmpty()) {
                    store(partition, progress.withStop(session.updatesDone(), seconds));
                    logger.info("{} {}: stopped in epoch {}", plan.name(), trial, epoch);
                    partition.setTerminateOnly();
                    return RepeatStatus.FINISHED;
                }
                progress = progress.withEpoch(plan.objective().figureOf(summary.get()), summary.get().validationLoss(),
                        session.updatesDone(), seconds);
                store(partition, progress);
                if (epoch < training.epochs() && isPruned(partition.getJobExecution(), progress, epoch)) {
                    logger.info("{} {}: pruned after epoch {} of {}, {} = {}", plan.name(), trial, epoch,
                            training.epochs(), plan.objective(), progress.objectiveAt(epoch));
                    contribution.setExitStatus(
                            new ExitStatus(TrialOutcome.PRUNED, "pruned after epoch " + epoch + " by the median rule"));
                    return RepeatStatus.FINISHED;
                }
            }
        }
        catch (LeaseLostException ex) {
            // Fenced: the step ends FAILED without Spring Batch's errors and without
            // storing this process's copy of the trial's context, which the lease's newer
            // holder owns (FencedStep).
            if (partition.getExecutionContext().getLong(CLAIMED_BY_A_WORKER, -1) == partition.getId()) {
                // A worker: the trial's newer worker carries on this step execution, so
                // this process stores nothing more of it, and says so once.
                jobRepository.leaveToNewerHolder(partition);
                logger.error("{} {}: {}", plan.name(), trial, ex.getMessage());
                partition.setStatus(BatchStatus.FAILED);
                partition.setExitStatus(ExitStatus.FAILED.addExitDescription(ex.getMessage()));
                return RepeatStatus.FINISHED;
            }
            // This process's sweep: the taker recovered it and runs new executions.
            return FencedStep.end(partition, ex, jobRepository);
        }
        catch (TrainingDivergedException ex) {
            throw ex;
        }
        catch (Exception ex) {
            throw new IllegalStateException(String.format("Trial %s of sweep %s %s failed: %s", trial, plan.name(),
                    progress.parameters(), ex.getMessage()), ex);
        }
        logger.info("{} {}: completed, {} = {}", plan.name(), trial, plan.objective(), progress.objectives());
        return RepeatStatus.FINISHED;
    }

    private void store(StepExecution partition, TrialProgress progress) {
        progress.writeTo(partition.getExecutionContext());
        jobRepository.updateExecutionContext(partition);
    }

    /**
     * Whether the median rule stops the trial after this epoch, judged against the trials
     * that COMPLETED unpruned in any execution of this job instance.
     */
    private boolean isPruned(JobExecution execution, TrialProgress progress, int epoch) {
        SweepDefinition definition = plan.definition();
        if (definition.pruning() != SweepPruning.MEDIAN || epoch < definition.pruningWarmupEpochs()) {
            return false;
        }
        List<TrialObjectives> completed = new ArrayList<>();
        TrialExecutions.latest(jobRepository, execution.getJobInstance(), plan.trialStepName())
            .forEach((trial, partition) -> {
                TrialOutcome outcome = TrialOutcome.of(trial, partition);
                if (outcome.status().equals(BatchStatus.COMPLETED.name())) {
                    completed.add(TrialObjectives.ofEpochs(outcome.progress().objectives()));
                }
            });
        MedianPruner pruner = new MedianPruner(definition.pruningStartupTrials(), definition.pruningWarmupEpochs(),
                PercentilePruner.DEFAULT_INTERVAL_STEPS, PercentilePruner.DEFAULT_MIN_TRIALS);
        return pruner.prune(TrialObjectives.ofEpochs(progress.objectives()), completed, plan.direction());
    }

}
