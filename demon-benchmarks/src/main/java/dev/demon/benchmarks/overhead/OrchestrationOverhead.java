package dev.demon.benchmarks.overhead;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import ai.djl.engine.Engine;
import tools.jackson.databind.JsonNode;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
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
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.report.ReportJson;

/**
 * The starter's orchestration overhead: the demo's {@code fashion-mnist-cnn} job of
 * {@code demon.epochs} epochs, one in {@code overhead.yml} (Spring Batch job, a step per
 * epoch, checkpoints, metrics, models, report.json), against a bare DJL
 * {@link BareTrainingLoop} with the same pipeline, optimizer, data and seed, in one
 * process, alternating (job, bare, bare, job, job, ...) so that a drift of the shared
 * machine's load hits both sides alike. Both sides read and prepare the data, build and
 * initialise the model, and train the epochs, validating after each.
 *
 * <p>
 * Both sides share the process, so they train with the same engine and threads (the
 * report's first line names them), the same data order (the epoch's permutation drawn
 * from the same seed) and, unless the job reseeds the engine before every batch
 * ({@code demon.checkpoint.exact-resume}), the same dropout masks, hence the same
 * validation accuracy.
 *
 * <p>
 * Reported: every repetition's wall time, its process CPU time, the CPU time and the
 * minor page faults of the main thread (both sides train on it, the job through Spring
 * Batch's synchronous launch: with the engine on one thread it is all of a side's
 * computing, the job's launch, checkpoint and files included, which the load of a shared
 * machine delays but does not add to; its faults tell an epoch whose native allocator
 * handed memory back and took it again), its training loop's time (the batches: loading,
 * forward, backward, update and whatever runs between two batches, measured by the
 * starter's history listener, which both sides have) and the load average; each side's
 * medians and spread, the ratios of the medians and the spread of the ratios of adjacent
 * pairs (target &lt;= 1.01). Configuration: {@code overhead.yml} ({@code demo.data.*},
 * {@code demon.*}), system properties {@code benchmarks.repetitions} (default 8 per
 * side), {@code benchmarks.warmups} (unmeasured repetitions per side first, default 1)
 * and {@code benchmarks.output} (default {@code target/benchmarks}).
 */
@SpringBootApplication
@Import({ FashionMnistCnn.class, FashionMnistDatasets.class })
@EnableConfigurationProperties(FashionMnistProperties.class)
public class OrchestrationOverhead {

    private static final String PIPELINE = "fashion-mnist-cnn";

    private static final long FULL_TRAINING_SET = 60_000;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * @param args Spring Boot arguments, e.g. {@code --demo.data.training-samples=60000}
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        int repetitions = Integer.getInteger("benchmarks.repetitions", 8);
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
            int epochs = context.getEnvironment().getProperty("demon.epochs", Integer.class, 1);
            BareTrainingLoop bare = new BareTrainingLoop(pipeline, context.getBean(DemonOptimizerFactory.class),
                    context.getEnvironment().getProperty("demon.batch-size", Integer.class, 128), seed, epochs);

            Path report = Path.of(context.getEnvironment().getProperty("demon.checkpoint.dir", "demon-checkpoints"),
                    PIPELINE, "report.json");
            Long subset = context.getBean(FashionMnistProperties.class).trainingSamples();
            long trainingSamples = subset != null ? Math.min(subset, FULL_TRAINING_SET) : FULL_TRAINING_SET;

            // The first runs in a JVM are slower (class loading, JIT, the H2 database's
            // first writes), the job's path more than the bare loop's: they are run and
            // not counted.
            for (int warmup = 0; warmup < warmups; warmup++) {
                runJob(jobOperator, job);
                bare.train();
            }
            Sides sides = new Sides();
            long mainThread = ThreadGroupsCpu.currentThreadId();
            double loadBefore = loadAverage();
            for (int rep = 0; rep < repetitions; rep++) {
                // ABBA order: job first on even repetitions, bare first on odd ones.
                for (int side = 0; side < 2; side++) {
                    boolean jobSide = (rep + side) % 2 == 0;
                    long started = System.nanoTime();
                    long cpuStarted = processCpuNanos();
                    long threadCpuStarted = THREADS.getCurrentThreadCpuTime();
                    long faultsStarted = minorFaults();
                    ThreadGroupsCpu threadsStarted = ThreadGroupsCpu.now(mainThread);
                    List<EpochSummary> history;
                    StepTimes steps = StepTimes.NONE;
                    if (jobSide) {
                        steps = StepTimes.of(runJob(jobOperator, job));
                        history = history(report);
                    }
                    else {
                        history = bare.train();
                    }
                    EpochSummary last = history.get(history.size() - 1);
                    double loopSeconds = 0;
                    for (EpochSummary epoch : history) {
                        loopSeconds += trainingSamples / epoch.samplesPerSecond();
                    }
                    double seconds = (System.nanoTime() - started) / 1e9;
                    double cpuSeconds = (processCpuNanos() - cpuStarted) / 1e9;
                    double threadCpuSeconds = (THREADS.getCurrentThreadCpuTime() - threadCpuStarted) / 1e9;
                    long faults = (faultsStarted < 0) ? -1 : minorFaults() - faultsStarted;
                    ThreadGroupsCpu threadsEnded = ThreadGroupsCpu.now(mainThread);
                    sides.add(rep + 1, jobSide, seconds, cpuSeconds, threadCpuSeconds, faults, loopSeconds,
                            last.validationAccuracy(), loadAverage());
                    sides.addThreads(rep + 1, jobSide, threadsEnded, threadsStarted, steps);
                }
            }
            String text = sides.report(engineAndThreads(), loadBefore, loadAverage());
            System.out.println(text);
            Path folder = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("orchestration-overhead.md"), text);
        }
    }

    /**
     * The CPU time of every thread of the process: the work a side did, which other
     * processes on a shared machine delay but do not add to, unlike its wall time.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    /**
     * The minor page faults of the calling thread so far (Linux), or -1 where
     * {@code /proc/thread-self/stat} cannot be read: memory the native allocator gave
     * back to the system and the engine touched again.
     */
    private static long minorFaults() {
        try {
            return ThreadStat.read(Path.of("/proc/thread-self/stat")).field(ThreadStat.MINOR_FAULTS);
        }
        catch (IOException | RuntimeException ex) {
            return -1;
        }
    }

    /** The machine's load average over the last minute, as uptime shows it. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /**
     * The engine and the thread settings both sides share, since they run in one process.
     */
    static String engineAndThreads() {
        Engine engine = Engine.getInstance();
        StringBuilder threads = new StringBuilder();
        for (String variable : List.of("OMP_NUM_THREADS", "MXNET_ENGINE_TYPE", "MXNET_CPU_WORKER_NTHREADS")) {
            String value = System.getenv(variable);
            threads.append(String.format("%s=%s ", variable, value != null ? value : "(unset)"));
        }
        // The native allocator, which moves an epoch by 10 to 25% (BENCHMARKS.md "Native
        // memory").
        for (String variable : List.of("LD_PRELOAD", "GLIBC_TUNABLES", "MALLOC_CONF")) {
            String value = System.getenv(variable);
            if (value != null && !value.isEmpty()) {
                threads.append(String.format("%s=%s ", variable, value));
            }
        }
        for (String property : List.of("ai.djl.pytorch.num_threads", "ai.djl.pytorch.num_interop_threads")) {
            String value = System.getProperty(property);
            if (value != null) {
                threads.append(String.format("%s=%s ", property, value));
            }
        }
        return String.format("%s %s on %d processors; %s", engine.getEngineName(), engine.getVersion(),
                Runtime.getRuntime().availableProcessors(), threads.toString().trim());
    }

    /** The job's epochs, from the report.json it wrote. */
    private static List<EpochSummary> history(Path report) throws IOException {
        List<EpochSummary> epochs = new ArrayList<>();
        for (JsonNode epoch : ReportJson.mapper().readTree(report.toFile()).path("history")) {
            epochs.add(ReportJson.mapper().treeToValue(epoch, EpochSummary.class));
        }
        return epochs;
    }

    private static JobExecution runJob(JobOperator jobOperator, Job job) throws Exception {
        JobExecution execution = jobOperator.startNextInstance(job);
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            throw new IllegalStateException("job ended " + execution.getStatus());
        }
        return execution;
    }

    /** Each repetition of both sides, and the report on them. */
    static final class Sides {

        private final StringBuilder log = new StringBuilder(
                "| repetition | side | seconds | CPU s | main thread CPU s | main thread minor faults | training loop s | validation accuracy | load |\n"
                        + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");

        private final StringBuilder threadsLog = new StringBuilder(
                "| repetition | side | compiler threads CPU s | GC threads CPU s | other named threads CPU s | unnamed (engine) threads CPU s | epoch step s | promotion step s | job outside its steps s |\n"
                        + "|---|---|---:|---:|---:|---:|---:|---:|---:|\n");

        private final List<Double> jobCompiler = new ArrayList<>();

        private final List<Double> bareCompiler = new ArrayList<>();

        private final List<Double> jobNamed = new ArrayList<>();

        private final List<Double> bareNamed = new ArrayList<>();

        private final List<Double> jobSeconds = new ArrayList<>();

        private final List<Double> bareSeconds = new ArrayList<>();

        private final List<Double> jobCpu = new ArrayList<>();

        private final List<Double> bareCpu = new ArrayList<>();

        private final List<Double> jobThreadCpu = new ArrayList<>();

        private final List<Double> bareThreadCpu = new ArrayList<>();

        private final List<Double> jobLoop = new ArrayList<>();

        private final List<Double> bareLoop = new ArrayList<>();

        private final List<Float> jobAccuracy = new ArrayList<>();

        private final List<Float> bareAccuracy = new ArrayList<>();

        void add(int repetition, boolean jobSide, double seconds, double cpuSeconds, double threadCpuSeconds,
                long faults, double loopSeconds, float accuracy, double load) {
            (jobSide ? jobSeconds : bareSeconds).add(seconds);
            (jobSide ? jobCpu : bareCpu).add(cpuSeconds);
            (jobSide ? jobThreadCpu : bareThreadCpu).add(threadCpuSeconds);
            (jobSide ? jobLoop : bareLoop).add(loopSeconds);
            (jobSide ? jobAccuracy : bareAccuracy).add(accuracy);
            String row = String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f | %.2f | %s | %.2f | %.4f | %.2f |%n",
                    repetition, jobSide ? "starter job" : "bare EasyTrain", seconds, cpuSeconds, threadCpuSeconds,
                    (faults < 0) ? "n/a" : Long.toString(faults), loopSeconds, accuracy, load);
            // As it comes, so that a long run's repetitions can be read before it ends.
            System.out.print(row);
            log.append(row);
        }

        /**
         * The CPU time of the process's other threads during a repetition, and a job's
         * time by steps.
         */
        void addThreads(int repetition, boolean jobSide, ThreadGroupsCpu ended, ThreadGroupsCpu started,
                StepTimes steps) {
            double compiler = ended.secondsSince(started, ThreadGroupsCpu.Group.COMPILER);
            double named = ended.secondsSince(started, ThreadGroupsCpu.Group.NAMED);
            (jobSide ? jobCompiler : bareCompiler).add(compiler);
            (jobSide ? jobNamed : bareNamed).add(named);
            String row = String.format(Locale.ROOT, "| %d | %s | %.2f | %.2f | %.2f | %.2f | %s | %s | %s |%n",
                    repetition, jobSide ? "starter job" : "bare EasyTrain", compiler,
                    ended.secondsSince(started, ThreadGroupsCpu.Group.GC), named,
                    ended.secondsSince(started, ThreadGroupsCpu.Group.UNNAMED), orDash(steps.epochSeconds()),
                    orDash(steps.promotionSeconds()), orDash(steps.outsideStepsSeconds()));
            System.out.print(row);
            threadsLog.append(row);
        }

        private static String orDash(double seconds) {
            return Double.isNaN(seconds) ? "-" : String.format(Locale.ROOT, "%.3f", seconds);
        }

        /**
         * The repetitions, each side's median and spread of the whole run and of its
         * training loop (the batches: loading, forward, backward, update and what runs
         * between batches, timed by the starter's history on both sides), and the ratios
         * of the medians.
         */
        String report(String engine, double loadBefore, double loadAfter) {
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                    "Engine and threads (both sides, one process): %s; load average (1 min) %.2f before, %.2f after%n%n",
                    engine, loadBefore, loadAfter));
            text.append(log);
            text.append('\n').append(threadsLog);
            text.append(String.format(Locale.ROOT,
                    "%n| side | measure | median s | min s | max s |%n" + "|---|---|---:|---:|---:|%n"));
            text.append(row("starter job", "wall", jobSeconds)).append(row("bare EasyTrain", "wall", bareSeconds));
            text.append(row("starter job", "CPU", jobCpu)).append(row("bare EasyTrain", "CPU", bareCpu));
            text.append(row("starter job", "main thread CPU", jobThreadCpu))
                .append(row("bare EasyTrain", "main thread CPU", bareThreadCpu));
            text.append(row("starter job", "training loop", jobLoop))
                .append(row("bare EasyTrain", "training loop", bareLoop));
            text.append(row("starter job", "compiler threads CPU", jobCompiler))
                .append(row("bare EasyTrain", "compiler threads CPU", bareCompiler));
            text.append(row("starter job", "other named threads CPU", jobNamed))
                .append(row("bare EasyTrain", "other named threads CPU", bareNamed));
            text.append('\n');
            text.append(ratio("wall time", jobSeconds, bareSeconds));
            text.append(ratio("CPU time", jobCpu, bareCpu));
            text.append(ratio("main thread CPU time", jobThreadCpu, bareThreadCpu));
            text.append(ratio("training loop (wall)", jobLoop, bareLoop));
            text.append(String.format(Locale.ROOT,
                    "outside the training loop (median of wall - loop): job %.2f s, bare %.2f s%n",
                    outside(jobSeconds, jobLoop), outside(bareSeconds, bareLoop)));
            text.append(String.format("validation accuracy: job %s, bare %s; target: job / bare <= 1.01%n",
                    new TreeSet<>(jobAccuracy), new TreeSet<>(bareAccuracy)));
            return text.toString();
        }

        private static String row(String side, String measure, List<Double> seconds) {
            Samples samples = Samples.of(seconds);
            return String.format(Locale.ROOT, "| %s | %s | %.2f | %.2f | %.2f |%n", side, measure, samples.median(),
                    samples.min(), samples.max());
        }

        private static String ratio(String measure, List<Double> job, List<Double> bare) {
            Samples pairs = Samples.ofRatios(job, bare);
            return String.format(Locale.ROOT,
                    "%s, job / bare: ratio of medians %.3f; per repetition median %.3f (min %.3f, max %.3f)%n", measure,
                    Samples.of(job).median() / Samples.of(bare).median(), pairs.median(), pairs.min(), pairs.max());
        }

        private static double outside(List<Double> seconds, List<Double> loop) {
            List<Double> differences = new ArrayList<>();
            for (int i = 0; i < seconds.size(); i++) {
                differences.add(seconds.get(i) - loop.get(i));
            }
            return Samples.of(differences).median();
        }

    }

}
