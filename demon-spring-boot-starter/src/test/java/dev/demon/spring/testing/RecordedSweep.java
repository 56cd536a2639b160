package dev.demon.spring.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import org.h2.Driver;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.demon.spring.checkpoint.Checkpoint;
import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.checkpoint.TrainingState;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.sweep.SweepResultsWriter;
import dev.demon.spring.sweep.SweepSummary;
import dev.demon.spring.sweep.TrialProgress;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.workspace.SweepFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * A sweep {@code lr} of the regression pipeline as its job leaves it in a JobRepository
 * (H2 in memory) and on disk: each trial a partition execution
 * {@code lr-trial:trial-NNNN} with its {@link TrialProgress} and status, as the trial
 * tasklet records them, and the checkpoints its epochs wrote, as a trial's training
 * writes them (the newest two and the best by the sweep's objective). The parameters of
 * each checkpoint are the regression's block initialised from a seed of its own, so every
 * epoch's are different.
 */
public final class RecordedSweep {

    /** The sweep's name, also its job's. */
    public static final String SWEEP = "lr";

    /** The sweep's worker step. */
    public static final String TRIAL_STEP = "lr-trial";

    /** Updates of one epoch of the regression: 128 rows in batches of 16. */
    public static final long UPDATES_PER_EPOCH = 8;

    private final JobRepository repository;

    private final JobInstance instance;

    private final SweepFolder folder;

    private JobExecution execution;

    /**
     * A sweep recorded in a JobRepository of its own, H2 in memory.
     * @param workspace the {@code demon.checkpoint.dir} its checkpoints go to
     */
    public RecordedSweep(Path workspace) throws Exception {
        this(workspace, inMemoryRepository());
    }

    /**
     * A sweep recorded in a given JobRepository, such as a running application's.
     * @param workspace the {@code demon.checkpoint.dir} its checkpoints go to
     * @param repository where its executions are recorded
     */
    public RecordedSweep(Path workspace, JobRepository repository) {
        this.repository = repository;
        this.instance = repository.createJobInstance(SWEEP, new JobParameters());
        this.execution = started();
        this.folder = new Workspace(workspace).sweep(SWEEP);
    }

    private static JobRepository inMemoryRepository() throws Exception {
        SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new Driver(),
                "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        new ResourceDatabasePopulator(new ClassPathResource("org/springframework/batch/core/schema-h2.sql"))
            .execute(dataSource);
        JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
        factory.setDataSource(dataSource);
        factory.setTransactionManager(new JdbcTransactionManager(dataSource));
        factory.afterPropertiesSet();
        return factory.getObject();
    }

    public JobRepository repository() {
        return repository;
    }

    public SweepFolder folder() {
        return folder;
    }

    /**
     * The checkpoint folder of one trial.
     */
    public Path checkpoints(String trial) {
        return folder.trial(instance.getInstanceId(), trial);
    }

    /**
     * Ends the current job execution FAILED and starts the next one, as a restart does.
     */
    public void restart() {
        execution.setStatus(BatchStatus.FAILED);
        execution.setExitStatus(ExitStatus.FAILED);
        repository.update(execution);
        execution = started();
    }

    private JobExecution started() {
        JobExecution started = repository.createJobExecution(instance, new JobParameters(), new ExecutionContext());
        started.setStatus(BatchStatus.STARTED);
        repository.update(started);
        return started;
    }

    /**
     * Records a trial's partition execution in the current job execution.
     * @param progress what its context holds
     * @param status its Spring Batch status
     * @param exitCode its exit code, {@code PRUNED} for a pruned trial
     */
    public void trial(TrialProgress progress, BatchStatus status, String exitCode) {
        StepExecution partition = repository.createStepExecution(TRIAL_STEP + ":" + progress.trial(), execution);
        progress.writeTo(partition.getExecutionContext());
        partition.setStatus(status);
        partition.setExitStatus(new ExitStatus(exitCode));
        repository.update(partition);
        repository.updateExecutionContext(partition);
    }

    /**
     * Writes a trial's checkpoints epoch after epoch, each keeping the best epoch's by
     * the objective, whose figure each epoch's validation loss or accuracy is.
     * @param trial the trial
     * @param objective the sweep's objective, the trial's monitor
     * @param figures the objective after each epoch
     */
    public void checkpoints(String trial, ModelMonitor objective, double... figures) throws IOException {
        checkpoints(trial, Lease.none(), objective, figures);
    }

    /**
     * Writes a trial's checkpoints as
     * {@link #checkpoints(String, ModelMonitor, double...)} does, under a lease: a
     * worker's, whose generation the trial's lease numbers.
     * @param trial the trial
     * @param writer the lease the checkpoints are written under
     * @param objective the sweep's objective, the trial's monitor
     * @param figures the objective after each epoch
     */
    public void checkpoints(String trial, Lease writer, ModelMonitor objective, double... figures) throws IOException {
        CheckpointStore store = new CheckpointStore(checkpoints(trial), writer);
        List<EpochSummary> history = new ArrayList<>();
        for (int epoch = 1; epoch <= figures.length; epoch++) {
            float figure = (float) figures[epoch - 1];
            history.add(objective == ModelMonitor.VALIDATION_LOSS
                    ? new EpochSummary(epoch, figure + 0.1f, Float.NaN, figure, Float.NaN, 0.9f, 0.01f, 1000)
                    : new EpochSummary(epoch, 0.5f, figure, 0.5f, figure, 0.9f, 0.01f, 1000));
            store.save(checkpoint(trial, epoch, history), objective.best(history).map(EpochSummary::epoch).orElse(0));
        }
    }

    private static Checkpoint checkpoint(String trial, int epoch, List<EpochSummary> history) throws IOException {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = initialisedBlock(manager, seedOf(trial, epoch));
            ByteArrayOutputStream parameters = new ByteArrayOutputStream();
            block.saveParameters(new DataOutputStream(parameters));
            TrainingState state = new TrainingState(RegressionPipeline.NAME, epoch, UPDATES_PER_EPOCH * epoch,
                    UPDATES_PER_EPOCH * 3, UPDATES_PER_EPOCH, Checkpoint.parameterIds(block), List.copyOf(history),
                    null);
            return new Checkpoint(state, parameters.toByteArray(), new byte[0]);
        }
    }

    /**
     * The regression's block holding one epoch's checkpointed parameters.
     * @param manager where its arrays live
     * @param trial the trial
     * @param epoch the epoch whose checkpoint it reads
     */
    public Block checkpointedBlock(NDManager manager, String trial, int epoch)
            throws IOException, MalformedModelException {
        Block block = initialisedBlock(manager, 0);
        new CheckpointStore(checkpoints(trial)).ofEpoch(epoch).orElseThrow().restoreParameters(block, manager);
        return block;
    }

    private static Block initialisedBlock(NDManager manager, int seed) {
        Engine.getInstance().setRandomSeed(seed);
        Block block = RegressionPipeline.newBlock();
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 4));
        return block;
    }

    private static int seedOf(String trial, int epoch) {
        return 100 * Integer.parseInt(trial.substring("trial-".length())) + epoch;
    }

    /**
     * The job execution running now.
     */
    public JobExecution execution() {
        return execution;
    }

    /**
     * Ends the current job execution with a status, as Spring Batch does before the job's
     * listeners write its results.
     * @param status COMPLETED, STOPPED or FAILED
     */
    public void end(BatchStatus status) {
        execution.setStatus(status);
        execution.setExitStatus(new ExitStatus(status.name()));
        repository.update(execution);
    }

    /**
     * The results writer of this sweep.
     * @param summary the sweep
     */
    public SweepResultsWriter writer(SweepSummary summary) {
        return new SweepResultsWriter(summary, repository, folder, new RegressionPipeline());
    }

    /**
     * Writes the results of the current job execution without a lease.
     * @param summary the sweep
     */
    public void results(SweepSummary summary) throws Exception {
        writer(summary).write(execution, Lease.none());
    }

    /**
     * The configuration a trial of this sweep records: the regression's (sgdm, 3 epochs
     * of batches of 16, seed 7) with the trial's parameters on top.
     * @param learningRate the trial's learning rate
     * @param schedule the trial's momentum schedule
     */
    public static TrainingConfiguration configuration(float learningRate, String schedule) {
        return new TrainingConfiguration("sgdm", schedule, 0.9f, schedule.equals("demon") ? 0.0f : null, learningRate,
                "fixed", null, 0.0f, 3, 16, 7, "MXNet", "1.9.1");
    }

    /** The summary of this sweep, a grid over the learning rate and the schedule. */
    public static SweepSummary summary(ModelMonitor objective) {
        return new SweepSummary(SWEEP, RegressionPipeline.NAME, "grid", objective, TRIAL_STEP);
    }

    /** A trial's parameters, in the sweep's declared order. */
    public static Map<String, String> parameters(String learningRate, String schedule) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("learning-rate.initial", learningRate);
        parameters.put("momentum.schedule", schedule);
        return parameters;
    }

}
