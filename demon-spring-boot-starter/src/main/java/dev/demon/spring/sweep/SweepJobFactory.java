package dev.demon.spring.sweep;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.job.RunConfigurations;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.RunConfiguration;
import dev.demon.spring.training.TrainingSettings;
import dev.demon.spring.workspace.SweepFolder;
import dev.demon.spring.workspace.Workspace;
import dev.demon.spring.job.TrainingJobSettings;
import dev.demon.spring.training.AccuracyEvaluator;
import dev.demon.spring.training.EarlyStoppingSettings;

/**
 * Turns a sweep into a Spring Batch {@link Job} named after it: step
 * {@code <sweep>-trials}, partitioned into one partition per trial
 * ({@link SweepPartitioner}) that local threads train with the worker step
 * {@code <sweep>-trial} ({@link TrialTasklet}), {@code concurrency} at a time, or worker
 * processes ({@link TrialPartitionHandlers}). Its {@link SweepJobListener} writes the
 * results (sweep.json, trials.csv, best-model/) when each execution ends, whatever its
 * status. Its {@link SweepRunIncrementer} makes every fresh start a new job instance that
 * records the sweep's definition.
 *
 * <p>
 * Spring Batch does the restart bookkeeping: a restarted sweep runs again only the
 * partitions that did not COMPLETE, each with the execution context it had, so a trial
 * resumes from its finished epochs and latest checkpoint, and a completed or pruned one
 * is never trained again.
 */
public class SweepJobFactory {

    private final JobRepository jobRepository;

    private final RunConfigurations configurations;

    private final @Nullable TrainingMetrics metrics;

    private final ObservationRegistry observationRegistry;

    private final Workspace workspace;

    private final @Nullable ModelMonitor monitor;

    private final Duration checkpointInterval;

    private final Function<String, EarlyStoppingSettings> earlyStopping;

    private final boolean exactResume;

    private final RunningExecutions executions;

    private final Map<String, SweepDefinition> sweeps;

    private final TrialPartitionHandlers partitionHandlers;

    // A trial touches no transactional resource; a real transaction would hold a
    // connection for hours.
    private final PlatformTransactionManager stepTransactions = new ResourcelessTransactionManager();

    /**
     * Creates the factory.
     * @param jobRepository Spring Batch's repository
     * @param configurations the run configurations of the pipelines, with a trial's
     * settings on top
     * @param metrics where the trials' meters go, or null for none
     * @param observationRegistry where Spring Batch's job and step observations go
     * @param settings the workspace, {@code demon.model.monitor}, the checkpoint interval
     * and each pipeline's early stopping, as its own jobs run with them
     * @param executions what trains in this process
     * @param sweeps the sweeps' definitions, by name
     */
    public SweepJobFactory(JobRepository jobRepository, RunConfigurations configurations,
            @Nullable TrainingMetrics metrics, ObservationRegistry observationRegistry, TrainingJobSettings settings,
            RunningExecutions executions, Map<String, SweepDefinition> sweeps) {
        this(jobRepository, configurations, metrics, observationRegistry, settings, executions, sweeps,
                TrialPartitionHandlers.localThreads());
    }

    /**
     * Creates the factory of sweeps whose trials another handler hands out.
     * @param jobRepository Spring Batch's repository
     * @param configurations the run configurations of the pipelines, with a trial's
     * settings on top
     * @param metrics where the trials' meters go, or null for none
     * @param observationRegistry where Spring Batch's job and step observations go
     * @param settings the workspace, {@code demon.model.monitor}, the checkpoint interval
     * and each pipeline's early stopping, as its own jobs run with them
     * @param executions what trains in this process
     * @param sweeps the sweeps' definitions, by name
     * @param partitionHandlers who trains the trials: local threads or worker processes
     */
    public SweepJobFactory(JobRepository jobRepository, RunConfigurations configurations,
            @Nullable TrainingMetrics metrics, ObservationRegistry observationRegistry, TrainingJobSettings settings,
            RunningExecutions executions, Map<String, SweepDefinition> sweeps,
            TrialPartitionHandlers partitionHandlers) {
        this.partitionHandlers = partitionHandlers;
        this.jobRepository = jobRepository;
        this.configurations = configurations;
        this.metrics = metrics;
        this.observationRegistry = observationRegistry;
        this.workspace = settings.workspace();
        this.monitor = settings.monitor();
        this.checkpointInterval = settings.checkpointInterval();
        this.earlyStopping = settings.earlyStopping();
        this.exactResume = settings.exactResume();
        this.executions = executions;
        this.sweeps = Map.copyOf(sweeps);
    }

    /**
     * The definition of a sweep.
     * @param sweep its name
     * @return its definition
     * @throws IllegalArgumentException when there is no such sweep
     */
    public SweepDefinition definition(String sweep) {
        SweepDefinition definition = sweeps.get(sweep);
        if (definition == null) {
            throw new IllegalArgumentException("No sweep " + sweep + "; sweeps: " + sweeps.keySet());
        }
        return definition;
    }

    /**
     * Checks a sweep against its pipeline and says what it is.
     * @param sweep the sweep's name
     * @param declaration the annotation of the pipeline it names
     * @param pipeline that pipeline's bean
     * @return its summary, the objective resolved
     * @throws InvalidSweepException when the definition cannot run ({@link SweepPlan#of})
     */
    public SweepSummary summary(String sweep, TrainingPipeline declaration, PipelineDefinition pipeline) {
        return SweepPlan
            .of(definition(sweep), declaration, pipeline, monitor, trialConfigurations(declaration, pipeline))
            .summary();
    }

    private Function<TrainingSettings, RunConfiguration> trialConfigurations(TrainingPipeline declaration,
            PipelineDefinition pipeline) {
        return settings -> configurations.of(declaration, pipeline, settings);
    }

    /**
     * Checks a sweep against its pipeline and builds its job.
     * @param sweep the sweep's name
     * @param declaration the annotation of the pipeline it names
     * @param pipeline that pipeline's bean
     * @return the job, named after the sweep
     * @throws InvalidSweepException when the definition cannot run ({@link SweepPlan#of})
     */
    public Job create(String sweep, TrainingPipeline declaration, PipelineDefinition pipeline) {
        Function<TrainingSettings, RunConfiguration> trialConfigurations = trialConfigurations(declaration, pipeline);
        SweepPlan plan = SweepPlan.of(definition(sweep), declaration, pipeline, monitor, trialConfigurations);
        SweepFolder folder = workspace.sweep(plan.name());
        // As StepBuilder's partitioner(...).build(), with a step that ends FAILED without
        // Spring Batch's errors when the sweep is fenced.
        FencedTrialsStep trials = new FencedTrialsStep(jobRepository, executions);
        trials.setName(plan.trialsStepName());
        trials.setObservationRegistry(observationRegistry);
        trials.setStepExecutionSplitter(new SimpleStepExecutionSplitter(jobRepository, plan.trialStepName(),
                new SweepPartitioner(plan.trials())));
        trials.setPartitionHandler(partitionHandlers.create(plan, trialStep(plan, trialConfigurations, folder)));
        trials.setStepExecutionAggregator(new PrunedExitStatusAggregator());
        try {
            trials.afterPropertiesSet();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot build the trials step of sweep " + plan.name(), ex);
        }
        SweepSummary summary = plan.summary();
        return new JobBuilder(plan.name(), jobRepository)
            .incrementer(new SweepRunIncrementer(plan.definition(),
                    () -> trialConfigurations.apply(TrainingSettings.NONE).record()))
            .observationRegistry(observationRegistry)
            .listener(new SweepJobListener(plan, jobRepository, folder, executions,
                    new SweepResultsWriter(summary, jobRepository, folder, pipeline)))
            .start(trials)
            .build();
    }

    /**
     * Checks a sweep against its pipeline and builds the step that trains one of its
     * trials, as a worker process runs it for a trial request.
     * @param sweep the sweep's name
     * @param declaration the annotation of the pipeline it names
     * @param pipeline that pipeline's bean
     * @return the step {@code <sweep>-trial}
     * @throws InvalidSweepException when the definition cannot run ({@link SweepPlan#of})
     */
    public Step trialStep(String sweep, TrainingPipeline declaration, PipelineDefinition pipeline) {
        Function<TrainingSettings, RunConfiguration> trialConfigurations = trialConfigurations(declaration, pipeline);
        SweepPlan plan = SweepPlan.of(definition(sweep), declaration, pipeline, monitor, trialConfigurations);
        return trialStep(plan, trialConfigurations, workspace.sweep(plan.name()));
    }

    private Step trialStep(SweepPlan plan, Function<TrainingSettings, RunConfiguration> trialConfigurations,
            SweepFolder folder) {
        String pipeline = plan.declaration().name();
        EarlyStoppingSettings stopping = earlyStopping.apply(pipeline);
        // Refused before anything trains, for every trial's epochs (they may be swept).
        boolean measuresAccuracy = AccuracyEvaluator.in(plan.pipeline().evaluators()).isPresent();
        plan.trials()
            .stream()
            .map(trial -> trialConfigurations.apply(plan.settings(trial)).epochs())
            .distinct()
            .forEach(epochs -> stopping.checkFor(pipeline, plan.objective(), measuresAccuracy, epochs));
        TrialTasklet tasklet = new TrialTasklet(plan, trialConfigurations, jobRepository, folder, metrics,
                checkpointInterval, stopping, exactResume, executions);
        return new StepBuilder(plan.trialStepName(), tasklet.stepRepository()).observationRegistry(observationRegistry)
            .tasklet(tasklet, stepTransactions)
            .build();
    }

}
