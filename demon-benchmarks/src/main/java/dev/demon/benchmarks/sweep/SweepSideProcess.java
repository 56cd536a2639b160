package dev.demon.benchmarks.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
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
 * {@link SweepBenchmarkApplication}'s arguments and closed, as {@code java -jar} would.
 * The engine's threads are what the process's environment says (the starter's default
 * when it says nothing).
 *
 * <p>
 * Arguments: {@code sweep|singles <workload> <trials> <epochs> <training samples>
 * <concurrency> <folder>}. Writes one line to {@code <folder>/side.txt}:
 * {@code <job seconds> <wall seconds> <training step seconds> <trials>}, where job
 * seconds add up the job executions' start-to-end times from the JobRepository (the
 * orchestration and the training, without the applications' start-up), wall seconds the
 * applications' whole runs, start-up and shut-down included, and training step seconds
 * the start-to-end times of the steps that train (a sweep's trial steps, a pipeline's
 * epoch steps), so that job minus training step seconds is what the jobs spend around the
 * training (with concurrency 1, where trial steps do not overlap).
 */
public final class SweepSideProcess {

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
        run(workload.warmUpArguments(folder.resolve("warm-up")), workload.pipeline());
        double[] seconds = new double[3];
        if ("sweep".equals(side)) {
            add(seconds, run(workload.sweepArguments(folder.resolve("sweep"), concurrency), workload.sweepName()));
        }
        else {
            for (int trial = 0; trial < workload.trials(); trial++) {
                add(seconds, run(workload.singleArguments(folder.resolve("single-" + (trial + 1)), trial),
                        workload.pipeline()));
            }
        }
        Files.writeString(folder.resolve("side.txt"), String.format(Locale.ROOT, "%.3f %.3f %.3f %d%n", seconds[0],
                seconds[1], seconds[2], workload.trials()));
        System.exit(0);
    }

    private static void add(double[] sum, double[] seconds) {
        sum[0] += seconds[0];
        sum[1] += seconds[1];
        sum[2] += seconds[2];
    }

    /**
     * Starts the application, which runs the job at start-up, and closes it.
     * @return the job execution's seconds, the application's, and the training steps'
     */
    private static double[] run(List<String> arguments, String job) {
        long started = System.nanoTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(SweepBenchmarkApplication.class)
            .web(WebApplicationType.NONE)
            .run(arguments.toArray(String[]::new));
        double jobSeconds;
        double trainingSeconds;
        try {
            JobRepository jobRepository = context.getBean(JobRepository.class);
            JobInstance instance = jobRepository.getLastJobInstance(job);
            if (instance == null) {
                throw new IllegalStateException(job + " did not run");
            }
            jobSeconds = 0;
            trainingSeconds = 0;
            for (JobExecution execution : jobRepository.getJobExecutions(instance)) {
                if (execution.getStatus() != BatchStatus.COMPLETED || execution.getStartTime() == null
                        || execution.getEndTime() == null) {
                    throw new IllegalStateException(job + " ended " + execution.getStatus());
                }
                jobSeconds += seconds(execution.getStartTime(), execution.getEndTime());
                for (StepExecution step : execution.getStepExecutions()) {
                    if (step.getStepName().contains("-trial:") || step.getStepName().contains("-epoch-")) {
                        trainingSeconds += seconds(step.getStartTime(), step.getEndTime());
                    }
                }
            }
            SpringApplication.exit(context);
        }
        finally {
            context.close();
        }
        return new double[] { jobSeconds, (System.nanoTime() - started) / 1e9, trainingSeconds };
    }

    private static double seconds(LocalDateTime start, LocalDateTime end) {
        return Duration.between(start, end).toNanos() / 1e9;
    }

}
