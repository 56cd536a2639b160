package dev.demon.benchmarks.engine;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.demon.benchmarks.stats.Samples;
import dev.demon.spring.training.EngineThreads;

/**
 * Epoch time of the demo's CNN and MLP on full Fashion-MNIST by engine and thread
 * setting, side by side: {@link EpochBreakdown} in one fresh process per configuration
 * and round, the configurations alternating within each round, none with MXNet's
 * threading variables in its environment but the third. Configurations: MXNet as it was
 * before the starter chose its threads (its {@code ThreadedEnginePerDevice}, one OpenMP
 * thread per operator on a 2-core x86 machine), MXNet with the starter's default
 * ({@code EngineThreads}: NaiveEngine, one OpenMP thread per core), MXNet with
 * NaiveEngine and one thread (what a user exports for small models), PyTorch (its own
 * default, every core, which the starter keeps). Reports the median of each phase and of
 * the epoch, the ratio to MXNet as it was, and for the CNN the achieved GFLOP/s against
 * the fp32 peak.
 *
 * <p>
 * FLOPs of a CNN epoch: 4.64 M multiply-accumulates per image forward, 2 FLOPs each, ×3
 * for training (forward, and backward for the inputs and for the weights): 60 000 × 4.64
 * M × 2 × 3 for training plus 10 000 × 4.64 M × 2 for validation.
 *
 * <p>
 * System properties: {@code benchmarks.rounds} (default 3), {@code benchmarks.pipelines}
 * (default {@code cnn,mlp}), {@code benchmarks.peak-gflops} (default 269, this machine's
 * 2 AVX-512 cores), {@code benchmarks.output}.
 */
public final class EngineEpochs {

    private static final double CNN_FORWARD_MACS = 4.64e6;

    /**
     * One configuration: the engine, {@link EpochBreakdown}'s thread mode, the label of
     * the report, and the environment variables its process gets on top of the others.
     */
    private record Configuration(String engine, String threads, String label, Map<String, String> environment) {
    }

    private static final List<Configuration> CONFIGURATIONS = List.of(
            new Configuration("MXNet", "as-is", "MXNet as it was (its own engine and default: 1 OpenMP thread here)",
                    Map.of()),
            new Configuration("MXNet", "starter",
                    "MXNet, the starter's default (NaiveEngine, one OpenMP thread per core)", Map.of()),
            new Configuration("MXNet", "as-is", "MXNet, NaiveEngine and 1 OpenMP thread (as exported by a user)",
                    Map.of("MXNET_ENGINE_TYPE", "NaiveEngine", "OMP_NUM_THREADS", "1")),
            new Configuration("PyTorch", "starter", "PyTorch (its own default, every core)", Map.of()));

    private static final String[] PHASES = { "data", "forward + backward", "update", "validation", "checkpoint" };

    private EngineEpochs() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = Integer.getInteger("benchmarks.rounds", 3);
        String[] pipelines = System.getProperty("benchmarks.pipelines", "cnn,mlp").split(",");
        double peak = Double.parseDouble(System.getProperty("benchmarks.peak-gflops", "269"));
        Map<String, List<double[]>> runs = new LinkedHashMap<>();
        for (int round = 1; round <= rounds; round++) {
            for (String pipeline : pipelines) {
                for (Configuration configuration : CONFIGURATIONS) {
                    double[] seconds = run(pipeline, configuration);
                    runs.computeIfAbsent(pipeline + " " + configuration.label(), key -> new ArrayList<>()).add(seconds);
                    System.out.printf("round %d %s %s: %.2f s%n", round, pipeline, configuration.label(),
                            total(seconds));
                }
            }
        }
        StringBuilder report = new StringBuilder("# Epoch time by engine\n\n");
        report.append(String.format("%d rounds, configurations alternating in each round, one process each; medians "
                + "in seconds; ratio = epoch / epoch of MXNet as it was.%n%n", rounds));
        report.append("| model | configuration | data | forward + backward | update | validation | checkpoint | "
                + "epoch | ratio | GFLOP/s (epoch) | of peak |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (String pipeline : pipelines) {
            double baseline = Double.NaN;
            for (Configuration configuration : CONFIGURATIONS) {
                List<double[]> samples = runs.get(pipeline + " " + configuration.label());
                double[] medians = new double[PHASES.length];
                for (int phase = 0; phase < PHASES.length; phase++) {
                    int p = phase;
                    medians[phase] = Samples.of(samples.stream().mapToDouble(s -> s[p]).toArray()).median();
                }
                double epoch = Samples.of(samples.stream().mapToDouble(EngineEpochs::total).toArray()).median();
                if (Double.isNaN(baseline)) {
                    baseline = epoch;
                }
                report.append(String.format("| %s | %s | %.2f | %.2f | %.2f | %.2f | %.3f | %.2f | %.3f |", pipeline,
                        configuration.label(), medians[0], medians[1], medians[2], medians[3], medians[4], epoch,
                        epoch / baseline));
                if ("cnn".equals(pipeline)) {
                    double flops = CNN_FORWARD_MACS * 2 * (60_000 * 3 + 10_000);
                    double gflops = flops / epoch / 1e9;
                    report.append(String.format(" %.1f | %.0f%% |%n", gflops, 100 * gflops / peak));
                }
                else {
                    report.append(" | |\n");
                }
            }
        }
        Path folder = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("engine-epochs.md"), report);
        System.out.print(report);
    }

    private static double total(double[] seconds) {
        double sum = 0;
        for (double phase : seconds) {
            sum += phase;
        }
        return sum;
    }

    /**
     * One epoch in a fresh JVM with this one's class path and the configuration's thread
     * mode and environment.
     */
    private static double[] run(String pipeline, Configuration configuration) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx4g", "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                EpochBreakdown.class.getName(), pipeline, configuration.engine(), configuration.threads());
        EngineThreads.MXNET_THREADING_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(configuration.environment());
        builder.environment().put("DJL_OFFLINE", "true");
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        String last = null;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                last = line;
            }
        }
        if (process.waitFor() != 0 || last == null) {
            throw new IllegalStateException(
                    "EpochBreakdown " + pipeline + " " + configuration.label() + " failed: " + last);
        }
        String[] fields = last.trim().split(" ");
        double[] seconds = new double[PHASES.length];
        for (int phase = 0; phase < PHASES.length; phase++) {
            seconds[phase] = Double.parseDouble(fields[3 + phase]);
        }
        return seconds;
    }

}
