package dev.demon.benchmarks.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.demon.benchmarks.stats.Samples;

/**
 * Trials per hour of a sweep by concurrency and MXNet threads, on the machine it runs on:
 * {@code concurrency: 1} with the starter's default threads (NaiveEngine, one OpenMP
 * thread per processor), {@code concurrency: 2} with NaiveEngine and one OpenMP thread
 * per operator, and {@code concurrency: 1} with one thread, for each workload. Each
 * measurement is one sweep in a fresh JVM ({@link SweepSideProcess}, the threads set in
 * its environment, since MXNet reads them once when it loads) after an unmeasured warm-up
 * job; within a round the workloads alternate and the configurations rotate (round r
 * starts with configuration r), so that a drift of the shared machine's load hits every
 * configuration alike. Trials per hour = trials × 3600 / the sweep job's seconds.
 *
 * <p>
 * System properties: {@code benchmarks.rounds} (default 3), {@code benchmarks.trials}
 * (default 4, an even number so that two at a time finish together),
 * {@code benchmarks.workloads} (default
 * {@code two-moons:20:2000,fashion-mnist-mlp:5:20000}, each
 * {@code pipeline:epochs:training samples}), {@code benchmarks.output} (default
 * {@code target/benchmarks}): {@code sweep-concurrency.md},
 * {@code sweep-concurrency.csv}.
 */
public final class SweepConcurrency {

    /**
     * A sweep's concurrency and its process's threads.
     *
     * @param concurrency trials trained at once
     * @param setting the engine's threads
     */
    private record Configuration(int concurrency, EngineSetting setting) {

        String label() {
            return "concurrency " + concurrency + ", " + setting.label();
        }

    }

    private static final List<Configuration> CONFIGURATIONS = List.of(
            new Configuration(1, EngineSetting.STARTER_DEFAULT), new Configuration(2, EngineSetting.ONE_THREAD),
            new Configuration(1, EngineSetting.ONE_THREAD));

    private SweepConcurrency() {
    }

    /**
     * @param args none
     * @throws Exception when a sweep fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("benchmarks.rounds", 3);
        int trials = Integer.getInteger("benchmarks.trials", 4);
        List<SweepWorkload> workloads = new ArrayList<>();
        for (String workload : System.getProperty("benchmarks.workloads", "two-moons:20:2000,fashion-mnist-mlp:5:20000")
            .split(",")) {
            String[] fields = workload.split(":");
            workloads
                .add(new SweepWorkload(fields[0], trials, Integer.parseInt(fields[1]), Integer.parseInt(fields[2])));
        }
        Path output = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
        SideLauncher launcher = new SideLauncher(output.resolve("sweep-concurrency"));
        Map<String, List<SideResult>> results = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder(
                "round,workload,concurrency,omp_threads,job_seconds,wall_seconds,trials,trials_per_hour\n");
        for (int round = 1; round <= rounds; round++) {
            for (int step = 0; step < CONFIGURATIONS.size(); step++) {
                Configuration configuration = CONFIGURATIONS.get((round - 1 + step) % CONFIGURATIONS.size());
                for (SweepWorkload workload : workloads) {
                    String name = String.format(Locale.ROOT, "round-%d-%s-c%d-%s", round, workload.pipeline(),
                            configuration.concurrency(),
                            configuration.setting() == EngineSetting.ONE_THREAD ? "1-thread" : "starter");
                    SideResult result = launcher.run(name, "sweep", workload, configuration.concurrency(),
                            configuration.setting());
                    results.computeIfAbsent(workload.pipeline() + "|" + configuration.label(), key -> new ArrayList<>())
                        .add(result);
                    csv.append(String.format(Locale.ROOT, "%d,%s,%d,%s,%.3f,%.3f,%d,%.1f%n", round, workload.pipeline(),
                            configuration.concurrency(),
                            configuration.setting() == EngineSetting.ONE_THREAD ? "1"
                                    : Integer.toString(Runtime.getRuntime().availableProcessors()),
                            result.jobSeconds(), result.wallSeconds(), result.trials(), result.trialsPerHour()));
                    System.out.printf(Locale.ROOT, "round %d %s %s: %.2f s, %.0f trials/h%n", round,
                            workload.pipeline(), configuration.label(), result.jobSeconds(), result.trialsPerHour());
                }
            }
        }
        String report = report(rounds, workloads, results);
        System.out.print(report);
        Files.createDirectories(output);
        Files.writeString(output.resolve("sweep-concurrency.md"), report);
        Files.writeString(output.resolve("sweep-concurrency.csv"), csv);
    }

    private static String report(int rounds, List<SweepWorkload> workloads, Map<String, List<SideResult>> results) {
        StringBuilder report = new StringBuilder("# Sweep concurrency\n\n");
        report.append(String.format(Locale.ROOT,
                "%d rounds, one JVM per sweep, configurations rotating in each round; trials per hour = trials × 3600 "
                        + "/ the sweep job's seconds; ratio = trials per hour / those of the first configuration.%n%n",
                rounds));
        report.append("| workload | configuration | sweep job s: median (min..max) | trials per hour: median "
                + "(min..max) | ratio of medians |\n|---|---|---|---|---:|\n");
        for (SweepWorkload workload : workloads) {
            double baseline = Double.NaN;
            for (Configuration configuration : CONFIGURATIONS) {
                List<SideResult> sweeps = results.get(workload.pipeline() + "|" + configuration.label());
                Samples seconds = Samples.of(sweeps.stream().map(SideResult::jobSeconds).toList());
                Samples perHour = Samples.of(sweeps.stream().map(SideResult::trialsPerHour).toList());
                if (Double.isNaN(baseline)) {
                    baseline = perHour.median();
                }
                report.append(String.format(Locale.ROOT,
                        "| %s (%d trials, %d epochs of %d samples) | %s | %.1f (%.1f..%.1f) | %.0f (%.0f..%.0f) | "
                                + "%.2f |%n",
                        workload.pipeline(), workload.trials(), workload.epochs(), workload.trainingSamples(),
                        configuration.label(), seconds.median(), seconds.min(), seconds.max(), perHour.median(),
                        perHour.min(), perHour.max(), perHour.median() / baseline));
            }
        }
        return report.toString();
    }

}
