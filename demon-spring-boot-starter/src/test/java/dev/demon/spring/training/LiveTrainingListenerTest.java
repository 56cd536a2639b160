package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import ai.djl.engine.Engine;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.TranslateException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.demon.optim.DemonSgd;
import dev.demon.optim.ScheduledMomentumOptimizer;
import dev.demon.schedule.DemonSchedule;
import dev.demon.spring.progress.LiveTraining;
import dev.demon.spring.progress.LiveTrainings;
import dev.demon.spring.testing.SyntheticFit;
import dev.demon.spring.testing.SyntheticPipeline;

/**
 * A hand-written DJL loop with {@code optLive} publishes where it stands when it begins,
 * after every batch and every epoch, and when it ends; here without any evaluator, as a
 * user's pipeline may be.
 */
class LiveTrainingListenerTest {

    private static final int EPOCHS = 2;

    private static final long T = (long) EPOCHS * SyntheticPipeline.BATCHES_PER_EPOCH;

    /** Every snapshot published by the one training of the class, in order. */
    private static final List<LiveTraining> published = new ArrayList<>();

    /** The optimizer's own schedule, which every snapshot carries. */
    private static final DemonSchedule schedule = new DemonSchedule(0.9f);

    private static final LiveTrainings live = new LiveTrainings() {
        @Override
        public void publish(LiveTraining training) {
            published.add(training);
            super.publish(training);
        }
    };

    @Test
    void publishesOnBeginEveryBatchEveryEpochAndEnd() {
        // 1 begin + 12 batches + 2 epochs + 1 end.
        assertThat(published).hasSize(1 + (int) T + EPOCHS + 1);
        assertThat(published).extracting(LiveTraining::pipeline).containsOnly("no-evaluators");
        assertThat(published).extracting(LiveTraining::totalUpdates).containsOnly(T);
        assertThat(published).extracting(LiveTraining::optimizer).containsOnly("sgdm");
        assertThat(published).extracting(LiveTraining::schedule).containsOnly(schedule);
        assertThat(published.subList(0, published.size() - 1)).allMatch(LiveTraining::running);
        LiveTraining ended = published.get(published.size() - 1);
        assertThat(ended.running()).isFalse();
        assertThat(ended.updatesDone()).isEqualTo(T);
        assertThat(ended.secondsLeft()).isZero();
        assertThat(ended.momentum()).isEqualTo(new DemonSchedule(0.9f).momentum(T - 1, T));
        assertThat(ended.history()).hasSize(EPOCHS);
        assertThat(live.of("no-evaluators")).contains(ended);
    }

    @Test
    void aBatchIsPublishedBeforeItsUpdateAndAnEpochWithItsSummary() {
        LiveTraining begun = published.get(0);
        assertThat(begun.updatesDone()).isZero();
        assertThat(begun.secondsLeft()).isNull();
        assertThat(begun.epoch()).isEqualTo(1);
        // Batch k (0-based) of epoch 1 is published after its backward pass, before its
        // update.
        for (int k = 0; k < SyntheticPipeline.BATCHES_PER_EPOCH; k++) {
            LiveTraining batch = published.get(1 + k);
            assertThat(batch.updatesDone()).isEqualTo(k);
            assertThat(batch.trainLoss()).isFinite();
            assertThat(batch.trainAccuracy()).isNaN();
        }
        LiveTraining firstEpoch = published.get(1 + SyntheticPipeline.BATCHES_PER_EPOCH);
        assertThat(firstEpoch.updatesDone()).isEqualTo(SyntheticPipeline.BATCHES_PER_EPOCH);
        assertThat(firstEpoch.history()).hasSize(1);
        assertThat(firstEpoch.epoch()).isEqualTo(2);
        assertThat(firstEpoch.secondsLeft()).isPositive();
    }

    @BeforeAll
    static void train() throws IOException, TranslateException {
        Engine.getInstance().setRandomSeed(7);
        ScheduledMomentumOptimizer optimizer = DemonSgd.builder()
            .setLearningRateTracker(Tracker.fixed(0.1f))
            .optMomentumSchedule(schedule)
            .setTotalSteps(T)
            .build();
        DemonTrainingListeners demon = DemonTrainingListeners.builder()
            .setOptimizer(optimizer)
            .setEpochs(EPOCHS)
            .optPipeline("no-evaluators")
            .optLive(live)
            .optLogging(false)
            .build();
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss()).optOptimizer(optimizer)
            .addTrainingListeners(new EvaluatorTrainingListener())
            .addTrainingListeners(demon.toArray());
        try (optimizer) {
            SyntheticFit.fit("live", config, EPOCHS);
        }
    }

}
