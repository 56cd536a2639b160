package dev.demon.benchmarks.overhead;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.demon.benchmarks.stats.Samples;
import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.fashionmnist.pipeline.FashionMnistCnn;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.pipeline.PipelineDefinition;

/**
 * The starter's orchestration overhead: one epoch of the demo's {@code fashion-mnist-cnn}
 * job (Spring Batch job, epoch step, checkpoint, metrics, report.json) against a bare DJL
 * {@link BareTrainingLoop} with the same pipeline, optimizer, data and seed, in one
 * process, alternating (job, bare, bare, job, job, ...) so that a drift of the shared
 * machine's load hits both sides alike. Both sides read and prepare the data, build and
 * initialise the model, train one epoch and validate.
 *
 * <p>
 * Reported: every repetition's wall time, the medians, the ratio of the medians and the
 * median of the ratios of adjacent pairs (target &lt;= 1.03). Configuration:
 * {@code overhead.yml} ({@code demo.data.*}, {@code demon.*}), system properties
 * {@code benchmarks.repetitions} (default 5 per side), {@code benchmarks.warmups}
 * (unmeasured repetitions per side first, default 1) and {@code benchmarks.output}
 * (default {@code target/benchmarks}).
 */
@SpringBootApplication
@Import({ FashionMnistCnn.class, FashionMnistDatasets.class })
@EnableConfigurationProperties(FashionMnistProperties.class)
public class OrchestrationOverhead {

    private static final String PIPELINE = "fashion-mnist-cnn";

    /**
     * @param args Spring Boot arguments, e.g. {@code --demo.data.training-samples=60000}
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        int repetitions = Integer.getInteger("benchmarks.repetitions", 5);
        int warmups = Integer.getInteger("benchmarks.warmups", 1);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(OrchestrationOverhead.class)
            .properties("spring.config.name=overhead")
            .run(args)) {
            Job job = context.getBeansOfType(Job.class)
                .values()
                .stream()
                .filter(j -> PIPELINE.equals(j.getName()))
                .findFirst()
                .orElseThrow();
            JobOperator jobOperator = context.getBean(JobOperator.class);
            Integer seed = context.getEnvironment().getProperty("demon.seed", Integer.class);
            if (seed == null) {
                throw new IllegalStateException("demon.seed must be set: both sides train from the same seed");
            }
            PipelineDefinition pipeline = context.getBean(FashionMnistCnn.class);
            BareTrainingLoop bare = new BareTrainingLoop(pipeline, context.getBean(DemonOptimizerFactory.class),
                    context.getEnvironment().getProperty("demon.batch-size", Integer.class, 128), seed);

            // The first runs in a JVM are slower (class loading, JIT, the H2 database's
            // first writes),
            // the job's path more than the bare loop's: they are run and not counted.
            for (int warmup = 0; warmup < warmups; warmup++) {
                runJob(jobOperator, job);
                bare.trainOneEpoch();
            }
            List<Double> jobSeconds = new ArrayList<>();
            List<Double> bareSeconds = new ArrayList<>();
            StringBuilder log = new StringBuilder(
                    "| repetition | side | seconds | validation accuracy |\n|---|---|---:|---:|\n");
            for (int rep = 0; rep < repetitions; rep++) {
                // ABBA order: job first on even repetitions, bare first on odd ones.
                for (int side = 0; side < 2; side++) {
                    boolean jobSide = (rep + side) % 2 == 0;
                    long started = System.nanoTime();
                    float accuracy;
                    if (jobSide) {
                        accuracy = validationAccuracy(runJob(jobOperator, job));
                    }
                    else {
                        accuracy = bare.trainOneEpoch();
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    (jobSide ? jobSeconds : bareSeconds).add(seconds);
                    log.append(String.format(Locale.ROOT, "| %d | %s | %.2f | %.4f |%n", rep + 1,
                            jobSide ? "starter job" : "bare EasyTrain", seconds, accuracy));
                }
            }
            String report = report(log.toString(), jobSeconds, bareSeconds);
            System.out.println(report);
            Path folder = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("orchestration-overhead.md"), report);
        }
    }

    private static JobExecution runJob(JobOperator jobOperator, Job job) throws Exception {
        JobExecution execution = jobOperator.startNextInstance(job);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("job ended " + execution.getStatus());
        }
        return execution;
    }

    private static float validationAccuracy(JobExecution execution) {
        for (StepExecution step : execution.getStepExecutions()) {
            if (step.getExecutionContext().containsKey("demon.validation-accuracy")) {
                return (float) step.getExecutionContext().getDouble("demon.validation-accuracy");
            }
        }
        return Float.NaN;
    }

    static String report(String log, List<Double> jobSeconds, List<Double> bareSeconds) {
        Samples job = Samples.of(jobSeconds);
        Samples bare = Samples.of(bareSeconds);
        Samples ratios = Samples.ofRatios(jobSeconds, bareSeconds);
        return log + String.format(Locale.ROOT, "%n| side | median s | min s | max s |%n|---|---:|---:|---:|%n"
                + "| starter job | %.2f | %.2f | %.2f |%n| bare EasyTrain | %.2f | %.2f | %.2f |%n%n"
                + "ratio of medians (job / bare): %.3f; median of the per-repetition ratios: %.3f (min %.3f, max %.3f)"
                + "; target <= 1.03%n", job.median(), job.min(), job.max(), bare.median(), bare.min(), bare.max(),
                job.median() / bare.median(), ratios.median(), ratios.min(), ratios.max());
    }

}
