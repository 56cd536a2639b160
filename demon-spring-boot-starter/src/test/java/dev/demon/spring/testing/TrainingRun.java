package dev.demon.spring.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.NoSuchStepException;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.checkpoint.CheckpointStore;
import dev.demon.spring.report.ReportWriter;
import dev.demon.spring.report.TrainingReport;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * What one start of {@link SyntheticTrainingApplication} (or another
 * {@link TrainingApplication}) did, as a user running it from the command line sees it:
 * the application trains its pipeline's job at start-up and exits. Every run uses three
 * epochs, seed 7 and a {@link RecordingMomentumSchedule}.
 *
 * @param status the job's last execution status
 * @param exitCode what {@link SpringApplication#exit} returns
 * @param updates the update indices t the optimizer went through in this run, in order
 * @param report the report.json written when the job ended, or null when there is none (a
 * fenced job writes none)
 * @param stepRuns per epoch step (index 0 = epoch 1), how many times it has run in this
 * job instance
 * @param stepFailures the exit descriptions of the steps that failed in this run
 * @param checkpoints the checkpoint files of the job instance, newest first
 */
public record TrainingRun(BatchStatus status, int exitCode, List<Long> updates, TrainingReport report,
        List<Long> stepRuns, List<String> stepFailures, List<Path> checkpoints) {

    /** Epochs of every run. */
    public static final int EPOCHS = 3;

    /** T of every run. */
    public static final long TOTAL_UPDATES = (long) EPOCHS * SyntheticPipeline.BATCHES_PER_EPOCH;

    /**
     * Starts the application once and lets it train.
     * @param folder {@code demon.checkpoint.dir}: runs sharing it share the job
     * repository
     * @param fault the fault injected into the training data
     * @return what happened
     */
    public static TrainingRun start(Path folder, DataFault fault) {
        return start(folder, fault, context -> {
        });
    }

    /**
     * Starts the application once and lets it train, then does something before it exits.
     * @param folder {@code demon.checkpoint.dir}
     * @param fault the fault injected into the training data
     * @param beforeExit runs with the context once the job has ended
     * @return what happened
     */
    public static TrainingRun start(Path folder, DataFault fault, Consumer<ConfigurableApplicationContext> beforeExit) {
        return start(folder, fault, beforeExit, new String[0]);
    }

    /**
     * Starts the application once with more command-line arguments and lets it train.
     * @param folder {@code demon.checkpoint.dir}
     * @param fault the fault injected into the training data
     * @param arguments more arguments, such as
     * {@code --demon.model.monitor=validation-loss}
     * @return what happened
     */
    public static TrainingRun startWith(Path folder, DataFault fault, String... arguments) {
        return start(folder, fault, context -> {
        }, arguments);
    }

    /**
     * Starts the application once with more properties and lets it train, then does
     * something before it exits.
     * @param folder {@code demon.checkpoint.dir}
     * @param fault the fault injected into the training data
     * @param beforeExit runs with the context once the job has ended
     * @param properties more command-line properties, such as
     * {@code --demon.learning-rate.initial=0.05}; not the epochs, seed or folder every
     * run sets
     * @return what happened
     */
    public static TrainingRun start(Path folder, DataFault fault, Consumer<ConfigurableApplicationContext> beforeExit,
            String... properties) {
        return start(TrainingApplication.SYNTHETIC, folder, fault, beforeExit, properties);
    }

    /**
     * Starts another application once with more properties and lets it train, then does
     * something before it exits.
     * @param application the application and its pipeline
     * @param folder {@code demon.checkpoint.dir}
     * @param fault the fault injected into the training data
     * @param beforeExit runs with the context once the job has ended
     * @param properties more command-line properties; not the epochs, seed or folder
     * every run sets
     * @return what happened
     */
    public static TrainingRun start(TrainingApplication application, Path folder, DataFault fault,
            Consumer<ConfigurableApplicationContext> beforeExit, String... properties) {
        return start(application, folder, fault, new RecordingMomentumSchedule(), context -> {
        }, beforeExit, properties);
    }

    /**
     * Starts the application, does something on another thread while update
     * {@code update} runs (training waits until it is done), and lets the application run
     * to its end.
     * @param folder {@code demon.checkpoint.dir}
     * @param update the update during which {@code action} runs
     * @param action what another thread does, such as calling {@code JobOperator.stop}
     * @param beforeExit runs with the context once the job has ended
     * @param properties more command-line properties
     * @return what happened
     */
    public static TrainingRun startDoingDuring(Path folder, long update,
            Consumer<ConfigurableApplicationContext> action, Consumer<ConfigurableApplicationContext> beforeExit,
            String... properties) {
        RecordingMomentumSchedule schedule = new RecordingMomentumSchedule();
        return start(TrainingApplication.SYNTHETIC, folder, DataFault.NONE, schedule,
                context -> schedule.whenAsked(update, () -> {
                    Thread other = new Thread(() -> action.accept(context), "operator");
                    other.start();
                    try {
                        other.join();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                }), beforeExit, properties);
    }

    private static TrainingRun start(TrainingApplication application, Path folder, DataFault fault,
            RecordingMomentumSchedule schedule, Consumer<ConfigurableApplicationContext> initializer,
            Consumer<ConfigurableApplicationContext> beforeExit, String... properties) {
        ConfigurableApplicationContext context = run(application, folder, fault, schedule, initializer, properties);
        String pipeline = application.pipeline();
        try {
            JobRepository jobRepository = context.getBean(JobRepository.class);
            JobInstance instance = jobRepository.getLastJobInstance(pipeline);
            JobExecution execution = jobRepository.getLastJobExecution(instance);
            List<Long> stepRuns = new ArrayList<>();
            for (int epoch = 1; epoch <= EPOCHS; epoch++) {
                try {
                    stepRuns.add(jobRepository.getStepExecutionCount(instance, pipeline + "-epoch-" + epoch));
                }
                catch (NoSuchStepException ex) {
                    stepRuns.add(0L);
                }
            }
            List<String> stepFailures = execution.getStepExecutions()
                .stream()
                .filter(step -> step.getStatus() == BatchStatus.FAILED)
                .map(StepExecution::getExitStatus)
                .map(status -> status.getExitDescription())
                .toList();
            PipelineFolder pipelineFolder = new Workspace(folder).pipeline(pipeline);
            Path instanceFolder = pipelineFolder.run(instance.getInstanceId());
            Path reportFile = pipelineFolder.report();
            TrainingRun run = new TrainingRun(execution.getStatus(), 0, schedule.updates(),
                    Files.exists(reportFile) ? new ReportWriter().read(reportFile) : null, stepRuns, stepFailures,
                    new CheckpointStore(instanceFolder).files());
            beforeExit.accept(context);
            return run.withExitCode(SpringApplication.exit(context));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        finally {
            context.close();
        }
    }

    /**
     * Starts the application and closes it while update {@code update} runs, from another
     * thread, as SIGTERM or Ctrl-C would: the stopped job's outcome is then in the job
     * repository and the folder, for the next start to see.
     * @param folder {@code demon.checkpoint.dir}
     * @param update the update during which the close begins
     * @param properties more command-line properties
     * @return the report the stopped job wrote
     */
    public static TrainingReport startAndCloseDuring(Path folder, long update, String... properties) {
        RecordingMomentumSchedule schedule = new RecordingMomentumSchedule();
        Thread[] closing = new Thread[1];
        run(TrainingApplication.SYNTHETIC, folder, DataFault.NONE, schedule,
                context -> schedule.whenAsked(update, () -> {
                    closing[0] = new Thread(context::close, "sigterm");
                    closing[0].start();
                    // A real signal races the batch; here the update goes on only once
                    // the close
                    // has asked the job to stop, so the stop lands in this update however
                    // busy
                    // the machine is.
                    await().atMost(Duration.ofSeconds(30)).until(() -> waitsForTheJobsEnd(closing[0]));
                }), properties);
        try {
            closing[0].join();
            return new ReportWriter().read(new Workspace(folder).pipeline(SyntheticPipeline.NAME).report());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Whether a closing thread waits for a running execution's end, which it does once it
     * has asked every execution to stop ({@code RunningExecutions.stopAll}).
     * @param closing the thread closing the application
     * @return true once it waits
     */
    public static boolean waitsForTheJobsEnd(Thread closing) {
        return Arrays.stream(closing.getStackTrace())
            .anyMatch(frame -> frame.getClassName().equals("dev.demon.spring.job.RunningExecution")
                    && frame.getMethodName().equals("awaitEnd"));
    }

    private static ConfigurableApplicationContext run(TrainingApplication application, Path folder, DataFault fault,
            RecordingMomentumSchedule schedule, Consumer<ConfigurableApplicationContext> initializer,
            String... properties) {
        List<String> args = new ArrayList<>(List.of("--demon.enabled=true", "--demon.checkpoint.dir=" + folder,
                "--demon.epochs=" + EPOCHS, "--demon.seed=7"));
        args.addAll(List.of(properties));
        return new SpringApplicationBuilder(application.type()).web(WebApplicationType.NONE).initializers(context -> {
            context.getBeanFactory().registerSingleton("momentumSchedule", schedule);
            context.getBeanFactory().registerSingleton("dataFault", fault);
            initializer.accept(context);
        }).run(args.toArray(String[]::new));
    }

    private TrainingRun withExitCode(int exitCode) {
        return new TrainingRun(status, exitCode, updates, report, stepRuns, stepFailures, checkpoints);
    }

    /**
     * The update indices of this run without the β_0 the optimizer asks for when it is
     * built.
     * @return the update indices t &gt; 0
     */
    public List<Long> updatesAfterTheFirst() {
        return updates.stream().filter(t -> t > 0).toList();
    }
}
