package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.job.SimpleJob;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.BatchJobLauncherAutoConfiguration;
import org.springframework.boot.batch.autoconfigure.JobLauncherApplicationRunner;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.job.ResumingJobLauncherApplicationRunner;
import dev.demon.spring.job.JobExitCodeGenerator;
import dev.demon.spring.job.JobSelectionException;
import dev.demon.spring.job.TrainingJobFactory;
import dev.demon.spring.job.RunConfigurations;
import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.job.TrainingJobShutdown;
import dev.demon.spring.job.UnknownPipelineException;
import dev.demon.spring.job.TrainingJobSettings;
import dev.demon.spring.job.TrainingJobRegistrar;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.TrainingSettings;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.training.EngineUnavailableException;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.spring.workspace.Workspace;

/** The training jobs and their launcher, on Spring Batch's in-memory job repository. */
class DemonBatchAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonBatchAutoConfiguration.class,
                BatchAutoConfiguration.class, BatchJobLauncherAutoConfiguration.class))
        .withUserConfiguration(SyntheticPipeline.class);

    /**
     * Without Spring Boot's batch auto-configuration: the application brings its own
     * JobRepository.
     */
    private final ApplicationContextRunner ownJobRepository = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonBatchAutoConfiguration.class))
        .withUserConfiguration(SyntheticPipeline.class, OwnJobRepository.class)
        .withPropertyValues("demon.enabled=true");

    @Test
    void withoutDemonEnabledThePipelineGetsNoJobAndBootKeepsItsLauncher() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Job.class).doesNotHaveBean(TrainingJobFactory.class);
            assertThat(context.getBean(JobLauncherApplicationRunner.class))
                .isNotInstanceOf(ResumingJobLauncherApplicationRunner.class);
        });
    }

    @Test
    void eachPipelineBecomesAJobNamedAfterItWithOneStepPerEpochThenItsPromotionStep() {
        runner.withPropertyValues("demon.enabled=true").run(context -> {
            Job job = context.getBean("synthetic-job", Job.class);
            assertThat(job.getName()).isEqualTo("synthetic");
            assertThat(((SimpleJob) job).getStepNames()).containsExactly("synthetic-epoch-1", "synthetic-epoch-2",
                    "synthetic-promotion");
        });
    }

    @Test
    void engineNotOnTheClassPathFailsTheContext() {
        runner.withPropertyValues("demon.enabled=true", "demon.engine=pytorch")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("engines available: [MXNet]"));
    }

    @Test
    void demonEpochsOverridesThePipelinesEpochs() {
        runner.withPropertyValues("demon.enabled=true", "demon.epochs=4")
            .run(context -> assertThat(((SimpleJob) context.getBean("synthetic-job", Job.class)).getStepNames())
                .containsExactly("synthetic-epoch-1", "synthetic-epoch-2", "synthetic-epoch-3", "synthetic-epoch-4",
                        "synthetic-promotion"));
    }

    @Test
    void demonBatchSizeOverridesThePipelinesBatchSize(@TempDir Path folder) {
        runner.withPropertyValues("demon.enabled=true", "demon.batch-size=40", "demon.checkpoint.dir=" + folder)
            .withSystemProperties("ai.djl.offline=true")
            .run(context -> {
                JobExecution execution = context.getBean(JobOperator.class)
                    .start(context.getBean("synthetic-job", Job.class), new JobParameters());
                assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                TrainingReport report = new ReportWriter().read(new Workspace(folder).pipeline("synthetic").report());
                // 2 declared epochs × ceil(96 records / 40) = 2 × 3, where the declared
                // batch of 16 gives 2 × 6.
                assertThat(report.totalUpdates()).isEqualTo(6);
                assertThat(report.updatesDone()).isEqualTo(6);
            });
    }

    @Test
    void jobExitCodeGeneratorReplacesBootsOwn() {
        runner.withPropertyValues("demon.enabled=true")
            .run(context -> assertThat(context).hasSingleBean(ExitCodeGenerator.class)
                .hasSingleBean(JobExitCodeGenerator.class));
    }

    @Test
    void userJobExitCodeGeneratorReplacesTheStartersOne() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(OwnExitCodes.class).run(context -> {
            assertThat(context).hasSingleBean(JobExitCodeGenerator.class).doesNotHaveBean("jobExitCodeGenerator");
            assertThat(context.getBean(JobExitCodeGenerator.class)).isSameAs(context.getBean("ownExitCodes"));
        });
    }

    @Test
    void resumingLauncherReplacesBootsAndHonoursTheJobName() {
        runner.withPropertyValues("demon.enabled=true", "spring.batch.job.name=synthetic").run(context -> {
            assertThat(context).hasSingleBean(JobLauncherApplicationRunner.class);
            assertThat(context.getBean(JobLauncherApplicationRunner.class))
                .isInstanceOf(ResumingJobLauncherApplicationRunner.class);
        });
    }

    @Test
    void noLauncherWhenBatchJobsAreSwitchedOff() {
        runner.withPropertyValues("demon.enabled=true", "spring.batch.job.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(JobLauncherApplicationRunner.class)
                .hasBean("synthetic-job"));
    }

    @Test
    void unknownJobNameStopsStartUpListingTheJobs() {
        runner.withPropertyValues("demon.enabled=true", "spring.batch.job.name=fashion-mnist-gan")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(JobSelectionException.class)
                .hasMessage("No job named \"fashion-mnist-gan\" (spring.batch.job.name); jobs: [synthetic]"));
    }

    @Test
    void pipelineEpochsOverrideTheGlobalEpochs() {
        runner.withPropertyValues("demon.enabled=true", "demon.epochs=4", "demon.pipelines.synthetic.epochs=3")
            .run(context -> assertThat(((SimpleJob) context.getBean("synthetic-job", Job.class)).getStepNames())
                .containsExactly("synthetic-epoch-1", "synthetic-epoch-2", "synthetic-epoch-3", "synthetic-promotion"));
    }

    @Test
    void settingsOfAPipelineThatIsNoneStopStartUpListingThePipelines() {
        runner.withPropertyValues("demon.enabled=true", "demon.pipelines.synthetc.epochs=3")
            .run(context -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(UnknownPipelineException.class)
                .hasMessage("demon.pipelines names no pipeline: [synthetc]; pipelines: [synthetic]"));
    }

    @Test
    void userRunConfigurationsReplaceTheStartersOnes() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(FiveEpochRuns.class).run(context -> {
            assertThat(context).hasSingleBean(RunConfigurations.class).doesNotHaveBean("runConfigurations");
            assertThat(((SimpleJob) context.getBean("synthetic-job", Job.class)).getStepNames()).hasSize(5 + 1);
        });
    }

    @Test
    void userTrainingJobFactoryBuildsThePipelinesJobs() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(ThreeEpochJobs.class).run(context -> {
            assertThat(context).hasSingleBean(TrainingJobFactory.class).doesNotHaveBean("trainingJobFactory");
            assertThat(context.getBean(TrainingJobFactory.class)).isSameAs(context.getBean("threeEpochJobs"));
            // The pipeline declares 2 epochs; the user's factory makes every job 3 epochs
            // long.
            assertThat(((SimpleJob) context.getBean("synthetic-job", Job.class)).getStepNames())
                .containsExactly("synthetic-epoch-1", "synthetic-epoch-2", "synthetic-epoch-3", "synthetic-promotion");
        });
    }

    @Test
    void shutdownStopsTheTrainingJobsFirstWithinBootsShutdownPhaseTimeout() {
        runner.withPropertyValues("demon.enabled=true", "spring.lifecycle.timeout-per-shutdown-phase=45s")
            .run(context -> {
                TrainingJobShutdown shutdown = context.getBean(TrainingJobShutdown.class);
                assertThat(shutdown.getPhase()).isEqualTo(Integer.MAX_VALUE);
                assertThat(shutdown).hasFieldOrPropertyWithValue("timeout", Duration.ofSeconds(45));
            });
    }

    @Test
    void userRunningExecutionsReplaceTheStartersOnes() {
        runner.withPropertyValues("demon.enabled=true")
            .withUserConfiguration(OwnRunningExecutions.class)
            .run(context -> {
                assertThat(context).hasSingleBean(RunningExecutions.class).doesNotHaveBean("runningExecutions");
                assertThat(context.getBean(RunningExecutions.class)).isSameAs(context.getBean("ownRunningExecutions"));
            });
    }

    @Test
    void userTrainingJobShutdownReplacesTheStartersOne() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(OwnShutdown.class).run(context -> {
            assertThat(context).hasSingleBean(TrainingJobShutdown.class).doesNotHaveBean("trainingJobShutdown");
            assertThat(context.getBean(TrainingJobShutdown.class)).isSameAs(context.getBean("ownShutdown"));
        });
    }

    @Test
    void userJobLauncherApplicationRunnerReplacesTheResumingOne() {
        runner.withPropertyValues("demon.enabled=true").withUserConfiguration(OwnJobLauncher.class).run(context -> {
            assertThat(context).hasSingleBean(JobLauncherApplicationRunner.class)
                .doesNotHaveBean(ResumingJobLauncherApplicationRunner.class)
                .doesNotHaveBean("jobLauncherApplicationRunner");
            assertThat(context.getBean(JobLauncherApplicationRunner.class)).isSameAs(context.getBean("ownJobLauncher"));
        });
    }

    @Test
    void pipelinesTrainWithTheUsersOptimizerFactory(@TempDir Path folder) {
        runner.withPropertyValues("demon.enabled=true", "demon.checkpoint.dir=" + folder)
            .withSystemProperties("ai.djl.offline=true")
            .withUserConfiguration(AdamOptimizers.class)
            .run(context -> {
                JobExecution execution = context.getBean(JobOperator.class)
                    .start(context.getBean("synthetic-job", Job.class), new JobParameters());
                assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
                // demon.optimizer is sgdm by default; the job trained with the user's
                // Adam.
                assertThat(new ReportWriter().read(new Workspace(folder).pipeline("synthetic").report()).optimizer())
                    .isEqualTo("adam");
            });
    }

    @Test
    void anyJobRepositoryBeanIsEnoughForThePipelinesJobs() {
        ownJobRepository
            .run(context -> assertThat(context).hasSingleBean(TrainingJobFactory.class).hasBean("synthetic-job"));
    }

    @Test
    void noJobsWithoutAJobRepository() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonBatchAutoConfiguration.class))
            .withUserConfiguration(SyntheticPipeline.class)
            .withPropertyValues("demon.enabled=true")
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(TrainingJobFactory.class)
                .doesNotHaveBean(Job.class));
    }

    @Test
    void noLauncherWithoutAJobOperator() {
        ownJobRepository
            .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(JobLauncherApplicationRunner.class));
    }

    @Test
    void withoutSpringBatchsJobOperatorOnTheClassPathTheStarterAddsNoJobs() {
        ownJobRepository.withClassLoader(new FilteredClassLoader(JobOperator.class))
            .run(context -> assertThat(context).hasNotFailed()
                .hasSingleBean(DemonOptimizerFactory.class)
                .doesNotHaveBean(TrainingJobRegistrar.class)
                .doesNotHaveBean(TrainingJobFactory.class)
                .doesNotHaveBean(Job.class)
                .doesNotHaveBean(JobLauncherApplicationRunner.class));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnJobRepository {

        @Bean
        JobRepository ownJobRepository() {
            return new ResourcelessJobRepository();
        }

    }

    /**
     * A job factory of the application's own: every job 3 epochs long, whatever its
     * pipeline declares.
     */
    @Configuration(proxyBeanMethods = false)
    static class ThreeEpochJobs {

        @Bean
        TrainingJobFactory threeEpochJobs(JobRepository jobRepository, DemonOptimizerFactory optimizers,
                DemonProperties properties, RunningExecutions executions) {
            TrainingSettings threeEpochs = new TrainingSettings(null, null, null, null, null, null, null, null, 3, null,
                    null);
            // No job runs in these tests: the checkpoint folder is never created.
            return new TrainingJobFactory(jobRepository,
                    new RunConfigurations(optimizers, threeEpochs.orElse(properties.trainingSettings()), Map.of(),
                            List.of(), "MXNet"),
                    null, null, ObservationRegistry.NOOP,
                    new TrainingJobSettings(new Workspace(Path.of(DemonProperties.DEFAULT_CHECKPOINT_DIR)),
                            ModelMonitor.VALIDATION_ACCURACY, Duration.ofMinutes(10)),
                    executions);
        }

    }

    /** Run configurations of the application's own: every run 5 epochs long. */
    @Configuration(proxyBeanMethods = false)
    static class FiveEpochRuns {

        @Bean
        RunConfigurations fiveEpochRuns(DemonOptimizerFactory optimizers, DemonProperties properties) {
            TrainingSettings fiveEpochs = new TrainingSettings(null, null, null, null, null, null, null, null, 5, null,
                    null);
            return new RunConfigurations(optimizers, fiveEpochs.orElse(properties.trainingSettings()), Map.of(),
                    List.of(), "MXNet");
        }

    }

    /** An exit code generator of the application's own. */
    @Configuration(proxyBeanMethods = false)
    static class OwnExitCodes {

        @Bean
        JobExitCodeGenerator ownExitCodes() {
            return new JobExitCodeGenerator();
        }

    }

    /** A record of running executions of the application's own. */
    @Configuration(proxyBeanMethods = false)
    static class OwnRunningExecutions {

        @Bean
        RunningExecutions ownRunningExecutions(JobRepository jobRepository) {
            return new RunningExecutions(jobRepository);
        }

    }

    /** A shutdown of the application's own, waiting a minute for the jobs. */
    @Configuration(proxyBeanMethods = false)
    static class OwnShutdown {

        @Bean
        TrainingJobShutdown ownShutdown(RunningExecutions executions) {
            return new TrainingJobShutdown(executions, Duration.ofMinutes(1));
        }

    }

    /** Spring Boot's own launcher, declared by the application. */
    @Configuration(proxyBeanMethods = false)
    static class OwnJobLauncher {

        @Bean
        JobLauncherApplicationRunner ownJobLauncher(JobOperator jobOperator) {
            return new JobLauncherApplicationRunner(jobOperator);
        }

    }

    /**
     * An optimizer factory of the application's own, built from the auto-configured
     * building blocks.
     */
    @Configuration(proxyBeanMethods = false)
    static class AdamOptimizers {

        @Bean
        DemonOptimizerFactory adamOptimizers(MomentumSchedule momentumSchedule,
                LearningRateTrackerFactory learningRates) {
            return new DemonOptimizerFactory(OptimizerType.ADAM, momentumSchedule, learningRates, 0f);
        }

    }

}
