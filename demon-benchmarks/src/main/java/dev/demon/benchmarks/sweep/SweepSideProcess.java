package dev.demon.benchmarks.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One side of a sweep benchmark in a JVM of its own, started by {@link SideLauncher}:
 * first an unmeasured one-epoch job of the pipeline (engine, classes, data), then either
 * the workload's trials as one sweep ({@code sweep}) or as single jobs of the pipeline
 * run back to back ({@code singles}), each run an application started with
 * {@link SweepBenchmarkApplication}'s arguments and closed, as {@code java -jar} would;
 * or, for a sweep across processes (docs/remote-workers.md), the sweep's manager
 * ({@code manager}, measured as {@code sweep}) or a worker ({@code worker}: it prints
 * {@value #WORKER_READY} once it takes trials, and runs until stopped). The engine's
 * threads are what the process's environment says (the starter's default when it says
 * nothing).
 *
 * <p>
 * Arguments: {@code sweep|singles|manager|worker <workload> <trials> <epochs> <training
 * samples> <concurrency> <folder> [Spring Boot arguments...]}, the Spring Boot arguments
 * given to the measured applications (not the warm-up) over the workload's own. Writes
 * one line to {@code <folder>/side.txt}:
 * {@code <job seconds> <wall seconds> <training step
 * seconds> <trials>}, where job seconds add up the job executions' start-to-end times
 * from the JobRepository (the orchestration and the training, without the applications'
 * start-up), wall seconds the applications' whole runs, start-up and shut-down included,
 * and training step seconds the start-to-end times of the steps that train (a sweep's
 * trial steps, a pipeline's epoch steps), so that job minus training step seconds is what
 * the jobs spend around the training (with concurrency 1, where trial steps do not
 * overlap). A sweep's trial steps go to {@code <folder>/trials.txt} ({@link TrialStep}).
 */
public final class SweepSideProcess {

    /** The line a worker prints once it takes trials. */
    public static final String WORKER_READY = "Worker ready: it takes trials";

    private SweepSideProcess() {
    }

    /**
     * @param args see the class comment
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        String side = args[0];
        SweepWorkload workload = new SweepWorkload(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Integer.parseInt(args[4]));
        int concurrency = Integer.parseInt(args[5]);
        Path folder = Path.of(args[6]).toAbsolutePath();
        List<String> more = List.of(args).subList(7, args.length);
        run(workload.warmUpArguments(folder.resolve("warm-up")), workload.pipeline());
        List<String> sweep = overridden(workload.sweepArguments(folder.resolve("sweep"), concurrency), more);
        if ("worker".equals(side)) {
            // The worker's application keeps the JVM running (spring.main.keep-alive).
            new SpringApplicationBuilder(SweepBenchmarkApplication.class).web(WebApplicationType.NONE)
                .run(sweep.toArray(String[]::new));
            System.out.println(WORKER_READY);
            return;
        }
        Measured measured = Measured.NOTHING;
        if ("sweep".equals(side) || "manager".equals(side)) {
            measured = run(sweep, workload.sweepName());
            TrialStep.writeTo(folder.resolve("trials.txt"), measured.trials());
        }
        else {
            for (int trial = 0; trial < workload.trials(); trial++) {
                measured = measured.plus(
                        run(overridden(workload.singleArguments(folder.resolve("single-" + (trial + 1)), trial), more),
                                workload.pipeline()));
            }
        }
        Files.writeString(folder.resolve("side.txt"), String.format(Locale.ROOT, "%.3f %.3f %.3f %d%n",
                measured.jobSeconds(), measured.wallSeconds(), measured.trainingSeconds(), workload.trials()));
        System.exit(0);
    }

    /**
     * The workload's arguments, each property that {@code more} sets
     * ({@code --name=value}) replaced by {@code more}'s value: Spring Boot would join two
     * values of one property given on the command line.
     */
    static List<String> overridden(List<String> arguments, List<String> more) {
        List<String> result = new ArrayList<>(arguments);
        for (String argument : more) {
            int equals = argument.indexOf('=');
            if (equals > 0) {
                String name = argument.substring(0, equals + 1);
                result.removeIf(existing -> existing.startsWith(name));
            }
        }
        result.addAll(more);
        return result;
    }

    /**
     * Starts the application, which runs the job at start-up, and closes it.
     * @return the job execution's seconds, the application's, the training steps' and the
     * trial steps
     */
    private static Measured run(List<String> arguments, String job) {
        long started = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SweepBenchmarkApplication.class)
            .web(WebApplicationType.NONE)
            .run(arguments.toArray(String[]::new));
        double jobSeconds = 0;
        double trainingSeconds = 0;
        List<TrialStep> trials = new ArrayList<>();
        try {
            JobRepository jobRepository = context.getBean(JobRepository.class);
            JobInstance instance = jobRepository.getLastJobInstance(job);
            if (instance == null) {
                throw new IllegalStateException(job + " did not run");
            }
            for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
                if (execution.getStatus() != BatchStatus.COMPLETED || execution.getStartTime() == null
                        || execution.getEndTime() == null) {
                    throw new IllegalStateException(job + " ended " + execution.getStatus());
                }
                jobSeconds += seconds(execution.getStartTime(), execution.getEndTime());
                for (StepExecution step : execution.getStepExecutions()) {
                    String name = step.getStepName();
                    if (name.contains("-trial:") || name.contains("-epoch-")) {
                        trainingSeconds += seconds(step.getStartTime(), step.getEndTime());
                    }
                    if (name.contains("-trial:")) {
                        trials.add(new TrialStep(name.substring(name.indexOf(':') + 1),
                                seconds(execution.getStartTime(), step.getStartTime()),
                                seconds(step.getStartTime(), step.getEndTime())));
                    }
                }
            }
            SpringApplication.exit(context);
        }
        finally {
            context.close();
        }
        trials.sort(Comparator.comparing(TrialStep::startSecond));
        return new Measured(jobSeconds, (System.nanoTime() - started) / 1e9, trainingSeconds, trials);
    }

    private static double seconds(LocalDateTime start, LocalDateTime end) {
        return Duration.between(start, end).toNanos() / 1e9;
    }

    /**
     * What the measured applications of a side took.
     *
     * @param jobSeconds the job executions' start-to-end seconds, added up
     * @param wallSeconds the applications' whole runs
     * @param trainingSeconds the steps that train, added up
     * @param trials a sweep's trial steps, by start
     */
    private record Measured(double jobSeconds, double wallSeconds, double trainingSeconds, List<TrialStep> trials) {

        static final Measured NOTHING = new Measured(0, 0, 0, List.of());

        Measured plus(Measured other) {
            return new Measured(jobSeconds + other.jobSeconds, wallSeconds + other.wallSeconds,
                    trainingSeconds + other.trainingSeconds, List.of());
        }

    }

}
