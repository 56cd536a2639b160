package dev.demon.spring.job;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.promotion.PromotionSettings;
import dev.demon.spring.training.AccuracyEvaluator;
import dev.demon.spring.training.EarlyStoppingSettings;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.RunConfiguration;
import dev.demon.spring.training.TrainingPlan;
import dev.demon.spring.training.TrainingSettings;
import dev.demon.spring.workspace.WriteWindow;

/**
 * Turns a {@link TrainingPipeline} into a Spring Batch {@link Job} named after it: steps
 * {@code <pipeline>-epoch-1} to {@code <pipeline>-epoch-<epochs>}, each an
 * {@link EpochTasklet}, then {@code <pipeline>-promotion}, a {@link PromotionTasklet}
 * (the run's best model against the one served), and a {@link TrainingRunIncrementer}, so
 * that every fresh start is a new job instance that records the configuration it starts
 * with.
 *
 * <p>
 * Spring Batch does the restart bookkeeping: a restarted job skips the steps that
 * COMPLETED before, and the first step to run restores the training from its checkpoint.
 */
public class TrainingJobFactory {

    private final JobRepository jobRepository;

    private final RunConfigurations configurations;

    private final @Nullable TrainingMetrics metrics;

    private final @Nullable LiveTrainings live;

    private final ObservationRegistry observationRegistry;

    private final TrainingJobSettings settings;

    // An epoch touches no transactional resource; a real transaction would hold a
    // connection for hours.
    private final PlatformTransactionManager stepTransactions = new ResourcelessTransactionManager();

    private final RunningExecutions executions;

    private WriteWindow promotionSwitchWindow = WriteWindow.NONE;

    /**
     * Creates the factory.
     * @param jobRepository Spring Batch's repository
     * @param configurations makes each pipeline's run configuration
     * @param metrics where the jobs' meters go, or null for none
     * @param live where the jobs publish their progress, or null for nowhere
     * @param observationRegistry where Spring Batch's own job and step observations go
     * @param settings the jobs' other settings
     * @param executions what trains in this process, where the jobs record their running
     * executions
     */
    public TrainingJobFactory(JobRepository jobRepository, RunConfigurations configurations,
            @Nullable TrainingMetrics metrics, @Nullable LiveTrainings live, ObservationRegistry observationRegistry,
            TrainingJobSettings settings, RunningExecutions executions) {
        this.executions = executions;
        this.jobRepository = jobRepository;
        this.configurations = configurations;
        this.metrics = metrics;
        this.live = live;
        this.observationRegistry = observationRegistry;
        this.settings = settings;
    }

    /**
     * Builds the job of a pipeline.
     * @param declaration the pipeline's annotation
     * @param definition the pipeline bean
     * @return the job, named {@code declaration.name()}
     * @throws dev.demon.spring.training.MonitorUnavailableException when the pipeline's
     * monitor cannot pick its best model ({@link ModelMonitor#select})
     * @throws IllegalArgumentException when the epochs or batch size in force is below 1
     * @throws dev.demon.spring.training.InvalidTrainingSettingException when its early
     * stopping cannot work for it ({@link EarlyStoppingSettings#checkFor})
     */
    public Job create(TrainingPipeline declaration, PipelineDefinition definition) {
        boolean measuresAccuracy = AccuracyEvaluator.in(definition.evaluators()).isPresent();
        ModelMonitor monitor = ModelMonitor.select(declaration.name(), declaration.monitor(), settings.monitor(),
                measuresAccuracy);
        RunConfiguration configuration = configurations.of(declaration, definition, TrainingSettings.NONE);
        EarlyStoppingSettings earlyStopping = settings.earlyStopping().apply(declaration.name());
        earlyStopping.checkFor(declaration.name(), monitor, measuresAccuracy, configuration.epochs());
        TrainingPlan plan = new TrainingPlan(declaration.name(), definition, configuration, monitor,
                settings.checkpointInterval(), null, earlyStopping);
        TrainingJobListener training = new TrainingJobListener(plan, metrics, live, jobRepository, settings,
                executions);
        SimpleJobBuilder job = new JobBuilder(plan.pipeline(), jobRepository)
            .incrementer(new TrainingRunIncrementer(training::configuration))
            .observationRegistry(observationRegistry)
            .listener(training)
            .start(epochStep(training, 1));
        for (int epoch = 2; epoch <= plan.epochs(); epoch++) {
            job.next(epochStep(training, epoch));
        }
        job.next(promotionStep(training, settings.promotion().apply(declaration.name())));
        return job.build();
    }

    /**
     * What the promotion steps of the jobs created from now on do between recording their
     * decision and switching the champion pointer: a test's crash.
     * @param window called just before the pointer is written
     */
    void setPromotionSwitchWindow(WriteWindow window) {
        this.promotionSwitchWindow = window;
    }

    private Step promotionStep(TrainingJobListener training, PromotionSettings promotion) {
        return new StepBuilder(PromotionTasklet.stepName(training.getPlan().pipeline()), jobRepository)
            .observationRegistry(observationRegistry)
            .tasklet(new PromotionTasklet(training, executions, promotion, promotionSwitchWindow), stepTransactions)
            .build();
    }

    private Step epochStep(TrainingJobListener training, int epoch) {
        // Steps are not beans, so Spring Batch's observability post-processor never sees
        // them.
        return new StepBuilder(training.getPlan().stepName(epoch), jobRepository)
            .observationRegistry(observationRegistry)
            .tasklet(new EpochTasklet(training, epoch, executions), stepTransactions)
            .build();
    }

}
