package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;

import ai.djl.Model;
import ai.djl.TrainingDivergedException;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.translate.TranslateException;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.autoconfigure.DemonAutoConfiguration;
import dev.demon.spring.autoconfigure.DemonMetricsAutoConfiguration;
import dev.demon.spring.metrics.TrainingMetrics;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.report.EpochSummary;
import dev.demon.spring.testing.DataFault;
import dev.demon.spring.testing.SyntheticDataset;
import dev.demon.spring.testing.SyntheticPipeline;
import dev.demon.tracker.ReduceOnPlateauTracker;

/**
 * docs/pipelines.md's "Your own training loop": DJL's {@code EasyTrain.fit} with the
 * starter's {@code DemonOptimizerFactory} and {@link DemonTrainingListeners}, in an
 * application with the starter and Prometheus, gets the {@code demon.*} meters, the
 * divergence check and a working plateau schedule.
 */
class HandWrittenLoopTest {

    private static final String PIPELINE = "hand-written";

    private static final int EPOCHS = 4;

    /** 96 records in batches of 16. */
    private static final int BATCHES_PER_EPOCH = SyntheticPipeline.BATCHES_PER_EPOCH;

    private static final long T = (long) EPOCHS * BATCHES_PER_EPOCH;

    private static final String TAGS = "optimizer=\"sgdm\",pipeline=\"" + PIPELINE
            + "\",schedule=\"demon\",sweep=\"\",trial=\"\"";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class, DemonMetricsAutoConfiguration.class,
                MetricsAutoConfiguration.class, PrometheusMetricsExportAutoConfiguration.class))
        .withPropertyValues("demon.enabled=true");

    @Test
    void prometheusShowsTheLoopsMomentumUpdatesAndEpochs() {
        runner.run(context -> {
            ScheduledMomentumOptimizer optimizer = context.getBean(DemonOptimizerFactory.class).create(T);
            train(context, optimizer, DataFault.NONE);

            String scrape = context.getBean(PrometheusMeterRegistry.class).scrape();
            assertThat(scrape)
                .contains("demon_momentum{" + TAGS + "} " + (double) new DemonSchedule(0.9f).momentum(T - 1, T));
            assertThat(scrape).contains("demon_train_updates_total{" + TAGS + "} " + (double) T);
            assertThat(scrape).contains(
                    "demon_train_samples_total{" + TAGS + "} " + (double) EPOCHS * SyntheticPipeline.TRAINING_SAMPLES);
            assertThat(scrape).contains("demon_train_batch_seconds_count{" + TAGS + "} " + T);
            assertThat(scrape).contains("demon_epoch{" + TAGS + "} " + (double) EPOCHS);
            assertThat(scrape).contains("demon_learning_rate{" + TAGS + "} " + (double) 0.01f);
        });
    }

    @Test
    void plateauScheduleReducesTheLearningRateAfterEachEpochWithoutImprovement() {
        runner.run(context -> {
            // Patience 0 and an improvement of 99.9% required: epoch 1 sets the best
            // loss, every later one is bad.
            ReduceOnPlateauTracker plateau = ReduceOnPlateauTracker.builder()
                .setBaseValue(0.1f)
                .optPatience(0)
                .optThreshold(0.999f)
                .build();
            ScheduledMomentumOptimizer optimizer = context.getBean(DemonOptimizerFactory.class).create(T, plateau);

            List<EpochSummary> history = train(context, optimizer, DataFault.NONE);

            // η of each epoch's last update: reduced ×0.1 after epoch 2 and again after
            // epoch 3.
            assertThat(history).extracting(EpochSummary::learningRate)
                .containsExactly(0.1f, 0.1f, 0.1f * 0.1f, 0.1f * 0.1f * 0.1f);
        });
    }

    @Test
    void divergedLossStopsTheLoopNamingEpochBatchAndUpdate() {
        runner.run(context -> {
            ScheduledMomentumOptimizer optimizer = context.getBean(DemonOptimizerFactory.class).create(T);

            assertThatThrownBy(() -> train(context, optimizer, DataFault.inEpoch(DataFault.Kind.NAN, 1)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageMatching("Training of hand-written diverged \\(epoch 1 of 4\\): the loss of batch "
                        + "(\\d) of 6 is NaN at update \\1 of 24");
        });
    }

    /**
     * The loop a user writes: EasyTrain.fit over the synthetic data, the Demon listeners
     * after DJL's.
     */
    private static List<EpochSummary> train(ApplicationContext context, ScheduledMomentumOptimizer optimizer,
            DataFault fault) throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(7);
        RandomAccessDataset training = SyntheticDataset.of(SyntheticPipeline.TRAINING_SAMPLES, 1,
                SyntheticPipeline.BATCH_SIZE, fault);
        RandomAccessDataset validation = SyntheticDataset.of(SyntheticPipeline.VALIDATION_SAMPLES, 2,
                SyntheticPipeline.BATCH_SIZE, DataFault.NONE);
        DemonTrainingListeners demon = DemonTrainingListeners.builder()
            .setOptimizer(optimizer)
            .setEpochs(EPOCHS)
            .optPipeline(PIPELINE)
            .optMetrics(context.getBean(TrainingMetrics.class))
            .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer)
            .addEvaluator(new Accuracy())
            .addTrainingListeners(new EvaluatorTrainingListener())
            .addTrainingListeners(demon.toArray());
        try (optimizer; Model model = Model.newInstance(PIPELINE)) {
            model.setBlock(SyntheticPipeline.newBlock());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(SyntheticPipeline.BATCH_SIZE, SyntheticDataset.FEATURES));
                EasyTrain.fit(trainer, EPOCHS, training, validation);
            }
        }
        return demon.history().history();
    }

}
