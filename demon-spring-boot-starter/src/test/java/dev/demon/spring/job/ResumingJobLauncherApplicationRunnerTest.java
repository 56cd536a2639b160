package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import javax.sql.DataSource;

import org.assertj.core.groups.Tuple;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import dev.demon.spring.report.TrainingConfiguration;
import dev.demon.spring.testing.KilledProcess;

/**
 * The resuming launcher on a JDBC job repository (in-memory H2), with a two-step job
 * whose second step fails while {@code failing} is set, and whose runs record the
 * {@code configuration} bean's value as a training job's do. A kill -9 is played by
 * putting the failed execution and step back to STARTED with no end, as a dead process
 * leaves them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ResumingJobLauncherApplicationRunnerTest {

    private static final TrainingConfiguration CONFIGURATION = new TrainingConfiguration("sgdm", "demon", 0.9f, 0f,
            0.01f, "fixed", null, 0f, 2, 32, 7, "MXNet", "1.9.1");

    /** The same with another learning rate and batch size. */
    private static final TrainingConfiguration CHANGED = new TrainingConfiguration("sgdm", "demon", 0.9f, 0f, 0.05f,
            "fixed", null, 0f, 2, 64, 7, "MXNet", "1.9.1");

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class, BatchJdbcAutoConfiguration.class,
                BatchAutoConfiguration.class))
        .withPropertyValues("spring.datasource.generate-unique-name=true", "spring.batch.jdbc.initialize-schema=always")
        .withUserConfiguration(TwoStepJob.class);

    @Test
    void recoveredExecutionKeepsTheRecoveryMarkerInTheRepository() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context);
            List<JobExecution> executions = executions(context);
            assertThat(executions).extracting(JobExecution::getStatus)
                .containsExactly(BatchStatus.FAILED, BatchStatus.COMPLETED);
            assertThat(WallTime.recovered(executions.get(0))).isTrue();
        });
    }

    @Test
    void executionThatInheritedTheMarkerIsRecoveredWhenItsProcessDiesToo() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            // The restart copies execution 1's context, marker included, into execution
            // 2, killed in its turn.
            launch(context);
            killLastExecution(context);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context);
            assertThat(executions(context)).extracting(JobExecution::getStatus)
                .containsExactly(BatchStatus.FAILED, BatchStatus.FAILED, BatchStatus.COMPLETED);
        });
    }

    @Test
    void newRunRecordsItsConfigurationAsNonIdentifyingJobParameters() {
        contexts.run(context -> {
            context.getBean(AtomicBoolean.class).set(false);
            launch(context);
            JobParameters parameters = executions(context).get(0).getJobParameters();
            assertThat(parameters.getIdentifyingParameters()).extracting(JobParameter::name).containsExactly("run.id");
            assertThat(TrainingRunIncrementer.recordedConfiguration(parameters, CONFIGURATION.byProperty().keySet()))
                .containsExactlyEntriesOf(CONFIGURATION.byProperty());
        });
    }

    @Test
    void changedConfigurationRefusesToResumeNamingEveryChangeWithBothValues() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            configuration(context).set(CHANGED);
            assertThatExceptionOfType(ConfigurationChangedException.class).isThrownBy(() -> launch(context))
                .satisfies(refusal -> {
                    assertThat(refusal.getJobName()).isEqualTo(TwoStepJob.NAME);
                    assertThat(refusal.getJobInstanceId()).isEqualTo(1);
                    assertThat(refusal.getJobExecutionId()).isEqualTo(1);
                    assertThat(refusal.getStatus()).isEqualTo(BatchStatus.STARTED);
                    assertThat(refusal.getChanges()).containsExactly(
                            new ConfigurationChange("demon.learning-rate.initial", "0.01", "0.05"),
                            new ConfigurationChange("demon.batch-size", "32", "64"));
                });
        });
    }

    @Test
    void refusedStartLeavesTheJobRepositoryAsItWas() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            configuration(context).set(CHANGED);
            context.getBean(AtomicBoolean.class).set(false);
            assertThatExceptionOfType(ConfigurationChangedException.class).isThrownBy(() -> launch(context));
            assertThat(jobExecutionRows(context)).containsExactly(tuple(1L, "STARTED"));
            assertThat(stepExecutionRows(context)).containsExactly(tuple("one", "COMPLETED"), tuple("two", "STARTED"));
        });
    }

    @Test
    void restoredConfigurationResumesTheRefusedRun() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            configuration(context).set(CHANGED);
            assertThatExceptionOfType(ConfigurationChangedException.class).isThrownBy(() -> launch(context));
            configuration(context).set(CONFIGURATION);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context);
            assertThat(jobExecutionRows(context)).containsExactly(tuple(1L, "FAILED"), tuple(1L, "COMPLETED"));
        });
    }

    @Test
    void abandonMarksTheDeadExecutionAbandonedAndStartsANewInstance() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context, UnfinishedRun.ABANDON);
            assertThat(jobExecutionRows(context)).containsExactly(tuple(1L, "ABANDONED"), tuple(2L, "COMPLETED"));
            assertThat(stepExecutionRows(context)).containsExactly(tuple("one", "COMPLETED"), tuple("two", "FAILED"),
                    tuple("one", "COMPLETED"), tuple("two", "COMPLETED"));
        });
    }

    @Test
    void abandonGivesUpAFailedRunWhateverItsConfiguration() {
        contexts.run(context -> {
            launch(context);
            configuration(context).set(CHANGED);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context, UnfinishedRun.ABANDON);
            assertThat(jobExecutionRows(context)).containsExactly(tuple(1L, "ABANDONED"), tuple(2L, "COMPLETED"));
            JobRepository jobRepository = context.getBean(JobRepository.class);
            JobParameters newRun = jobRepository.getLastJobExecution(jobRepository.getLastJobInstance(TwoStepJob.NAME))
                .getJobParameters();
            assertThat(TrainingRunIncrementer.recordedConfiguration(newRun, CHANGED.byProperty().keySet()))
                .containsExactlyEntriesOf(CHANGED.byProperty());
        });
    }

    @Test
    void runThatRecordedNoConfigurationResumesWithAWarning(CapturedOutput output) {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            // What a run started before configurations were recorded has: run.id alone.
            jdbc(context).update("DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE PARAMETER_NAME <> 'run.id'");
            configuration(context).set(CHANGED);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context);
            assertThat(jobExecutionRows(context)).containsExactly(tuple(1L, "FAILED"), tuple(1L, "COMPLETED"));
            assertThat(output).contains("Job two-steps execution 1 recorded no configuration (it was started before "
                    + "the starter recorded configurations): resuming it with this start's, which cannot be checked "
                    + "against the one it started with");
        });
    }

    @Test
    void completedRunIsFollowedByANewRunWhateverItsConfiguration() {
        contexts.run(context -> {
            context.getBean(AtomicBoolean.class).set(false);
            launch(context);
            configuration(context).set(CHANGED);
            launch(context);
            assertThat(jobExecutionRows(context)).containsExactly(tuple(1L, "COMPLETED"), tuple(2L, "COMPLETED"));
        });
    }

    @Test
    void jobWithoutConfigurationResumesEvenWithAbandon() {
        contexts.run(context -> {
            startAndKillInStepTwo(context);
            context.getBean(AtomicBoolean.class).set(false);
            launch(context, job -> Optional.empty(), UnfinishedRun.ABANDON);
            assertThat(jobExecutionRows(context)).containsExactly(tuple(1L, "FAILED"), tuple(1L, "COMPLETED"));
        });
    }

    private static void startAndKillInStepTwo(AssertableApplicationContext context) throws Exception {
        launch(context);
        killLastExecution(context);
    }

    private static void launch(AssertableApplicationContext context) throws Exception {
        launch(context, UnfinishedRun.RESUME);
    }

    /**
     * Starts the job as the application does, as a training job with the configuration
     * bean's value.
     */
    private static void launch(AssertableApplicationContext context, UnfinishedRun unfinishedRun) throws Exception {
        AtomicReference<TrainingConfiguration> configuration = configuration(context);
        launch(context, job -> Optional.of(configuration.get()), unfinishedRun);
    }

    private static void launch(AssertableApplicationContext context,
            Function<Job, Optional<TrainingConfiguration>> configurations, UnfinishedRun unfinishedRun)
            throws Exception {
        ResumingJobLauncherApplicationRunner runner = new ResumingJobLauncherApplicationRunner(
                context.getBean(JobOperator.class), context.getBean(JobRepository.class), configurations,
                unfinishedRun);
        runner.setJobs(List.of(context.getBean(Job.class)));
        runner.run();
    }

    @SuppressWarnings("unchecked")
    private static AtomicReference<TrainingConfiguration> configuration(AssertableApplicationContext context) {
        return context.getBean("configuration", AtomicReference.class);
    }

    private static JdbcTemplate jdbc(AssertableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class));
    }

    /** Every job execution, oldest first, as (job instance, status). */
    private static List<Tuple> jobExecutionRows(AssertableApplicationContext context) {
        return jdbc(context).query(
                "SELECT JOB_INSTANCE_ID, STATUS FROM BATCH_JOB_EXECUTION " + "ORDER BY JOB_EXECUTION_ID",
                (row, index) -> tuple(row.getLong(1), row.getString(2)));
    }

    /** Every step execution, oldest first, as (step, status). */
    private static List<Tuple> stepExecutionRows(AssertableApplicationContext context) {
        return jdbc(context).query("SELECT STEP_NAME, STATUS FROM BATCH_STEP_EXECUTION " + "ORDER BY STEP_EXECUTION_ID",
                (row, index) -> tuple(row.getString(1), row.getString(2)));
    }

    private static void killLastExecution(AssertableApplicationContext context) {
        KilledProcess.leaveLastExecutionRunning(context.getBean(JobRepository.class), TwoStepJob.NAME);
    }

    /** The executions of the job's only instance, oldest first. */
    private static List<JobExecution> executions(AssertableApplicationContext context) {
        JobRepository jobRepository = context.getBean(JobRepository.class);
        assertThat(jobRepository.getJobInstances(TwoStepJob.NAME, 0, 10)).hasSize(1);
        return jobRepository.getJobExecutions(jobRepository.getLastJobInstance(TwoStepJob.NAME))
            .stream()
            .sorted((a, b) -> Long.compare(a.getId(), b.getId()))
            .toList();
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoStepJob {

        static final String NAME = "two-steps";

        @Bean
        AtomicBoolean failing() {
            return new AtomicBoolean(true);
        }

        @Bean
        AtomicReference<TrainingConfiguration> configuration() {
            return new AtomicReference<>(CONFIGURATION);
        }

        @Bean
        Job twoSteps(JobRepository jobRepository, PlatformTransactionManager transactionManager, AtomicBoolean failing,
                AtomicReference<TrainingConfiguration> configuration) {
            return new JobBuilder(NAME, jobRepository).incrementer(new TrainingRunIncrementer(configuration::get))
                .start(new StepBuilder("one", jobRepository)
                    .tasklet((contribution, chunk) -> RepeatStatus.FINISHED, transactionManager)
                    .build())
                .next(new StepBuilder("two", jobRepository).tasklet((contribution, chunk) -> {
                    if (failing.get()) {
                        throw new IllegalStateException("step two fails");
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager).build())
                .build();
        }

    }

}
