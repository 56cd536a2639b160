package dev.demon.benchmarks.optimizer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import dev.demon.benchmarks.stats.Samples;

/**
 * Runs {@link OptimizerUpdateBenchmark}, {@link TrainerStepBenchmark} and
 * {@link BookkeepingBenchmark} in rounds and reports median update times and the ratios
 * the benchmarks are about: Demon over DJL (target &lt;= 1.02), the fused or direct
 * update over DJL (target &lt; 1.0), and Demon's bookkeeping relative to the CNN's
 * update. The cases run on MXNet; those labelled PyTorch repeat the update and
 * {@code Trainer.step()} pairs on DJL's PyTorch engine ({@code ai.djl.default_engine} in
 * their fork), where DJL's and Demon's SGD and Adam are fused PyTorch calls too.
 *
 * <p>
 * The machine is shared, so its load drifts over minutes; JMH alone runs one benchmark
 * after the other and a drift would land on one side of a ratio. So every round runs each
 * case in its own short JMH fork, the pairs to compare next to each other (the order
 * reverses from round to round), and a ratio is the median over rounds of the ratio of
 * the two medians of a round.
 *
 * <p>
 * System properties: {@code benchmarks.rounds} (default 5), {@code benchmarks.output}
 * (folder of {@code optimizer-update.md}, default {@code target/benchmarks}),
 * {@code benchmarks.cases} (a regular expression; only cases whose label contains a match
 * run, default all). Arguments are JMH's own ({@code -wi 1 -i 2 -w 1 -r 1}, ...) and
 * override the annotations of every fork.
 */
public final class OptimizerBenchmarks {

    /**
     * One measured case: a benchmark method, the optimizer parameter of the trainer-step
     * one, and system properties of its fork.
     */
    private record Case(String label, Class<?> benchmark, String method, String optimizer, String... jvmArgs) {
    }

    /**
     * DJL's Java-side parameter server: the optimizer updates the model's arrays, no
     * KVStore copies. These replace the benchmark's own {@code jvmArgsAppend}, so offline
     * mode is repeated.
     */
    private static final String[] LOCAL_PARAMETER_SERVER = { "-Dai.djl.offline=true",
            "-Dai.djl.use_local_parameter_server=true" };

    /**
     * The same cases on DJL's PyTorch engine, its default threads (every core). Offline
     * mode is repeated, as above.
     */
    private static final String[] PYTORCH = { "-Dai.djl.offline=true", "-Dai.djl.default_engine=PyTorch" };

    private static final List<Case> CASES = List.of(
            new Case("update: DJL Sgd", OptimizerUpdateBenchmark.class, "djlSgd", null),
            new Case("update: DemonSgd", OptimizerUpdateBenchmark.class, "demonSgd", null),
            new Case("update: FusedDemonSgd", OptimizerUpdateBenchmark.class, "fusedDemonSgd", null),
            new Case("update: FusedDemonSgd, all tensors in one call", OptimizerUpdateBenchmark.class,
                    "fusedAllDemonSgd", null),
            new Case("update: DJL Adam", OptimizerUpdateBenchmark.class, "djlAdam", null),
            new Case("update: DemonAdam", OptimizerUpdateBenchmark.class, "demonAdam", null),
            new Case("Trainer.step(): DJL Sgd", TrainerStepBenchmark.class, "trainerStep", "djl-sgd"),
            new Case("Trainer.step(): DemonSgd", TrainerStepBenchmark.class, "trainerStep", "demon-sgd"),
            new Case("FusedDemonSgd on the trainer's parameters", TrainerStepBenchmark.class, "fusedOnParameters",
                    null),
            new Case("Trainer.step(), local parameter server: DemonSgd", TrainerStepBenchmark.class, "trainerStep",
                    "demon-sgd", LOCAL_PARAMETER_SERVER),
            new Case("DemonSgd on the trainer's parameters", TrainerStepBenchmark.class, "directOnParameters",
                    "demon-sgd"),
            new Case("Trainer.step(): DJL Adam", TrainerStepBenchmark.class, "trainerStep", "djl-adam"),
            new Case("Trainer.step(): DemonAdam", TrainerStepBenchmark.class, "trainerStep", "demon-adam"),
            new Case("DemonAdam on the trainer's parameters", TrainerStepBenchmark.class, "directOnParameters",
                    "demon-adam"),
            new Case("Trainer.step(), local parameter server: DemonAdam", TrainerStepBenchmark.class, "trainerStep",
                    "demon-adam", LOCAL_PARAMETER_SERVER),
            new Case("bookkeeping: DJL Sgd", BookkeepingBenchmark.class, "djlSgd", null),
            new Case("bookkeeping: DemonSgd", BookkeepingBenchmark.class, "demonSgd", null),
            new Case("bookkeeping: DJL Adam", BookkeepingBenchmark.class, "djlAdam", null),
            new Case("bookkeeping: DemonAdam", BookkeepingBenchmark.class, "demonAdam", null),
            new Case("PyTorch update: DJL Sgd", OptimizerUpdateBenchmark.class, "djlSgd", null, PYTORCH),
            new Case("PyTorch update: DemonSgd", OptimizerUpdateBenchmark.class, "demonSgd", null, PYTORCH),
            new Case("PyTorch update: DJL Adam", OptimizerUpdateBenchmark.class, "djlAdam", null, PYTORCH),
            new Case("PyTorch update: DemonAdam", OptimizerUpdateBenchmark.class, "demonAdam", null, PYTORCH),
            new Case("PyTorch Trainer.step(): DJL Sgd", TrainerStepBenchmark.class, "trainerStep", "djl-sgd", PYTORCH),
            new Case("PyTorch Trainer.step(): DemonSgd", TrainerStepBenchmark.class, "trainerStep", "demon-sgd",
                    PYTORCH),
            new Case("PyTorch Trainer.step(): DJL Adam", TrainerStepBenchmark.class, "trainerStep", "djl-adam",
                    PYTORCH),
            new Case("PyTorch Trainer.step(): DemonAdam", TrainerStepBenchmark.class, "trainerStep", "demon-adam",
                    PYTORCH));

    /** The comparisons: numerator, denominator, target. */
    private static final String[][] RATIOS = { { "update: DemonSgd", "update: DJL Sgd", "<= 1.02" },
            { "update: FusedDemonSgd", "update: DJL Sgd", "< 1.0" },
            { "update: FusedDemonSgd, all tensors in one call", "update: DJL Sgd", "< 1.0" },
            { "update: DemonAdam", "update: DJL Adam", "<= 1.02" },
            { "Trainer.step(): DemonSgd", "Trainer.step(): DJL Sgd", "<= 1.02" },
            { "FusedDemonSgd on the trainer's parameters", "Trainer.step(): DJL Sgd", "< 1.0" },
            { "DemonSgd on the trainer's parameters", "Trainer.step(): DJL Sgd", "< 1.0" },
            { "Trainer.step(), local parameter server: DemonSgd", "Trainer.step(): DJL Sgd", "< 1.0" },
            { "Trainer.step(): DemonAdam", "Trainer.step(): DJL Adam", "<= 1.02" },
            { "DemonAdam on the trainer's parameters", "Trainer.step(): DJL Adam", "< 1.0" },
            { "Trainer.step(), local parameter server: DemonAdam", "Trainer.step(): DJL Adam", "< 1.0" },
            { "PyTorch update: DemonSgd", "PyTorch update: DJL Sgd", "<= 1.02" },
            { "PyTorch update: DemonAdam", "PyTorch update: DJL Adam", "<= 1.02" },
            { "PyTorch Trainer.step(): DemonSgd", "PyTorch Trainer.step(): DJL Sgd", "<= 1.02" },
            { "PyTorch Trainer.step(): DemonAdam", "PyTorch Trainer.step(): DJL Adam", "<= 1.02" }, };

    /**
     * Ratios derived from the bookkeeping cases: 1 + (Demon − DJL on one-value tensors) /
     * DJL on the CNN, the ratio the CNN's update would show if Demon's own work were all
     * that differed.
     */
    private static final String[][] BOOKKEEPING = {
            { "bookkeeping: DemonSgd", "bookkeeping: DJL Sgd", "update: DJL Sgd", "<= 1.02" },
            { "bookkeeping: DemonAdam", "bookkeeping: DJL Adam", "update: DJL Adam", "<= 1.02" }, };

    private OptimizerBenchmarks() {
    }

    /**
     * @param args JMH command-line options
     * @throws RunnerException when JMH fails
     * @throws CommandLineOptionException when an option is not JMH's
     * @throws IOException when the report cannot be written
     */
    public static void main(String[] args) throws RunnerException, CommandLineOptionException, IOException {
        CommandLineOptions commandLine = new CommandLineOptions(args);
        int rounds = Integer.getInteger("benchmarks.rounds", 5);
        Pattern selected = Pattern.compile(System.getProperty("benchmarks.cases", ""));
        List<Case> cases = CASES.stream().filter(c -> selected.matcher(c.label()).find()).toList();
        Map<String, List<Double>> medians = new LinkedHashMap<>();
        CASES.forEach(c -> medians.put(c.label(), new ArrayList<>()));
        for (int round = 0; round < rounds; round++) {
            List<Case> thisRound = new ArrayList<>(cases);
            if (round % 2 == 1) {
                Collections.reverse(thisRound);
            }
            for (Case c : thisRound) {
                ChainedOptionsBuilder options = new OptionsBuilder().parent(commandLine)
                    .include(c.benchmark().getName() + "\\." + c.method() + "$");
                if (c.optimizer() != null) {
                    options.param("optimizer", c.optimizer());
                }
                if (c.jvmArgs().length > 0) {
                    options.jvmArgsAppend(c.jvmArgs());
                }
                for (RunResult result : new Runner(options.build()).run()) {
                    medians.get(c.label()).add(result.getPrimaryResult().getStatistics().getPercentile(50));
                }
            }
        }
        String report = report(medians);
        System.out.println(report);
        Path folder = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("optimizer-update.md"), report);
    }

    static String report(Map<String, List<Double>> medians) {
        StringBuilder out = new StringBuilder();
        out.append("| demo CNN, all parameters | median µs | min..max of the round medians |\n")
            .append("|---|---:|---|\n");
        medians.forEach((name, values) -> {
            if (!values.isEmpty()) {
                Samples samples = Samples.of(values);
                out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f..%.1f |%n", name, samples.median(),
                        samples.min(), samples.max()));
            }
        });
        out.append("\n| ratio (median over rounds) | value | min..max over rounds | target |\n|---|---:|---|---|\n");
        for (String[] ratio : RATIOS) {
            List<Double> numerator = medians.get(ratio[0]);
            List<Double> denominator = medians.get(ratio[1]);
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < Math.min(numerator.size(), denominator.size()); i++) {
                perRound.add(numerator.get(i) / denominator.get(i));
            }
            if (!perRound.isEmpty()) {
                Samples samples = Samples.of(perRound);
                out.append(String.format(Locale.ROOT, "| %s / %s | %.3f | %.3f..%.3f | %s |%n", ratio[0], ratio[1],
                        samples.median(), samples.min(), samples.max(), ratio[2]));
            }
        }
        StringBuilder derivedRows = new StringBuilder();
        for (String[] derived : BOOKKEEPING) {
            List<Double> demon = medians.get(derived[0]);
            List<Double> djl = medians.get(derived[1]);
            List<Double> cnn = medians.get(derived[2]);
            List<Double> perRound = new ArrayList<>();
            for (int i = 0; i < Math.min(demon.size(), Math.min(djl.size(), cnn.size())); i++) {
                perRound.add(1 + (demon.get(i) - djl.get(i)) / cnn.get(i));
            }
            if (!perRound.isEmpty()) {
                Samples samples = Samples.of(perRound);
                derivedRows
                    .append(String.format(Locale.ROOT, "| 1 + (%s − %s) / %s | %.4f | %.4f..%.4f | %s |%n", derived[0],
                            derived[1], derived[2], samples.median(), samples.min(), samples.max(), derived[3]));
            }
        }
        if (!derivedRows.isEmpty()) {
            out.append("\n| 1 + bookkeeping difference / CNN update (median over rounds) | value | min..max over rounds"
                    + " | target |\n|---|---:|---|---|\n")
                .append(derivedRows);
        }
        return out.toString();
    }

}
