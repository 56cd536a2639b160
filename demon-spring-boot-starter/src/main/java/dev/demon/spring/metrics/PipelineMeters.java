package dev.demon.spring.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.jspecify.annotations.Nullable;

import dev.demon.optim.ScheduledMomentumOptimizer;

/**
 * The meters of one training of a pipeline, all tagged {@code pipeline},
 * {@code optimizer}, {@code schedule}, {@code sweep} and {@code trial}: the last two name
 * a sweep's trial and are empty for any other training. The β and η gauges read the
 * optimizer being followed whenever they are scraped, so they always show the latest
 * update; the other gauges read the values last recorded here. The accuracy gauges exist
 * only once {@link #measureAccuracy()} has been called: for a pipeline with an accuracy
 * evaluator.
 *
 * <table>
 * <caption>Meters</caption>
 * <tr>
 * <th>name</th>
 * <th>kind</th>
 * <th>value</th>
 * </tr>
 * <tr>
 * <td>demon.momentum</td>
 * <td>gauge</td>
 * <td>β of the latest update</td>
 * </tr>
 * <tr>
 * <td>demon.learning.rate</td>
 * <td>gauge</td>
 * <td>η of the latest update</td>
 * </tr>
 * <tr>
 * <td>demon.epoch</td>
 * <td>gauge</td>
 * <td>1-based epoch running or last finished</td>
 * </tr>
 * <tr>
 * <td>demon.train.loss, demon.train.accuracy</td>
 * <td>gauges</td>
 * <td>running over the current epoch</td>
 * </tr>
 * <tr>
 * <td>demon.validation.loss, demon.validation.accuracy</td>
 * <td>gauges</td>
 * <td>last finished epoch</td>
 * </tr>
 * <tr>
 * <td>demon.train.updates</td>
 * <td>counter</td>
 * <td>optimizer updates</td>
 * </tr>
 * <tr>
 * <td>demon.train.steps</td>
 * <td>counter</td>
 * <td>the same count under its former name, deprecated, kept for one release</td>
 * </tr>
 * <tr>
 * <td>demon.train.samples</td>
 * <td>counter</td>
 * <td>training samples</td>
 * </tr>
 * <tr>
 * <td>demon.train.batch</td>
 * <td>timer</td>
 * <td>one training batch: forward, backward, update</td>
 * </tr>
 * </table>
 */
public class PipelineMeters {

    private final Tags tags;

    private final List<Counter> updates = new CopyOnWriteArrayList<>();

    private final List<Counter> samples = new CopyOnWriteArrayList<>();

    private final List<Timer> batches = new CopyOnWriteArrayList<>();

    /** Registries bound so far, guarded by this. */
    private final List<MeterRegistry> registries = new ArrayList<>();

    /** Whether the accuracy gauges are registered, guarded by this. */
    private boolean accuracy;

    private volatile @Nullable ScheduledMomentumOptimizer optimizer;

    private volatile double epoch = Double.NaN;

    private volatile double trainLoss = Double.NaN;

    private volatile double trainAccuracy = Double.NaN;

    private volatile double validationLoss = Double.NaN;

    private volatile double validationAccuracy = Double.NaN;

    PipelineMeters(String pipeline, String optimizer, String schedule, String sweep, String trial) {
        this.tags = Tags.of("pipeline", pipeline, "optimizer", optimizer, "schedule", schedule, "sweep", sweep, "trial",
                trial);
    }

    synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        gauge(registry, "demon.momentum", "β of the latest optimizer update",
                m -> m.optimizer != null ? m.optimizer.currentMomentum() : Double.NaN);
        gauge(registry, "demon.learning.rate", "learning rate of the latest optimizer update",
                m -> m.optimizer != null ? m.optimizer.currentLearningRate() : Double.NaN);
        gauge(registry, "demon.epoch", "1-based epoch running or last finished", m -> m.epoch);
        gauge(registry, "demon.train.loss", "training loss, running over the current epoch", m -> m.trainLoss);
        gauge(registry, "demon.validation.loss", "validation loss of the last finished epoch", m -> m.validationLoss);
        if (accuracy) {
            bindAccuracyTo(registry);
        }
        updates
            .add(Counter.builder("demon.train.updates").description("optimizer updates").tags(tags).register(registry));
        // The former name, for dashboards and alerts written against it; removed in the
        // next release.
        updates.add(Counter.builder("demon.train.steps")
            .description("deprecated: optimizer updates, use demon.train.updates")
            .tags(tags)
            .register(registry));
        samples
            .add(Counter.builder("demon.train.samples").description("training samples").tags(tags).register(registry));
        batches.add(Timer.builder("demon.train.batch")
            .description("one training batch: forward, backward, update")
            .tags(tags)
            .register(registry));
    }

    private void bindAccuracyTo(MeterRegistry registry) {
        gauge(registry, "demon.train.accuracy", "training accuracy, running over the current epoch",
                m -> m.trainAccuracy);
        gauge(registry, "demon.validation.accuracy", "validation accuracy of the last finished epoch",
                m -> m.validationAccuracy);
    }

    /**
     * Adds the accuracy gauges, for a pipeline with an accuracy evaluator; a pipeline
     * without one exports no accuracy rather than a gauge that always reads NaN.
     */
    public synchronized void measureAccuracy() {
        if (!accuracy) {
            accuracy = true;
            registries.forEach(this::bindAccuracyTo);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description,
            ToDoubleFunction<PipelineMeters> value) {
        Gauge.builder(name, this, value).description(description).tags(tags).strongReference(true).register(registry);
    }

    /**
     * Makes the β and η gauges read this optimizer from now on.
     * @param optimizer the optimizer of the running training
     */
    public void follow(ScheduledMomentumOptimizer optimizer) {
        this.optimizer = optimizer;
    }

    /**
     * Records the epoch running or last finished.
     * @param epoch 1-based, 0 before the first
     */
    public void epoch(int epoch) {
        this.epoch = epoch;
    }

    /**
     * Records one trained batch.
     * @param duration how long the batch took
     * @param batchSize samples in the batch
     * @param runningLoss training loss over the epoch so far
     * @param runningAccuracy training accuracy over the epoch so far
     */
    public void batchTrained(Duration duration, long batchSize, float runningLoss, float runningAccuracy) {
        batches.forEach(timer -> timer.record(duration));
        updates.forEach(Counter::increment);
        samples.forEach(counter -> counter.increment(batchSize));
        trainLoss = runningLoss;
        trainAccuracy = runningAccuracy;
    }

    /**
     * Records the validation results of the last finished epoch.
     * @param loss validation loss
     * @param accuracy validation accuracy
     */
    public void validated(float loss, float accuracy) {
        validationLoss = loss;
        validationAccuracy = accuracy;
    }

}
