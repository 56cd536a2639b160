package dev.demon.spring.job;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import ai.djl.MalformedModelException;
import ai.djl.translate.TranslateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.EarlyStoppingState;
import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.report.EarlyStop;
import dev.demon.spring.training.EarlyStoppingSettings;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHolder;
import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.promotion.ModelPromotion;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.PromotionDecision;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.training.ModelExporter;
import dev.demon.spring.training.TrainingPlan;
import dev.demon.spring.training.TrainingSession;
import dev.demon.spring.workspace.GenerationalName;
import dev.demon.spring.workspace.PipelineFolder;

/**
 * The life of one pipeline's job around its epoch steps: holds the
 * {@link TrainingSession} of the running job execution, opened by its first epoch step
 * and closed when the job ends, and writes {@code report.json} then (as
 * {@code report.g<generation>.json}, see {@link GenerationalName}).
 *
 * <p>
 * Files in the pipeline's folder of the {@link dev.demon.spring.workspace.Workspace}:
 * {@code report.json} for the latest job, and {@code run-<job instance id>/} for each job
 * instance's checkpoints. A restarted execution belongs to the same job instance, so it
 * finds its checkpoints; a new instance starts from an empty folder.
 *
 * <p>
 * Every write into those folders is fenced by the job's {@link Lease}, when this process
 * took one (the launch's lease in {@link RunningExecutions}): checkpoints, models and the
 * report carry its generation in their names, so none replaces or deletes a newer
 * holder's, and a process that cannot prove its lease, or finds a newer generation on
 * disk, writes nothing more ({@link LeaseLostException}). Each execution records in its
 * context the host and folder of its checkpoints, so that one taking over on another
 * host, whose folder holds none of them, says where they were.
 */
public class TrainingJobListener implements JobExecutionListener {

    /** Job-execution-context key: the host of the process that ran the execution. */
    static final String CHECKPOINT_HOST = "demon.checkpoint-host";

    /**
     * Job-execution-context key: the absolute folder the execution kept its checkpoints
     * in.
     */
    static final String CHECKPOINT_FOLDER = "demon.checkpoint-folder";

    private static final Logger logger = LoggerFactory.getLogger(TrainingJobListener.class);

    private final TrainingPlan plan;

    private final @Nullable TrainingMetrics metrics;

    private final @Nullable LiveTrainings live;

    private final JobRepository jobRepository;

    private final ReportWriter reports = new ReportWriter();

    private final TrainingJobSettings settings;

    private final PipelineFolder pipelineFolder;

    private final RunningExecutions executions;

    private final String host = LeaseHolder.current().host();

    private volatile @Nullable TrainingConfiguration configuration;

    /**
     * Creates the listener of a pipeline's job.
     * @param plan the pipeline with its run configuration
     * @param metrics where the job's meters go, or null for none
     * @param live where the job publishes its progress, or null for nowhere
     * @param jobRepository for the executions of a job instance (wall time)
     * @param settings the jobs' other settings
     * @param executions what trains in this process, where the job's executions are
     * recorded with their sessions and leases
     */
    TrainingJobListener(TrainingPlan plan, @Nullable TrainingMetrics metrics, @Nullable LiveTrainings live,
            JobRepository jobRepository, TrainingJobSettings settings, RunningExecutions executions) {
        this.plan = plan;
        this.executions = executions;
        this.metrics = metrics;
        this.live = live;
        this.jobRepository = jobRepository;
        this.settings = settings;
        this.pipelineFolder = settings.workspace().pipeline(plan.pipeline());
    }

    /**
     * Returns the pipeline this job trains.
     * @return the plan
     */
    public TrainingPlan getPlan() {
        return plan;
    }

    /**
     * The checkpoints of a running execution's job instance, fenced by its lease.
     * @param running the execution
     * @return its store
     */
    CheckpointStore checkpoints(RunningExecution running) {
        return new CheckpointStore(pipelineFolder.run(running.execution().getJobInstance().getInstanceId()),
                running.lease());
    }

    /**
     * The pipeline's folder in the workspace.
     * @return its folder
     */
    PipelineFolder pipelineFolder() {
        return pipelineFolder;
    }

    /**
     * The latest job's report, of the newest lease generation.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/report.g<generation>.json}
     */
    public Path reportFile() {
        return pipelineFolder.report();
    }

    /**
     * The record of the configuration this pipeline's runs start with
     * ({@link RunConfiguration#record()}), made once: it loads the engine.
     * @return the configuration
     */
    public TrainingConfiguration configuration() {
        TrainingConfiguration known = configuration;
        if (known == null) {
            known = plan.configuration().record();
            configuration = known;
        }
        return known;
    }

    /**
     * Before the first epoch step: records the execution in {@link RunningExecutions},
     * proves the lease, clears the checkpoint folder of a new job instance (whatever is
     * there is from another JobRepository), warns when a restarted instance's checkpoints
     * were written on another host or in another folder, and records this host and folder
     * in the execution's context.
     * @param jobExecution the execution that starts
     * @throws LeaseLostException when this process cannot prove its lease
     */
    @Override
    public void beforeJob(JobExecution jobExecution) {
        RunningExecution running = executions.start(jobExecution);
        Lease lease = running.lease();
        lease.requireHeld();
        ExecutionContext context = jobExecution.getExecutionContext();
        if (WallTime.recovered(jobExecution)) {
            // A restart begins with a copy of the last execution's context, recovery
            // marker included; this execution was not recovered, and its wall time must
            // count to its end.
            context.remove(WallTime.RECOVERED);
        }
        long instanceId = jobExecution.getJobInstance().getInstanceId();
        logger.info("{}: job instance {}, execution {}, starts with {}", plan.pipeline(), instanceId,
                jobExecution.getId(), describe(configuration()));
        CheckpointStore checkpoints = checkpoints(running);
        try {
            if (jobRepository.getJobExecutions(jobExecution.getJobInstance()).size() <= 1) {
                // A new instance trains from scratch: whatever is in its folder is from
                // another database.
                checkpoints.clear();
                forgetReportOfAnotherDatabase(lease);
            }
            else {
                warnWhenCheckpointsAreElsewhere(jobExecution, checkpoints);
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot prepare the checkpoint folder of " + plan.pipeline(), ex);
        }
        context.putString(CHECKPOINT_HOST, host);
        context.putString(CHECKPOINT_FOLDER, checkpoints.getFolder().toAbsolutePath().normalize().toString());
        jobRepository.updateExecutionContext(jobExecution);
    }

    /**
     * A report or model of a higher generation than a new run's is from another
     * JobRepository ({@link GenerationalName#deleteOfAnotherJobRepository}).
     */
    private void forgetReportOfAnotherDatabase(Lease lease) throws IOException {
        List<Path> deleted = GenerationalName.deleteOfAnotherJobRepository(pipelineFolder.outputs(), lease);
        if (!deleted.isEmpty()) {
            logger.warn("{}: deleted {}, of lease generations above this new run's {}: they are from another "
                    + "JobRepository", plan.pipeline(), deleted, lease.generation());
        }
    }

    /**
     * The previous execution recorded where it kept its checkpoints (the context is a
     * copy of its); when that was another host or folder and this folder holds none of
     * them, this takeover trains from scratch, which the log must say.
     */
    private void warnWhenCheckpointsAreElsewhere(JobExecution jobExecution, CheckpointStore checkpoints)
            throws IOException {
        ExecutionContext context = jobExecution.getExecutionContext();
        String previousHost = context.getString(CHECKPOINT_HOST, null);
        String previousFolder = context.getString(CHECKPOINT_FOLDER, null);
        String folder = checkpoints.getFolder().toAbsolutePath().normalize().toString();
        if (previousFolder == null || (host.equals(previousHost) && folder.equals(previousFolder))
                || !checkpoints.files().isEmpty()) {
            return;
        }
        logger.warn("Job {} execution {} takes over a run whose checkpoints were written on host {} in {}; this "
                + "process's checkpoint folder {} on host {} holds none of them, so the run trains again from its "
                + "first epoch. Processes on several hosts need demon.checkpoint.dir on a folder they all share.",
                plan.pipeline(), jobExecution.getId(), previousHost, previousFolder, folder, host);
    }

    /**
     * A configuration in one line: {@code optimizer=sgdm, momentum.schedule=demon, ...,
     * engine=MXNet 1.9.0}.
     * @param configuration the run's configuration
     * @return its values by property, without the {@code demon.} prefix
     */
    static String describe(TrainingConfiguration configuration) {
        return configuration.byProperty()
            .entrySet()
            .stream()
            .map(entry -> entry.getKey().replaceFirst("^demon\\.", "") + "=" + entry.getValue())
            .collect(Collectors.joining(", "));
    }

    /**
     * The session of a running execution, opened by the first step that needs it in this
     * process.
     * @param running the execution
     * @param epoch the epoch of the step asking, which decides the checkpoint to restore
     * @return the open session
     */
    TrainingSession session(RunningExecution running, int epoch)
            throws IOException, TranslateException, MalformedModelException {
        TrainingSession session = running.session();
        if (session == null) {
            session = TrainingSession.open(plan, checkpoints(running), metrics, live, epoch);
            running.setSession(session);
        }
        return session;
    }

    /**
     * After the job, whatever its status: closes its session, saves the models of a
     * COMPLETED run and writes {@code report.json}, each only under a lease this process
     * still proves; with the lease lost it writes nothing and ends the execution FAILED.
     * Then it ends the execution's record in {@link RunningExecutions}, which wakes
     * whoever waits for its end.
     * @param jobExecution the execution that ended
     */
    @Override
    public void afterJob(JobExecution jobExecution) {
        RunningExecution running = executions.of(jobExecution);
        TrainingSession session = running.session();
        try (session) {
            running.lease().requireHeld();
            ModelExporter.Exported models = null;
            if (jobExecution.getStatus() == BatchStatus.COMPLETED) {
                models = exportModels(running);
            }
            TrainingReport report = report(running, models);
            if (report.earlyStop() != null && jobExecution.getStatus() == BatchStatus.COMPLETED) {
                // The last steps did no processing (NOOP): the job completed, early.
                jobExecution
                    .setExitStatus(ExitStatus.COMPLETED.addExitDescription(report.earlyStop().describe(plan.epochs())));
                logger.info("{}: {}", plan.pipeline(), report.earlyStop().describe(plan.epochs()));
            }
            Path reportFile = reports.write(report, pipelineFolder.reportName(), running.lease());
            if (models != null) {
                deleteSuperseded(running);
            }
            logger.info("{} {}: {} of {} updates, report in {}", plan.pipeline(), report.status(), report.updatesDone(),
                    report.totalUpdates(), reportFile);
        }
        catch (LeaseLostException ex) {
            // The one line a fenced run logs, without a stack trace: nothing is wrong
            // with the run (FencedStep).
            logger.error("Run {} of {} (job execution {}) ends FAILED without its report or models: {}",
                    jobExecution.getJobInstance().getInstanceId(), plan.pipeline(), jobExecution.getId(),
                    ex.getMessage());
            // FAILED, as the taker marked it when it took the run over: Spring Batch
            // stores the execution after its listeners, and would store UNKNOWN when it
            // could not save a step that the taker had changed.
            jobExecution.setStatus(BatchStatus.FAILED);
            jobExecution.setExitStatus(ExitStatus.FAILED.addExitDescription(ex.getMessage()));
        }
        catch (IOException | RuntimeException ex) {
            logger.error("Cannot write the report of {}", plan.pipeline(), ex);
        }
        finally {
            executions.end(jobExecution);
        }
    }

    /**
     * Once the run has completed and its report names its models: no holder needs the
     * checkpoints that the holders a takeover replaced left behind
     * ({@link CheckpointStore#deleteSupersededGenerations()}), and the models of older
     * generations are superseded ({@link GenerationalName#deleteOlderThan}). Failing to
     * delete them leaves files, and changes nothing in the run.
     */
    private void deleteSuperseded(RunningExecution running) {
        try {
            checkpoints(running).deleteSupersededGenerations();
            pipelineFolder.modelName().deleteOlderThan(running.lease().generation());
            pipelineFolder.bestModelName().deleteOlderThan(running.lease().generation());
        }
        catch (IOException | LeaseLostException ex) {
            logger.warn("{}: the checkpoints of earlier holders of its lease stay: {}", plan.pipeline(),
                    ex.getMessage());
        }
    }

    /**
     * Saves model/ and best-model/; a job whose models cannot be saved ends FAILED
     * (Spring Batch stores the execution after its listeners), and running it again saves
     * them.
     */
    private ModelExporter.@Nullable Exported exportModels(RunningExecution running) {
        JobExecution jobExecution = running.execution();
        try {
            return new ModelExporter(plan, pipelineFolder).export(checkpoints(running), configuration().byProperty(),
                    lastEpoch(running));
        }
        catch (LeaseLostException ex) {
            throw ex;
        }
        catch (IOException | MalformedModelException | RuntimeException ex) {
            logger.error("{}: cannot save the trained models in {}", plan.pipeline(), pipelineFolder.folder(), ex);
            jobExecution.setStatus(BatchStatus.FAILED);
            jobExecution.setExitStatus(ExitStatus.FAILED.addExitDescription("Cannot save the trained models of "
                    + plan.pipeline() + " in " + pipelineFolder.folder() + ": " + ex.getMessage()));
            return null;
        }
    }

    /**
     * The epoch a completed run ended with: the planned last one, or an earlier one when
     * early stopping ended the run.
     * @param running the execution
     * @return the epoch, 1-based
     */
    int lastEpoch(RunningExecution running) throws IOException {
        TrainingSession session = running.session();
        return session != null ? Math.min(plan.epochs(), session.lastEpoch()) : lastEpochOnDisk(running);
    }

    /** The epoch the run ended with, by its newest checkpoint, when no step ran here. */
    private int lastEpochOnDisk(RunningExecution running) throws IOException {
        Optional<Checkpoint> latest = checkpoints(running).latest(Integer.MAX_VALUE);
        return latest.map(checkpoint -> checkpoint.state().epoch()).orElse(plan.epochs());
    }

    private TrainingReport report(RunningExecution running, ModelExporter.@Nullable Exported models)
            throws IOException {
        JobExecution jobExecution = running.execution();
        TrainingSession session = running.session();
        long totalUpdates;
        long updatesDone;
        Float finalMomentum;
        List<EpochSummary> history;
        EarlyStoppingState stopping;
        if (session != null) {
            stopping = session.earlyStopping();
            totalUpdates = session.totalUpdates();
            updatesDone = session.updatesDone();
            finalMomentum = session.currentMomentum();
            history = session.history();
        }
        else {
            // No step ran in this process (all were complete, or the session could not
            // open).
            Optional<Checkpoint> latest = checkpoints(running).latest(Integer.MAX_VALUE);
            totalUpdates = latest.map(checkpoint -> checkpoint.state().totalUpdates()).orElse(0L);
            updatesDone = latest.map(checkpoint -> checkpoint.state().updatesDone()).orElse(0L);
            history = latest.map(checkpoint -> checkpoint.state().history()).orElse(List.of());
            stopping = latest.map(checkpoint -> checkpoint.state().earlyStopping()).orElse(null);
            // null rather than NaN, which JSON can only carry as a string.
            finalMomentum = history.isEmpty() ? null : history.get(history.size() - 1).momentum();
        }
        return new TrainingReport(plan.pipeline(), jobExecution.getStatus().name(),
                plan.configuration().optimizerName(), plan.configuration().scheduleName(), plan.epochs(), totalUpdates,
                updatesDone, finalMomentum, wallSeconds(jobExecution), history, configuration(),
                models != null ? models.model() : null, models != null ? models.bestModel() : null,
                running.lease().generation(), earlyStop(stopping, history), promotion(jobExecution));
    }

    /**
     * What the run's promotion step decided, from its execution context: this
     * execution's, or an earlier one's when the step completed before a restart.
     */
    private @Nullable PromotionDecision promotion(JobExecution jobExecution) {
        StepExecution step = jobRepository.getLastStepExecution(jobExecution.getJobInstance(),
                PromotionTasklet.stepName(plan.pipeline()));
        if (step == null || !step.getExecutionContext().containsKey(PromotionTasklet.DECISION)) {
            return null;
        }
        return ModelPromotion.fromJson(step.getExecutionContext().getString(PromotionTasklet.DECISION));
    }

    /** How early stopping ended the run, once it has decided and the run got that far. */
    private @Nullable EarlyStop earlyStop(@Nullable EarlyStoppingState stopping, List<EpochSummary> history) {
        if (stopping == null || !stopping.decided()) {
            return null;
        }
        EarlyStoppingSettings settings = plan.earlyStopping();
        int lastEpoch = history.isEmpty() ? 0 : history.get(history.size() - 1).epoch();
        return new EarlyStop(lastEpoch, stopping.stopEpoch(), stopping.reason(), PropertyValues.of(settings.mode()),
                PropertyValues.of(settings.monitorFor(plan.monitor())), stopping.best(), stopping.bestEpoch(),
                stopping.stopUpdate(), stopping.endUpdate());
    }

    /** The time the job instance has spent running, see {@link WallTime}. */
    private double wallSeconds(JobExecution current) {
        return WallTime
            .of(jobRepository.getJobExecutions(current.getJobInstance()), current.getId(), LocalDateTime.now())
            .toNanos() / 1e9;
    }

}
