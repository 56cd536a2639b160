package dev.demon.benchmarks.sweep;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.demon.benchmarks.stats.Samples;
import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.LoopbackPostgres;
import dev.demon.spring.testing.Polling;

/**
 * What remote trial workers (docs/remote-workers.md) cost and give on the machine it runs
 * on: the same sweep trained (a) by one process, the starter's sweep with
 * {@code concurrency: 1}, (b) by a manager and 1 worker process, (c) by a manager and 2
 * worker processes, the remote sides as the guide has a user run them (Spring Batch
 * remote partitioning over the manager's embedded Artemis broker, a shared PostgreSQL
 * JobRepository, one shared {@code demon.checkpoint.dir}), each process a JVM of its own
 * ({@link SweepSideProcess}) that first trains an unmeasured one-epoch job. The workers
 * have started and warmed up before the manager starts; each remote side gets a fresh
 * private PostgreSQL server ({@code LoopbackPostgres}, as the starter's tests start it).
 *
 * <p>
 * Reported per side: the sweep's seconds (its job execution's start to end, from the
 * JobRepository), trials per hour, the trial steps' median seconds, each process's busy
 * fraction (its trial steps' seconds over the sweep's), the time before the first and
 * after the last trial step and the gaps between one process's trials, and the load
 * averages before and after; then the remote path's extra seconds per trial against the
 * local path (1 worker against one process), in steady state and over the whole sweep,
 * with the ratio for a trial of a minute (goal &lt;= 1.02), and 2 workers against 1.
 *
 * <p>
 * System properties: {@code benchmarks.workload} (default {@code fashion-mnist-mlp}, or
 * {@code two-moons}), {@code benchmarks.trials} (default 8), {@code benchmarks.epochs}
 * (default 16), {@code benchmarks.samples} (training samples, default 20000),
 * {@code benchmarks.threads} ({@code 1}, the default: one OpenMP thread per operator in
 * every process, or {@code starter}), {@code benchmarks.repetitions} (default 1; the
 * sides' order rotates), {@code benchmarks.remote-classpath} (default
 * {@code target/remote-classpath.txt}, which the build writes: the remote libraries added
 * to the manager's and the workers' class path), {@code benchmarks.output} (default
 * {@code target/benchmarks}): {@code sweep-scale.md}, {@code sweep-scale.csv}.
 */
public final class SweepScale {

    private static final String LOCAL = "one process";

    private static final Duration WORKER_START_TIMEOUT = Duration.ofMinutes(10);

    /** A trial of a minute, for the overhead's ratio. */
    private static final double MINUTE = 60;

    private SweepScale() {
    }

    /**
     * @param args none
     * @throws Exception when a side fails
     */
    public static void main(String[] args) throws Exception {
        int repetitions = Integer.getInteger("benchmarks.repetitions", 1);
        SweepWorkload workload = new SweepWorkload(
                System.getProperty("benchmarks.workload", SweepWorkload.FASHION_MNIST_MLP),
                Integer.getInteger("benchmarks.trials", 8), Integer.getInteger("benchmarks.epochs", 16),
                Integer.getInteger("benchmarks.samples", 20000));
        EngineSetting setting = EngineSetting.named(System.getProperty("benchmarks.threads", "1"));
        Path output = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
        Path folder = output.resolve("sweep-scale");
        SideLauncher local = new SideLauncher(folder);
        SideLauncher remote = new SideLauncher(folder, local.classPath() + File.pathSeparator + remoteClassPath(
                Path.of(System.getProperty("benchmarks.remote-classpath", "target/remote-classpath.txt"))));
        LoadAverage atStart = LoadAverage.now();
        List<List<ScaleSide>> runs = new ArrayList<>();
        for (int repetition = 1; repetition <= repetitions; repetition++) {
            ScaleSide[] sides = new ScaleSide[3];
            for (int turn = 0; turn < 3; turn++) {
                int workers = (repetition - 1 + turn) % 3;
                String name = "r" + repetition + "-" + (workers == 0 ? "local" : workers + "-worker");
                sides[workers] = (workers == 0) ? local(local, name, workload, setting)
                        : remote(remote, name, workers, workload, setting);
                System.out.printf(Locale.ROOT, "repetition %d, %s: sweep %.2f s%n", repetition, sides[workers].label(),
                        sides[workers].sweepSeconds());
            }
            runs.add(List.of(sides));
        }
        String report = report(workload, setting, atStart, runs);
        System.out.print(report);
        Files.createDirectories(output);
        Files.writeString(output.resolve("sweep-scale.md"), report);
        Files.writeString(output.resolve("sweep-scale.csv"), csv(runs));
    }

    /** The sweep trained by its own process, as on one machine. */
    private static ScaleSide local(SideLauncher launcher, String name, SweepWorkload workload, EngineSetting setting)
            throws IOException, InterruptedException {
        LoadAverage before = LoadAverage.now();
        SideResult result = launcher.run(name, "sweep", workload, 1, setting);
        LoadAverage after = LoadAverage.now();
        List<TrialStep> trials = TrialStep.readFrom(launcher.sideFolder(name).resolve("trials.txt"));
        Map<String, String> trainedBy = trials.stream()
            .collect(Collectors.toMap(TrialStep::trial, trial -> "the sweep's process"));
        return new ScaleSide(LOCAL, result, trials, trainedBy, before, after);
    }

    /**
     * The sweep trained by {@code workers} worker processes, started and warmed up one
     * after the other, then its manager, which embeds the broker; the workers are stopped
     * once the manager has exited.
     */
    private static ScaleSide remote(SideLauncher launcher, String name, int workers, SweepWorkload workload,
            EngineSetting setting) throws IOException, InterruptedException {
        LoadAverage before = LoadAverage.now();
        try (LoopbackPostgres postgres = LoopbackPostgres.start()) {
            int brokerPort = ChildProcess.freeLoopbackPort();
            List<String> shared = List.of("--spring.datasource.url=" + postgres.jdbcUrl(),
                    "--spring.datasource.username=postgres",
                    "--demon.checkpoint.dir=" + launcher.sideFolder(name).resolve("checkpoints"));
            Map<String, Path> logs = new LinkedHashMap<>();
            List<ChildProcess> started = new ArrayList<>();
            try {
                for (int worker = 1; worker <= workers; worker++) {
                    ChildProcess process = launcher.start(name + "/worker-" + worker, "worker", workload, 1, setting,
                            arguments(shared, "--demon.remote.role=worker",
                                    "--spring.artemis.broker-url=tcp://127.0.0.1:" + brokerPort));
                    started.add(process);
                    awaitReady(process);
                    logs.put("worker-" + worker, process.log());
                }
                String manager = name + "/manager";
                SideResult result = launcher.run(manager, "manager", workload, 1, setting,
                        arguments(shared, "--demon.remote.role=manager", "--demon.remote.broker.port=" + brokerPort,
                                "--spring.batch.jdbc.initialize-schema=always"));
                LoadAverage after = LoadAverage.now();
                List<TrialStep> trials = TrialStep.readFrom(launcher.sideFolder(manager).resolve("trials.txt"));
                return new ScaleSide("manager + " + workers + (workers == 1 ? " worker" : " workers"), result, trials,
                        trainedBy(workload.sweepName(), logs), before, after);
            }
            finally {
                started.forEach(ChildProcess::close);
            }
        }
    }

    private static String[] arguments(List<String> shared, String... more) {
        return Stream.concat(shared.stream(), Stream.of(more)).toArray(String[]::new);
    }

    private static void awaitReady(ChildProcess worker) {
        Polling.until("a worker to take trials", WORKER_START_TIMEOUT, () -> {
            worker.requireAlive();
            return Files.readString(worker.log()).contains(SweepSideProcess.WORKER_READY) ? Optional.of(true)
                    : Optional.empty();
        });
    }

    /**
     * Which worker trained each trial, from the line every trial's start logs
     * ({@code <sweep> trial-0001 (attempt 1): ...}).
     */
    static Map<String, String> trainedBy(String sweep, Map<String, Path> logs) throws IOException {
        Pattern started = Pattern.compile(Pattern.quote(sweep) + " (trial-\\d+) \\(attempt \\d+\\): ");
        Map<String, String> trainedBy = new LinkedHashMap<>();
        for (Map.Entry<String, Path> log : logs.entrySet()) {
            Matcher matcher = started.matcher(Files.readString(log.getValue()));
            while (matcher.find()) {
                trainedBy.put(matcher.group(1), log.getKey());
            }
        }
        return trainedBy;
    }

    private static String remoteClassPath(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: build the module first "
                    + "(./mvnw -B -q -pl demon-benchmarks -am package -DskipTests), or give benchmarks.remote-classpath");
        }
        return Files.readString(file).trim();
    }

    private static String report(SweepWorkload workload, EngineSetting setting, LoadAverage atStart,
            List<List<ScaleSide>> runs) {
        StringBuilder report = new StringBuilder("# Sweep scale: one process, a manager with 1 and 2 workers\n\n");
        report.append(String.format(Locale.ROOT,
                "%s, %d trials (learning rates %s..%s), %d epochs of %d training samples each; %s in every "
                        + "process; %d processors; %d repetition(s), the sides' order rotating. Remote: the "
                        + "manager embeds the broker, PostgreSQL on loopback, one shared checkpoint folder, "
                        + "the starter's defaults (poll interval 5 s). Load average (1 / 5 / 15 min) at the "
                        + "start: %s. **The machine is shared**: the load averages include other processes and "
                        + "the side's own (one busy process per training process, two during the warm-ups).%n%n",
                workload.pipeline(), workload.trials(), workload.learningRate(0),
                workload.learningRate(workload.trials() - 1), workload.epochs(), workload.trainingSamples(),
                setting.label(), Runtime.getRuntime().availableProcessors(), runs.size(), atStart));
        report.append("| repetition | side | sweep s | trials per hour | trial step s: median (min..max) | "
                + "before the first trial s | gaps between a process's trials s: mean | after the last trial s | "
                + "busy fraction per process | load before | load after |\n"
                + "|---|---|---:|---:|---|---:|---:|---:|---|---|---|\n");
        for (int repetition = 0; repetition < runs.size(); repetition++) {
            for (ScaleSide side : runs.get(repetition)) {
                Samples trial = side.trialSeconds();
                List<Double> gaps = side.gapsBetweenTrials();
                String busy = side.processes()
                    .stream()
                    .map(process -> String.format(Locale.ROOT, "%s %.3f", process, side.busyFraction(process)))
                    .collect(Collectors.joining(", "));
                report.append(String.format(Locale.ROOT,
                        "| %d | %s | %.2f | %.0f | %.2f (%.2f..%.2f) | %.2f | %s | %.2f | %s | %s | %s |%n",
                        repetition + 1, side.label(), side.sweepSeconds(), side.result().trialsPerHour(),
                        trial.median(), trial.min(), trial.max(), side.beforeFirstTrial(),
                        gaps.isEmpty() ? "–" : String.format(Locale.ROOT, "%.3f", Samples.of(gaps).mean()),
                        side.afterLastTrial(), busy, side.loadBefore(), side.loadAfter()));
            }
        }
        int trials = workload.trials();
        report.append("\n**The remote path against the local path** (manager + 1 worker against one process; "
                + "medians over the repetitions, with min..max):\n\n| figure | one process | manager + 1 worker | "
                + "remote − local |\n|---|---|---|---|\n");
        report.append(difference(runs, "sweep s", ScaleSide::sweepSeconds));
        report.append(difference(runs, "per trial in steady state s: (sweep − before − after) / trials",
                ScaleSide::steadySecondsPerTrial));
        report.append(difference(runs, "trial step s, median", side -> side.trialSeconds().median()));
        report.append(difference(runs, "once per sweep s: before the first + after the last trial",
                side -> side.beforeFirstTrial() + side.afterLastTrial()));
        Samples steady = perRepetition(runs,
                sides -> sides.get(1).steadySecondsPerTrial() - sides.get(0).steadySecondsPerTrial());
        Samples whole = perRepetition(runs,
                sides -> (sides.get(1).sweepSeconds() - sides.get(0).sweepSeconds()) / trials);
        report.append(String.format(Locale.ROOT,
                "%nExtra seconds per trial on the remote path: **%.2f** in steady state (%s), %.2f over the "
                        + "whole sweep of %d trials (%s, the once-per-sweep part spread over them). For a trial of a "
                        + "minute: **%.3f** in steady state, %.3f with this sweep's once-per-sweep part "
                        + "(goal <= 1.02).%n",
                steady.median(), range(steady), whole.median(), trials, range(whole),
                (MINUTE + steady.median()) / MINUTE, (MINUTE + whole.median()) / MINUTE));
        Samples speedUp = perRepetition(runs,
                sides -> sides.get(2).result().trialsPerHour() / sides.get(1).result().trialsPerHour());
        report.append(String.format(Locale.ROOT,
                "%n**2 workers against 1**: trials per hour × **%.2f** (%s); the sweep took %.2f s against %.2f s "
                        + "(medians).%n",
                speedUp.median(), range(speedUp), median(runs, 2, ScaleSide::sweepSeconds),
                median(runs, 1, ScaleSide::sweepSeconds)));
        return report.toString();
    }

    private static String difference(List<List<ScaleSide>> runs, String figure, ToDoubleFunction<ScaleSide> value) {
        Samples local = perRepetition(runs, sides -> value.applyAsDouble(sides.get(0)));
        Samples remote = perRepetition(runs, sides -> value.applyAsDouble(sides.get(1)));
        Samples difference = perRepetition(runs,
                sides -> value.applyAsDouble(sides.get(1)) - value.applyAsDouble(sides.get(0)));
        return String.format(Locale.ROOT, "| %s | %.3f (%s) | %.3f (%s) | %.3f (%s) |%n", figure, local.median(),
                range(local), remote.median(), range(remote), difference.median(), range(difference));
    }

    private static double median(List<List<ScaleSide>> runs, int side, ToDoubleFunction<ScaleSide> value) {
        return perRepetition(runs, sides -> value.applyAsDouble(sides.get(side))).median();
    }

    private static Samples perRepetition(List<List<ScaleSide>> runs, ToDoubleFunction<List<ScaleSide>> value) {
        return Samples.of(runs.stream().map(value::applyAsDouble).toList());
    }

    private static String range(Samples samples) {
        return String.format(Locale.ROOT, "%.3f..%.3f", samples.min(), samples.max());
    }

    private static String csv(List<List<ScaleSide>> runs) {
        StringBuilder csv = new StringBuilder("repetition,side,process,trial,start_second,seconds\n");
        for (int repetition = 0; repetition < runs.size(); repetition++) {
            for (ScaleSide side : runs.get(repetition)) {
                for (TrialStep trial : side.trials()) {
                    csv.append(String.format(Locale.ROOT, "%d,%s,%s,%s,%.3f,%.3f%n", repetition + 1, side.label(),
                            side.trainedBy().getOrDefault(trial.trial(), "unknown"), trial.trial(), trial.startSecond(),
                            trial.seconds()));
                }
            }
        }
        return csv.toString();
    }

}
