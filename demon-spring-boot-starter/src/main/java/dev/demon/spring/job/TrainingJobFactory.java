package dev.demon.spring.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.training.AccuracyEvaluator;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.TrainingPlan;

/**
 * Turns a {@link TrainingPipeline} into a Spring Batch {@link Job} named after it: steps
 * {@code <pipeline>-epoch-1} to {@code <pipeline>-epoch-<epochs>}, each an
 * {@link EpochTasklet}, and a {@link TrainingRunIncrementer}, so that every fresh start
 * is a new job instance that records the configuration it starts with.
 *
 * <p>
 * Spring Batch does the restart bookkeeping: a restarted job skips the steps that
 * COMPLETED before, and the first step to run restores the training from its checkpoint.
 */
public class TrainingJobFactory {

    private final JobRepository jobRepository;

    private final DemonOptimizerFactory optimizers;

    private final @Nullable TrainingMetrics metrics;

    private final @Nullable LiveTrainings live;

    private final ObservationRegistry observationRegistry;

    private final TrainingJobSettings settings;

    // An epoch touches no transactional resource; a real transaction would hold a
    // connection for hours.
    private final PlatformTransactionManager stepTransactions = new ResourcelessTransactionManager();

    private final Map<String, TrainingJobListener> listeners = new ConcurrentHashMap<>();

    private final StopRequests stops;

    private final JobLeases leases;

    /**
     * Creates the factory.
     * @param jobRepository Spring Batch's repository
     * @param optimizers builds each run's optimizer
     * @param metrics where the jobs' meters go, or null for none
     * @param live where the jobs publish their progress, or null for nowhere
     * @param observationRegistry where Spring Batch's own job and step observations go
     * @param settings the jobs' other settings
     */
    public TrainingJobFactory(JobRepository jobRepository, DemonOptimizerFactory optimizers,
            @Nullable TrainingMetrics metrics, @Nullable LiveTrainings live, ObservationRegistry observationRegistry,
            TrainingJobSettings settings) {
        this(jobRepository, optimizers, metrics, live, observationRegistry, settings, JobLeases.none());
    }

    /**
     * Creates the factory of jobs whose writes the leases of this process fence.
     * @param jobRepository Spring Batch's repository
     * @param optimizers builds each run's optimizer
     * @param metrics where the jobs' meters go, or null for none
     * @param live where the jobs publish their progress, or null for nowhere
     * @param observationRegistry where Spring Batch's own job and step observations go
     * @param settings the jobs' other settings
     * @param leases the leases the start-up runner takes on the jobs
     * ({@link ResumingJobLauncherApplicationRunner})
     */
    public TrainingJobFactory(JobRepository jobRepository, DemonOptimizerFactory optimizers,
            @Nullable TrainingMetrics metrics, @Nullable LiveTrainings live, ObservationRegistry observationRegistry,
            TrainingJobSettings settings, JobLeases leases) {
        this.leases = leases;
        this.jobRepository = jobRepository;
        this.optimizers = optimizers;
        this.metrics = metrics;
        this.live = live;
        this.observationRegistry = observationRegistry;
        this.settings = settings;
        this.stops = new StopRequests(jobRepository);
    }

    /**
     * Builds the job of a pipeline.
     * @param declaration the pipeline's annotation
     * @param definition the pipeline bean
     * @return the job, named {@code declaration.name()}
     * @throws dev.demon.spring.training.MonitorUnavailableException when the pipeline's
     * monitor cannot pick its best model ({@link ModelMonitor#select})
     */
    public Job create(TrainingPipeline declaration, PipelineDefinition definition) {
        ModelMonitor monitor = ModelMonitor.select(declaration.name(), declaration.monitor(), settings.monitor(),
                AccuracyEvaluator.in(definition.evaluators()).isPresent());
        TrainingPlan plan = new TrainingPlan(declaration.name(), definition,
                settings.epochs() != null ? settings.epochs() : declaration.epochs(),
                settings.batchSize() != null ? settings.batchSize() : declaration.batchSize(), settings.seed(), monitor,
                settings.checkpointInterval(), settings.engine());
        if (plan.epochs() < 1 || plan.batchSize() < 1) {
            throw new IllegalArgumentException("@TrainingPipeline " + plan.pipeline() + " needs epochs >= 1 and "
                    + "batchSize >= 1, got epochs = " + plan.epochs() + " and batchSize = " + plan.batchSize());
        }
        TrainingJobListener training = new TrainingJobListener(plan, optimizers, metrics, live, jobRepository, settings,
                stops, leases);
        listeners.put(plan.pipeline(), training);
        SimpleJobBuilder job = new JobBuilder(plan.pipeline(), jobRepository)
            .incrementer(new TrainingRunIncrementer(training::configuration))
            .observationRegistry(observationRegistry)
            .listener(training)
            .start(epochStep(training, 1));
        for (int epoch = 2; epoch <= plan.epochs(); epoch++) {
            job.next(epochStep(training, epoch));
        }
        return job.build();
    }

    /**
     * The configuration a new run of a job built here starts with.
     * @param jobName a job's name
     * @return the configuration ({@link TrainingJobListener#configuration()}), or empty
     * when this factory did not build that job
     */
    public Optional<TrainingConfiguration> configuration(String jobName) {
        return Optional.ofNullable(listeners.get(jobName)).map(TrainingJobListener::configuration);
    }

    /**
     * Returns the executions of jobs built here that run in this process.
     * @return a snapshot
     */
    public List<JobExecution> runningExecutions() {
        return listeners.values().stream().flatMap(training -> training.runningExecutions().stream()).toList();
    }

    /**
     * Asks an execution running in this process to stop at its next batch boundary, after
     * writing a checkpoint; {@code JobOperator.stop} does the same through the
     * JobRepository, from any process.
     * @param execution a running execution of a job built here
     */
    public void requestStop(JobExecution execution) {
        stops.request(execution.getId());
    }

    /**
     * Waits until an execution running in this process has ended.
     * @param execution the execution
     * @param timeout how long to wait at most
     * @return true when it ended (or does not run here), false on timeout
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitEnd(JobExecution execution, Duration timeout) throws InterruptedException {
        TrainingJobListener training = listeners.get(execution.getJobInstance().getJobName());
        return training == null || training.awaitEnd(execution.getId(), timeout);
    }

    private Step epochStep(TrainingJobListener training, int epoch) {
        // Steps are not beans, so Spring Batch's observability post-processor never sees
        // them.
        return new StepBuilder(training.getPlan().stepName(epoch), jobRepository)
            .observationRegistry(observationRegistry)
            .tasklet(new EpochTasklet(training, epoch, stops), stepTransactions)
            .build();
    }

}
