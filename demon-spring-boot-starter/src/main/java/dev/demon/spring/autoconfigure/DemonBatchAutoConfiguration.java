package dev.demon.spring.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchProperties;
import org.springframework.boot.batch.autoconfigure.JobLauncherApplicationRunner;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.job.JobExitCodeGenerator;
import dev.demon.spring.job.ResumingJobLauncherApplicationRunner;
import dev.demon.spring.job.RunConfigurations;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.job.TrainingJobFactory;
import dev.demon.spring.job.TrainingJobRegistrar;
import dev.demon.spring.job.TrainingJobShutdown;
import dev.demon.spring.job.TrainingJobSettings;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.sweep.SweepDefinition;
import dev.demon.spring.sweep.SweepJobFactory;
import dev.demon.spring.sweep.SweepJobRegistrar;
import dev.demon.spring.sweep.TrialPartitionHandlers;
import dev.demon.spring.training.EngineType;
import dev.demon.spring.training.TrainingSettings;
import dev.demon.spring.workspace.Workspace;

/**
 * Auto-configuration of the training jobs, active only with {@code demon.enabled=true}
 * and Spring Batch present: one job per {@code @TrainingPipeline} bean, configured by
 * {@link RunConfigurations} from {@code demon.pipelines.<name>.*} over the global
 * properties, and a start-up job launcher that resumes a failed or crashed job instead of
 * starting it over, unless its configuration changed ({@code demon.unfinished-run}).
 *
 * <p>
 * Ordered after Spring Batch's own auto-configuration (for its JobRepository and
 * JobOperator) and before {@link BatchJobLauncherAutoConfiguration}, whose launcher backs
 * off in favour of {@link ResumingJobLauncherApplicationRunner}. The launcher honours the
 * same switches as Spring Boot's: {@code spring.batch.job.enabled} and
 * {@code spring.batch.job.name}. Its {@link JobExitCodeGenerator} gives
 * {@code System.exit(SpringApplication.exit(context))} the jobs' status, and leaves the
 * status of a signal that stopped them alone.
 */
@AutoConfiguration(
        after = { DemonAutoConfiguration.class, BatchAutoConfiguration.class, BatchJdbcAutoConfiguration.class },
        before = BatchJobLauncherAutoConfiguration.class)
@ConditionalOnBooleanProperty("demon.enabled")
@ConditionalOnClass(JobOperator.class)
@ConditionalOnBean({ JobRepository.class, DemonOptimizerFactory.class, Workspace.class })
@EnableConfigurationProperties({ DemonProperties.class, BatchProperties.class })
public final class DemonBatchAutoConfiguration {

    @Bean
    static TrainingJobRegistrar trainingJobRegistrar() {
        return new TrainingJobRegistrar();
    }

    @Bean
    @ConditionalOnMissingBean
    RunningExecutions runningExecutions(JobRepository jobRepository) {
        return new RunningExecutions(jobRepository);
    }

    @Bean
    @ConditionalOnMissingBean
    RunConfigurations runConfigurations(DemonOptimizerFactory optimizers, DemonProperties properties,
            ListableBeanFactory beanFactory) {
        Map<String, TrainingSettings> pipelines = new LinkedHashMap<>();
        properties.pipelines().forEach((name, overrides) -> pipelines.put(name, overrides.trainingSettings()));
        // The annotations, not the beans: reading them instantiates no pipeline.
        List<String> pipelineNames = Arrays.stream(beanFactory.getBeanNamesForAnnotation(TrainingPipeline.class))
            .map(bean -> beanFactory.findAnnotationOnBean(bean, TrainingPipeline.class).name())
            .toList();
        return new RunConfigurations(optimizers, properties.trainingSettings(), pipelines, pipelineNames,
                EngineType.select(properties.engine()));
    }

    @Bean
    @ConditionalOnMissingBean
    TrainingJobFactory trainingJobFactory(JobRepository jobRepository, RunConfigurations configurations,
            ObjectProvider<TrainingMetrics> metrics, ObjectProvider<LiveTrainings> live,
            ObjectProvider<ObservationRegistry> observationRegistry, DemonProperties properties,
            RunningExecutions executions, Workspace workspace) {
        // Without a MeterRegistry there is no TrainingMetrics bean, and the jobs train
        // without meters; without the training page, no LiveTrainings.
        TrainingJobSettings settings = new TrainingJobSettings(workspace, properties.model().monitor(),
                properties.checkpoint().interval(), properties::earlyStopping, properties::promotion);
        return new TrainingJobFactory(jobRepository, configurations, metrics.getIfAvailable(), live.getIfAvailable(),
                observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), settings, executions);
    }

    @Bean
    @ConditionalOnMissingBean(JobLauncherApplicationRunner.class)
    @ConditionalOnBean(JobOperator.class)
    @ConditionalOnBooleanProperty(name = "spring.batch.job.enabled", matchIfMissing = true)
    ResumingJobLauncherApplicationRunner jobLauncherApplicationRunner(JobOperator jobOperator,
            JobRepository jobRepository, RunningExecutions executions, DemonProperties demon,
            BatchProperties properties, ObjectProvider<JobLeases> leases) {
        // Without leases (no DataSource, no Spring Integration JDBC) one process at a
        // time must use the JobRepository.
        ResumingJobLauncherApplicationRunner runner = new ResumingJobLauncherApplicationRunner(jobOperator,
                jobRepository, demon.unfinishedRun(), leases.getIfAvailable(JobLeases::none), executions);
        String jobName = properties.getJob().getName();
        if (StringUtils.hasText(jobName)) {
            runner.setJobName(jobName);
        }
        return runner;
    }

    @Bean
    @ConditionalOnMissingBean
    JobExitCodeGenerator jobExitCodeGenerator() {
        // An ExitCodeGenerator: Spring Boot's JobExecutionExitCodeGenerator backs off.
        return new JobExitCodeGenerator();
    }

    @Bean
    @ConditionalOnMissingBean
    TrainingJobShutdown trainingJobShutdown(RunningExecutions executions, Environment environment) {
        // Spring Boot's own bound on a shutdown phase, which a blocking stop would not
        // honour by itself.
        Duration timeout = Binder.get(environment)
            .bind("spring.lifecycle.timeout-per-shutdown-phase", Duration.class)
            .orElse(Duration.ofSeconds(30));
        return new TrainingJobShutdown(executions, timeout);
    }

    @Bean
    static SweepJobRegistrar sweepJobRegistrar(Environment environment) {
        // Bean definitions are registered before DemonProperties exists: only each
        // sweep's pipeline here; the whole definitions are checked as the jobs are built.
        Map<String, @Nullable String> pipelineBySweep = new LinkedHashMap<>();
        Binder.get(environment)
            .bind("demon.sweeps", Bindable.mapOf(String.class, DemonProperties.SweepProperties.class))
            .orElse(Map.of())
            .forEach((sweep, properties) -> pipelineBySweep.put(sweep, properties.pipeline()));
        return new SweepJobRegistrar(pipelineBySweep);
    }

    @Bean
    @ConditionalOnMissingBean
    SweepJobFactory sweepJobFactory(JobRepository jobRepository, RunConfigurations configurations,
            ObjectProvider<TrainingMetrics> metrics, ObjectProvider<ObservationRegistry> observationRegistry,
            DemonProperties properties, RunningExecutions executions, Workspace workspace,
            ObjectProvider<TrialPartitionHandlers> partitionHandlers) {
        Map<String, SweepDefinition> sweeps = new LinkedHashMap<>();
        properties.sweeps().forEach((name, sweep) -> sweeps.put(name, sweep.definition(name)));
        // Worker processes when this process is a manager (DemonRemoteAutoConfiguration).
        TrainingJobSettings settings = new TrainingJobSettings(workspace, properties.model().monitor(),
                properties.checkpoint().interval(), properties::earlyStopping);
        return new SweepJobFactory(jobRepository, configurations, metrics.getIfAvailable(),
                observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP), settings, executions, sweeps,
                partitionHandlers.getIfAvailable(TrialPartitionHandlers::localThreads));
    }

}
