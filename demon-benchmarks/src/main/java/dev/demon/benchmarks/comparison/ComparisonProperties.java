package dev.demon.benchmarks.comparison;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.demon.spring.optimizer.OptimizerType;

/**
 * The grids of the comparison and sensitivity jobs, prefix {@code comparison}. Defaults
 * are the full comparison of {@code BENCHMARKS.md}; the {@code smoke} profile
 * ({@code comparison-smoke.yml}) shrinks it to minutes.
 *
 * @param models the settings' models
 * @param optimizers the settings' optimizers
 * @param shortEpochs epochs of the short budget
 * @param longEpochs epochs of the long budget
 * @param budgets which budgets: {@code short}, {@code long}
 * @param methods Demon and the baselines to run
 * @param seeds number of seeds per cell, seeds 1..n
 * @param trainingSamples first this-many training images only; unset: all 60 000
 * @param validationSamples first this-many test images only; unset: all 10 000
 * @param batchSize mini-batch size
 * @param sgdmLearningRate η0 of every SGDM cell
 * @param adamLearningRate η0 of every Adam cell (Demon Adam's m sums gradients without
 * the (1 − β) factor, so 1e-4 here steps like Adam's usual 1e-3)
 * @param betaInit β_init of every schedule
 * @param weightDecay coupled L2 weight decay
 * @param concurrency partitions trained at once, on local threads
 * @param outputDir where the reports and heatmaps are written
 * @param sensitivity the learning rate × β_init grid
 * @param brokerHost with the profile {@code manager}: the address on which the embedded
 * Artemis broker accepts the workers' connections (all of the machine's by default)
 * @param brokerPort with the profile {@code manager}: the port of the embedded Artemis
 * broker the workers connect to, unless {@code spring.artemis.broker-url} names another
 * broker
 * @param pollInterval with the profile {@code manager}: how often the manager reads the
 * cells' statuses from the JobRepository
 */
@ConfigurationProperties("comparison")
public record ComparisonProperties(@DefaultValue( {
        "mlp", "cnn" }) List<ModelKind> models, @DefaultValue({ "sgdm", "adam" }) List<OptimizerType> optimizers,
        @DefaultValue("10") int shortEpochs, @DefaultValue("40") int longEpochs,
        @DefaultValue({ "short", "long" }) List<String> budgets,
        @DefaultValue({ "demon", "constant", "lr-step", "lr-cosine", "lr-linear", "lr-exponential", "lr-one-cycle",
                "lr-plateau", "momentum-linear", "momentum-cosine", "momentum-exponential",
                "momentum-one-cycle" }) List<Method> methods,
        @DefaultValue("3") int seeds, Long trainingSamples, Long validationSamples, @DefaultValue("128") int batchSize,
        @DefaultValue("0.01") float sgdmLearningRate, @DefaultValue("0.0001") float adamLearningRate,
        @DefaultValue("0.9") float betaInit, @DefaultValue("0.0005") float weightDecay,
        @DefaultValue("1") int concurrency, @DefaultValue("target/benchmarks") Path outputDir,
        @DefaultValue Sensitivity sensitivity, @DefaultValue("0.0.0.0") String brokerHost,
        @DefaultValue("61616") int brokerPort, @DefaultValue("1s") Duration pollInterval){

    /**
     * The sensitivity grid: Demon SGDM against SGDM with the step learning-rate schedule,
     * over every learning rate × β_init pair.
     *
     * @param model the model
     * @param epochs epochs of every run
     * @param seeds seeds per pair
     * @param learningRates the η0 axis
     * @param betaInits the β_init axis
     * @param methods the methods compared
     */
    public record Sensitivity(@DefaultValue("mlp") ModelKind model, @DefaultValue("10") int epochs,
            @DefaultValue("2") int seeds, @DefaultValue( {
                    "0.001", "0.003", "0.01", "0.03", "0.1", "0.3" }) List<Float> learningRates,
            @DefaultValue({ "0.5", "0.7", "0.8", "0.9", "0.95", "0.99" }) List<Float> betaInits,
            @DefaultValue({ "demon", "lr-step" }) List<Method> methods){
    }

    /**
     * The learning rate of a setting's optimizer.
     * @param optimizer sgdm or adam
     * @return η0
     */
    public float learningRate(OptimizerType optimizer) {
        return optimizer == OptimizerType.ADAM ? adamLearningRate : sgdmLearningRate;
    }
}
