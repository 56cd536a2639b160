package dev.demon.spring.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The meters of one training job, all tagged {@code pipeline}, {@code optimizer} and
 * {@code schedule}. They are registered once, when the job first runs, and updated after every
 * batch; the gauges read the values this object holds.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>kind</th><th>value</th></tr>
 *   <tr><td>demon.momentum</td><td>gauge</td><td>β of the latest update</td></tr>
 *   <tr><td>demon.learning.rate</td><td>gauge</td><td>η of the latest update</td></tr>
 *   <tr><td>demon.epoch</td><td>gauge</td><td>1-based epoch running or last finished</td></tr>
 *   <tr><td>demon.train.loss, demon.train.accuracy</td><td>gauges</td><td>running over the current epoch</td></tr>
 *   <tr><td>demon.validation.loss, demon.validation.accuracy</td><td>gauges</td><td>last finished epoch</td></tr>
 *   <tr><td>demon.train.steps</td><td>counter</td><td>optimizer updates</td></tr>
 *   <tr><td>demon.train.samples</td><td>counter</td><td>training samples</td></tr>
 *   <tr><td>demon.train.batch</td><td>timer</td><td>one training batch: forward, backward, update</td></tr>
 * </table>
 */
public class TrainingMeters {

    private final MeterRegistry registry;
    private final Tags tags;
    private final AtomicBoolean registered = new AtomicBoolean();

    private volatile double momentum = Double.NaN;
    private volatile double learningRate = Double.NaN;
    private volatile double epoch = Double.NaN;
    private volatile double trainLoss = Double.NaN;
    private volatile double trainAccuracy = Double.NaN;
    private volatile double validationLoss = Double.NaN;
    private volatile double validationAccuracy = Double.NaN;

    private Counter steps;
    private Counter samples;
    private Timer batches;

    /**
     * Creates the meters of a job; nothing is registered before {@link #register()}.
     *
     * @param registry where to register
     * @param pipeline the job's name
     * @param optimizer sgdm or adam
     * @param schedule the momentum schedule's name
     */
    public TrainingMeters(MeterRegistry registry, String pipeline, String optimizer, String schedule) {
        this.registry = registry;
        this.tags = Tags.of("pipeline", pipeline, "optimizer", optimizer, "schedule", schedule);
    }

    /** Registers the meters; later calls do nothing. */
    public void register() {
        if (!registered.compareAndSet(false, true)) {
            return;
        }
        gauge("demon.momentum", "β of the latest optimizer update", m -> m.momentum);
        gauge("demon.learning.rate", "learning rate of the latest optimizer update", m -> m.learningRate);
        gauge("demon.epoch", "1-based epoch running or last finished", m -> m.epoch);
        gauge("demon.train.loss", "training loss, running over the current epoch", m -> m.trainLoss);
        gauge("demon.train.accuracy", "training accuracy, running over the current epoch", m -> m.trainAccuracy);
        gauge("demon.validation.loss", "validation loss of the last finished epoch", m -> m.validationLoss);
        gauge("demon.validation.accuracy", "validation accuracy of the last finished epoch",
                m -> m.validationAccuracy);
        steps = Counter.builder("demon.train.steps").description("optimizer updates").tags(tags).register(registry);
        samples = Counter.builder("demon.train.samples").description("training samples").tags(tags)
                .register(registry);
        batches = Timer.builder("demon.train.batch").description("one training batch: forward, backward, update")
                .tags(tags).register(registry);
    }

    private void gauge(String name, String description, java.util.function.ToDoubleFunction<TrainingMeters> value) {
        Gauge.builder(name, this, value).description(description).tags(tags).strongReference(true)
                .register(registry);
    }

    /**
     * Records one trained batch.
     *
     * @param duration forward, backward and update
     * @param batchSize samples in the batch
     * @param beta β of the update
     * @param eta η of the update
     * @param runningLoss training loss over the epoch so far
     * @param runningAccuracy training accuracy over the epoch so far
     */
    public void batchTrained(Duration duration, long batchSize, float beta, float eta, float runningLoss,
            float runningAccuracy) {
        batches.record(duration);
        steps.increment();
        samples.increment(batchSize);
        momentum = beta;
        learningRate = eta;
        trainLoss = runningLoss;
        trainAccuracy = runningAccuracy;
    }

    /**
     * Records that an epoch starts.
     *
     * @param epoch the 1-based epoch
     */
    public void epochStarted(int epoch) {
        this.epoch = epoch;
    }

    /**
     * Records the state a run starts from: β and η of the last update before it (restored from a
     * checkpoint) and the last finished epoch's validation results.
     *
     * @param beta β
     * @param eta η
     * @param epoch the last finished epoch, 0 for none
     * @param loss its validation loss
     * @param accuracy its validation accuracy
     */
    public void restored(float beta, float eta, int epoch, float loss, float accuracy) {
        momentum = beta;
        learningRate = eta;
        this.epoch = epoch;
        validationLoss = loss;
        validationAccuracy = accuracy;
    }

    /**
     * Records the validation results of the epoch that just finished.
     *
     * @param loss validation loss
     * @param accuracy validation accuracy
     */
    public void validated(float loss, float accuracy) {
        validationLoss = loss;
        validationAccuracy = accuracy;
    }
}
