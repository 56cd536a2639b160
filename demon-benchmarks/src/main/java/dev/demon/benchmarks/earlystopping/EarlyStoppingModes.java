package dev.demon.benchmarks.earlystopping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

import ai.djl.MalformedModelException;
import ai.djl.translate.TranslateException;

import dev.demon.benchmarks.stats.Samples;
import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.fashionmnist.pipeline.FashionMnistMlp;
import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.training.EarlyStoppingMode;
import dev.demon.spring.training.EarlyStoppingSettings;
import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.PipelineRun;

/**
 * Which early-stopping mode should be the default with Demon: the demo's MLP on the quick
 * profile's data (2000 training, 1000 test images of Fashion-MNIST) and a small tabular
 * regression ({@link TabularRegression}), each trained with Demon SGDM through the
 * starter's {@link PipelineRun} (the loop, listeners and seeding of its jobs) three ways:
 * early stopping in mode {@code stop}, in mode {@code decay-then-stop}, and the full
 * budget without early stopping. It prints, per workload and way, the medians over the
 * seeds of the final validation figure (the model after the last epoch trained), the best
 * epoch's figure (what {@code best-model/} holds) and the updates spent, and writes the
 * table to {@code early-stopping.md} in {@code benchmarks.output}.
 *
 * <p>
 * System properties: {@code benchmarks.seeds} (default 5), {@code benchmarks.output}
 * (default {@code target/benchmarks}), {@code benchmarks.decay-epochs} (default 1, the
 * default of {@code demon.early-stopping.decay-epochs}).
 */
public final class EarlyStoppingModes {

    private EarlyStoppingModes() {
    }

    /** One workload: a pipeline with its budget, optimizer and early stopping. */
    private record Workload(String name, Supplier<PipelineDefinition> pipeline, int epochs, int batchSize,
            float learningRate, float weightDecay, ModelMonitor monitor, int patience) {
    }

    /** What one run ended with. */
    private record Outcome(double finalFigure, double bestFigure, long updates, int epochs) {
    }

    public static void main(String[] args) throws Exception {
        int seeds = Integer.getInteger("benchmarks.seeds", 5);
        int decayEpochs = Integer.getInteger("benchmarks.decay-epochs", 1);
        Path output = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
        FashionMnistDatasets quick = new FashionMnistDatasets(new FashionMnistProperties(null, 2000L, 1000L));
        List<Workload> workloads = List.of(
                new Workload("demo MLP, quick data", () -> new FashionMnistMlp(quick), 30, 128, 0.05f, 0.001f,
                        ModelMonitor.VALIDATION_ACCURACY, 3),
                new Workload("tabular regression", TabularRegression::new, 60, 32, 0.01f, 0f,
                        ModelMonitor.VALIDATION_LOSS, 5));
        StringBuilder table = new StringBuilder(
                String.format(Locale.ROOT,
                        "Demon SGDM (β_init 0.9, fixed η0), early stopping with patience p on the pipeline's monitor, "
                                + "decay-then-stop with %d decay epochs; medians over %d seeds.%n%n",
                        decayEpochs, seeds));
        table.append("| workload | way | final figure | best epoch's figure | updates spent | epochs trained |\n");
        table.append("|---|---|---|---|---|---|\n");
        for (Workload workload : workloads) {
            for (String way : List.of("stop", "decay-then-stop", "full budget")) {
                List<Outcome> outcomes = new ArrayList<>();
                for (int seed = 1; seed <= seeds; seed++) {
                    outcomes.add(train(workload, way, decayEpochs, seed));
                    System.out.printf(Locale.ROOT, "%s, %s, seed %d: %s%n", workload.name(), way, seed,
                            outcomes.get(outcomes.size() - 1));
                }
                String figure = workload.monitor() == ModelMonitor.VALIDATION_ACCURACY ? "validation accuracy"
                        : "validation loss";
                table.append(
                        String.format(Locale.ROOT, "| %s (p = %d, %d epochs) | %s | %s %.4f | %.4f | %.0f | %.0f |%n",
                                workload.name(), workload.patience(), workload.epochs(), way, figure,
                                Samples.of(outcomes.stream().map(Outcome::finalFigure).toList()).median(),
                                Samples.of(outcomes.stream().map(Outcome::bestFigure).toList()).median(),
                                Samples.of(outcomes.stream().map(Outcome::updates).toList()).median(),
                                Samples.of(outcomes.stream().map(Outcome::epochs).toList()).median()));
            }
        }
        System.out.println();
        System.out.print(table);
        Files.createDirectories(output);
        Files.writeString(output.resolve("early-stopping.md"), table);
    }

    private static Outcome train(Workload workload, String way, int decayEpochs, int seed)
            throws IOException, TranslateException, MalformedModelException {
        EarlyStoppingSettings stopping = switch (way) {
            case "full budget" -> EarlyStoppingSettings.DISABLED;
            default -> new EarlyStoppingSettings(true, workload.monitor(), 0f, workload.patience(), 0, null, null,
                    way.equals("stop") ? EarlyStoppingMode.STOP : EarlyStoppingMode.DECAY_THEN_STOP, decayEpochs,
                    Set.of());
        };
        DemonOptimizerFactory optimizers = new DemonOptimizerFactory(OptimizerType.SGDM, new DemonSchedule(0.9f),
                new LearningRateTrackerFactory(LearningRateScheduleType.FIXED, workload.learningRate()),
                workload.weightDecay());
        PipelineRun run = PipelineRun.builder()
            .setPipeline("early-stopping", workload.pipeline().get())
            .setEpochs(workload.epochs())
            .setBatchSize(workload.batchSize())
            .setOptimizers(optimizers)
            .optSeed(seed)
            .optEarlyStopping(stopping)
            .build();
        List<EpochSummary> history = run.train();
        EpochSummary last = history.get(history.size() - 1);
        EpochSummary best = workload.monitor().best(history).orElseThrow();
        return new Outcome(workload.monitor().figureOf(last), workload.monitor().figureOf(best), run.updatesDone(),
                history.size());
    }

}
