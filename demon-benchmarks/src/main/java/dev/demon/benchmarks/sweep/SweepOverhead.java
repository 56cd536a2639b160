package dev.demon.benchmarks.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.demon.benchmarks.stats.Samples;

/**
 * What running trials as one sweep costs over running them as single jobs: the same N
 * trials (one pipeline, learning rates log-spaced from 0.01 to 0.1, everything else the
 * same) as one sweep of concurrency 1 ({@code demon.sweeps.*}) and as N jobs of the
 * pipeline run back to back ({@code demon.pipelines.<name>.learning-rate.initial}), each
 * side a fresh JVM ({@link SweepSideProcess}) after an unmeasured warm-up job, the sides
 * alternating (sweep, singles, singles, sweep, ...) so that a drift of the shared
 * machine's load hits both alike.
 *
 * <p>
 * Reported: every repetition's job seconds (the job executions' start to end, added up)
 * and wall seconds (the applications' start-up and shut-down included, one application
 * for the sweep, N for the singles), the medians, min and max, the ratio of the medians
 * (goal &lt;= 1.02) and the per-repetition ratios, and the job seconds outside the steps
 * that train (the trial steps, the epoch steps): what orchestrating costs, without the
 * training's own noise. System properties: {@code benchmarks.repetitions} (default 3 per
 * side), {@code benchmarks.workload} ({@code two-moons} or {@code fashion-mnist-mlp},
 * default {@code two-moons}), {@code benchmarks.trials} (default 6),
 * {@code benchmarks.epochs} (default 20), {@code benchmarks.samples} (training samples,
 * default 2000), {@code benchmarks.threads} ({@code 1}, the default, or {@code starter}),
 * {@code benchmarks.output} (default {@code target/benchmarks}):
 * {@code sweep-overhead.md}, {@code sweep-overhead.csv}.
 */
public final class SweepOverhead {

    private SweepOverhead() {
    }

    /**
     * @param args none
     * @throws Exception when a side fails
     */
    public static void main(String[] args) throws Exception {
        int repetitions = Integer.getInteger("benchmarks.repetitions", 3);
        SweepWorkload workload = new SweepWorkload(System.getProperty("benchmarks.workload", TwoMoonsMlp.NAME),
                Integer.getInteger("benchmarks.trials", 6), Integer.getInteger("benchmarks.epochs", 20),
                Integer.getInteger("benchmarks.samples", 2000));
        EngineSetting setting = EngineSetting.named(System.getProperty("benchmarks.threads", "1"));
        Path output = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
        SideLauncher launcher = new SideLauncher(output.resolve("sweep-overhead"));
        List<SideResult> sweeps = new ArrayList<>();
        List<SideResult> singles = new ArrayList<>();
        StringBuilder csv = new StringBuilder(
                "repetition,side,job_seconds,wall_seconds,training_step_seconds,trials\n");
        for (int repetition = 1; repetition <= repetitions; repetition++) {
            for (int turn = 0; turn < 2; turn++) {
                boolean sweepSide = (repetition + turn) % 2 == 1;
                String side = sweepSide ? "sweep" : "singles";
                SideResult result = launcher.run(side + "-" + repetition, side, workload, 1, setting);
                (sweepSide ? sweeps : singles).add(result);
                csv.append(String.format(Locale.ROOT, "%d,%s,%.3f,%.3f,%.3f,%d%n", repetition, side,
                        result.jobSeconds(), result.wallSeconds(), result.trainingStepSeconds(), result.trials()));
                System.out.printf(Locale.ROOT, "repetition %d %s: job %.2f s, wall %.2f s%n", repetition, side,
                        result.jobSeconds(), result.wallSeconds());
            }
        }
        String report = report(workload, setting, csv.toString(), sweeps, singles);
        System.out.print(report);
        Files.createDirectories(output);
        Files.writeString(output.resolve("sweep-overhead.md"), report);
        Files.writeString(output.resolve("sweep-overhead.csv"), csv);
    }

    private static String report(SweepWorkload workload, EngineSetting setting, String csv, List<SideResult> sweeps,
            List<SideResult> singles) {
        StringBuilder report = new StringBuilder("# Sweep overhead\n\n");
        report.append(String.format(Locale.ROOT,
                "%s, %d trials (learning rates %s..%s), %d epochs of %d training samples each; %s; "
                        + "%d repetitions per side, alternating, one JVM per side.%n%n",
                workload.pipeline(), workload.trials(), workload.learningRate(0),
                workload.learningRate(workload.trials() - 1), workload.epochs(), workload.trainingSamples(),
                setting.label(), sweeps.size()));
        report.append("| repetition | side | job s | wall s | training steps s |\n|---|---|---:|---:|---:|\n");
        csv.lines()
            .skip(1)
            .map(line -> line.split(","))
            .forEach(fields -> report.append(String.format("| %s | %s | %s | %s | %s |%n", fields[0],
                    "sweep".equals(fields[1]) ? "one sweep" : "single jobs", fields[2], fields[3], fields[4])));
        report.append("\n| figure | one sweep: median (min..max) | single jobs: median (min..max) | "
                + "ratio of medians (sweep / singles) | per-repetition ratios: median (min..max) |\n"
                + "|---|---|---|---:|---|\n");
        report.append(row("job seconds", sweeps.stream().map(SideResult::jobSeconds).toList(),
                singles.stream().map(SideResult::jobSeconds).toList()));
        report.append(row("wall seconds", sweeps.stream().map(SideResult::wallSeconds).toList(),
                singles.stream().map(SideResult::wallSeconds).toList()));
        report.append(row("job seconds outside the training steps",
                sweeps.stream().map(SideResult::outsideTrainingSeconds).toList(),
                singles.stream().map(SideResult::outsideTrainingSeconds).toList()));
        report.append("\nGoal: job seconds, ratio of medians <= 1.02.\n");
        return report.toString();
    }

    private static String row(String figure, List<Double> sweep, List<Double> single) {
        Samples sweeps = Samples.of(sweep);
        Samples singles = Samples.of(single);
        Samples pairs = Samples.ofRatios(sweep, single);
        return String.format(Locale.ROOT,
                "| %s | %.2f (%.2f..%.2f) | %.2f (%.2f..%.2f) | **%.3f** | %.3f (%.3f..%.3f) |%n", figure,
                sweeps.median(), sweeps.min(), sweeps.max(), singles.median(), singles.min(), singles.max(),
                sweeps.median() / singles.median(), pairs.median(), pairs.min(), pairs.max());
    }

}
