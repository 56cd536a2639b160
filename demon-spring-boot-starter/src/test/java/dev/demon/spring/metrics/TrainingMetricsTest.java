package dev.demon.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The tags of the training meters: a pipeline's own training has empty {@code sweep} and
 * {@code trial} tags, a sweep's trial has its sweep's name and its key, so that both are
 * exported side by side under the same names.
 */
class TrainingMetricsTest {

    private static final List<String> METERS = List.of("demon.momentum", "demon.learning.rate", "demon.epoch",
            "demon.train.loss", "demon.train.accuracy", "demon.validation.loss", "demon.validation.accuracy",
            "demon.train.updates", "demon.train.steps", "demon.train.samples", "demon.train.batch");

    private static List<Tag> tagsOf(MeterRegistry registry, String name) {
        return registry.get(name).meters().stream().map(Meter::getId).flatMap(id -> id.getTags().stream()).toList();
    }

    @Test
    void aPipelinesOwnTrainingHasEmptySweepAndTrialTagsOnEveryMeter() {
        MeterRegistry registry = new SimpleMeterRegistry();
        TrainingMetrics metrics = new TrainingMetrics();
        metrics.bindTo(registry);

        metrics.forPipeline("mlp", "sgdm", "demon").measureAccuracy();

        for (String name : METERS) {
            assertThat(tagsOf(registry, name)).as(name)
                .containsExactlyElementsOf(
                        Tags.of("optimizer", "sgdm", "pipeline", "mlp", "schedule", "demon", "sweep", "", "trial", ""));
        }
    }

    @Test
    void aTrialHasItsSweepAndItsKeyOnEveryMeter() {
        MeterRegistry registry = new SimpleMeterRegistry();
        TrainingMetrics metrics = new TrainingMetrics();
        metrics.bindTo(registry);

        metrics.forTrial("mlp", "adam", "constant", "mlp-lr", "trial-0003").measureAccuracy();

        for (String name : METERS) {
            assertThat(tagsOf(registry, name)).as(name)
                .containsExactlyElementsOf(Tags.of("optimizer", "adam", "pipeline", "mlp", "schedule", "constant",
                        "sweep", "mlp-lr", "trial", "trial-0003"));
        }
    }

    @Test
    void theSameTagsGiveTheSameMetersAndEachTrialItsOwn() {
        TrainingMetrics metrics = new TrainingMetrics();

        assertThat(metrics.forPipeline("mlp", "sgdm", "demon")).isSameAs(metrics.forPipeline("mlp", "sgdm", "demon"))
            .isSameAs(metrics.forTrial("mlp", "sgdm", "demon", "", ""));
        assertThat(metrics.forTrial("mlp", "sgdm", "demon", "lr", "trial-0001"))
            .isSameAs(metrics.forTrial("mlp", "sgdm", "demon", "lr", "trial-0001"))
            .isNotSameAs(metrics.forTrial("mlp", "sgdm", "demon", "lr", "trial-0002"))
            .isNotSameAs(metrics.forPipeline("mlp", "sgdm", "demon"));
    }

    @Test
    void prometheusExportsAPipelinesOwnTrainingAndATrialUnderTheSameNames() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        TrainingMetrics metrics = new TrainingMetrics();
        metrics.bindTo(registry);

        metrics.forPipeline("mlp", "sgdm", "demon").batchTrained(Duration.ofMillis(5), 32, 0.5f, 0.75f);
        PipelineMeters trial = metrics.forTrial("mlp", "sgdm", "demon", "lr", "trial-0001");
        trial.batchTrained(Duration.ofMillis(5), 16, 0.25f, 0.5f);
        trial.batchTrained(Duration.ofMillis(5), 16, 0.125f, 0.5f);

        String plain = "{optimizer=\"sgdm\",pipeline=\"mlp\",schedule=\"demon\",sweep=\"\",trial=\"\"}";
        String ofTrial = "{optimizer=\"sgdm\",pipeline=\"mlp\",schedule=\"demon\",sweep=\"lr\",trial=\"trial-0001\"}";
        assertThat(registry.scrape()).contains("demon_train_updates_total" + plain + " 1.0\n")
            .contains("demon_train_updates_total" + ofTrial + " 2.0\n")
            .contains("demon_train_steps_total" + plain + " 1.0\n")
            .contains("demon_train_steps_total" + ofTrial + " 2.0\n")
            .contains("demon_train_samples_total" + plain + " 32.0\n")
            .contains("demon_train_samples_total" + ofTrial + " 32.0\n")
            .contains("demon_train_loss" + plain + " 0.5\n")
            .contains("demon_train_loss" + ofTrial + " 0.125\n")
            .contains("demon_train_batch_seconds_count" + plain + " 1\n")
            .contains("demon_train_batch_seconds_count" + ofTrial + " 2\n");
    }

}
