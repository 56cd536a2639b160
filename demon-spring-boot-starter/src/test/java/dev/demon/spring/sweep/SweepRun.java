package dev.demon.spring.sweep;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.demon.spring.testing.TrainingRun;

/**
 * What one start of an application with the sweep {@code lr} of {@link SweptRegression}
 * did: the application runs the sweep at start-up and exits. Every start uses seed 7.
 *
 * @param status the sweep's last execution status
 * @param exitStatus that execution's exit code
 * @param exitCode what {@link SpringApplication#exit} returns
 * @param trainings the trials' training sets asked for in this start: one per trial
 * attempt
 * @param trials each trial's latest partition execution over the job instance, by key
 * @param executions the job instance's executions, oldest first
 */
record SweepRun(BatchStatus status, String exitStatus, int exitCode, int trainings, Map<String, StepExecution> trials,
        List<JobExecution> executions) {

    static final String SWEEP = "lr";

    static SweepRun start(Path folder, String... properties) {
        return startThen(folder, context -> {
        }, properties);
    }

    /**
     * Starts the application once, lets it run the sweep, then does something before it
     * exits.
     * @param folder {@code demon.checkpoint.dir}
     * @param beforeExit runs with the context once the sweep has ended
     * @param properties the sweep's properties
     * @return what happened
     */
    static SweepRun startThen(Path folder, Consumer<ConfigurableApplicationContext> beforeExit, String... properties) {
        int before = SweptRegression.trainings.get();
        ConfigurableApplicationContext context = run(folder, application -> {
        }, sweep(properties));
        try {
            SweepRun run = of(context, SweptRegression.trainings.get() - before);
            beforeExit.accept(context);
            return run.withExitCode(SpringApplication.exit(context));
        }
        finally {
            context.close();
        }
    }

    /**
     * Starts the application and closes it during a loss evaluation, from another thread,
     * as SIGTERM or Ctrl-C would; the stopped sweep's outcome is then in the job
     * repository and the folder, for the next start to see.
     * @param folder {@code demon.checkpoint.dir}
     * @param training the 1-based training of this start during which the close begins
     * @param evaluation the 1-based loss evaluation of that training during which the
     * close begins
     * @param properties the sweep's properties
     */
    static void startAndCloseDuring(Path folder, int training, long evaluation, String... properties)
            throws InterruptedException {
        Thread[] closing = new Thread[1];
        ConfigurableApplicationContext[] application = new ConfigurableApplicationContext[1];
        int before = SweptRegression.trainings.get();
        SweptRegression.onEvaluation = number -> {
            if (SweptRegression.trainings.get() == before + training && number == evaluation) {
                closing[0] = new Thread(application[0]::close, "sigterm");
                closing[0].start();
                // The evaluation goes on once the close has asked the sweep to stop.
                await().atMost(Duration.ofSeconds(30)).until(() -> TrainingRun.waitsForTheJobsEnd(closing[0]));
            }
        };
        try {
            run(folder, context -> application[0] = context, sweep(properties));
        }
        finally {
            SweptRegression.onEvaluation = number -> {
            };
        }
        closing[0].join();
    }

    private static String[] sweep(String... properties) {
        String pipeline = "--demon.sweeps." + SWEEP + ".pipeline=";
        List<String> sweep = new ArrayList<>(List.of("--spring.batch.job.name=" + SWEEP));
        if (Stream.of(properties).noneMatch(property -> property.startsWith(pipeline))) {
            sweep.add(pipeline + SweptRegression.NAME);
        }
        sweep.addAll(List.of(properties));
        return sweep.toArray(String[]::new);
    }

    /**
     * Writes the sweep's properties in YAML, as a user does, which keeps the parameters
     * in their written order (command-line arguments do not).
     * @param folder where the file goes
     * @param yaml the properties under {@code demon.sweeps.lr}, indented by 6
     * @return the argument that imports the file
     */
    static String yaml(Path folder, String yaml) throws IOException {
        Path file = Files.createTempFile(folder, "sweep", ".yml");
        Files.writeString(file, "demon:\n  sweeps:\n    " + SWEEP + ":\n" + yaml);
        return "--spring.config.import=file:" + file;
    }

    static ConfigurableApplicationContext run(Path folder, Consumer<ConfigurableApplicationContext> initializer,
            String... properties) {
        List<String> args = new ArrayList<>(
                List.of("--demon.enabled=true", "--demon.checkpoint.dir=" + folder, "--demon.seed=7"));
        args.addAll(List.of(properties));
        return new SpringApplicationBuilder(SweepApplication.class).web(WebApplicationType.NONE)
            .initializers(initializer::accept)
            .run(args.toArray(String[]::new));
    }

    static SweepRun of(ConfigurableApplicationContext context, int trainings) {
        JobRepository jobRepository = context.getBean(JobRepository.class);
        JobInstance instance = jobRepository.getLastJobInstance(SWEEP);
        List<JobExecution> executions = jobRepository.getJobExecutions(instance)
            .stream()
            .sorted(Comparator.comparingLong(JobExecution::getId))
            .toList();
        Map<String, StepExecution> trials = new LinkedHashMap<>();
        executions.forEach(execution -> execution.getStepExecutions()
            .stream()
            .filter(step -> step.getStepName().startsWith(SWEEP + "-trial:"))
            .sorted(Comparator.comparing(StepExecution::getStepName))
            .forEach(step -> trials.put(step.getStepName().substring((SWEEP + "-trial:").length()), step)));
        JobExecution last = executions.get(executions.size() - 1);
        return new SweepRun(last.getStatus(), last.getExitStatus().getExitCode(), 0, trainings, new TreeMap<>(trials),
                executions);
    }

    /**
     * Puts a completed trial of this start back as a worker leaves it when it is killed
     * in epoch 3 after claiming it: STARTED, two epochs finished (their checkpoints are
     * the newest two), its first attempt recorded in this execution.
     * @param context the application that ran the sweep
     * @param key the trial, {@code trial-NNNN}
     * @return the trial's partition as stored now
     */
    static StepExecution leaveStartedByAVanishedWorker(ConfigurableApplicationContext context, String key) {
        JobRepository jobRepository = context.getBean(JobRepository.class);
        StepExecution trial = of(context, 0).trials().get(key);
        TrialProgress completed = TrialProgress.readFrom(key, trial.getExecutionContext());
        new TrialProgress(key, completed.parameters(), completed.configuration(), completed.objectives().subList(0, 2),
                completed.validationLosses().subList(0, 2), 1, completed.updatesDone() * 2 / 3, completed.seconds(),
                completed.host())
            .writeTo(trial.getExecutionContext());
        trial.getExecutionContext().putLong("demon.remote.step-execution", trial.getId());
        trial.getExecutionContext().putInt("demon.remote.attempts-before", 0);
        jobRepository.updateExecutionContext(trial);
        trial.setStatus(BatchStatus.STARTED);
        trial.setEndTime(null);
        jobRepository.update(trial);
        return jobRepository.getStepExecution(trial.getId());
    }

    SweepRun withExitCode(int exitCode) {
        return new SweepRun(status, exitStatus, exitCode, trainings, trials, executions);
    }

    TrialProgress progress(String trial) {
        return TrialProgress.readFrom(trial, trials.get(trial).getExecutionContext());
    }

}
