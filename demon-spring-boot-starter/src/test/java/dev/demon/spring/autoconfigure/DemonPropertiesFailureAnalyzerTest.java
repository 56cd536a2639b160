package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.demon.spring.job.UnfinishedRun;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.training.TrainingSettings;

/**
 * Every bad {@code demon.*} value stops start-up with the property, the value and what is
 * allowed; a {@code demon.*} key that is no property stops it naming the closest one,
 * while relaxed binding's other spellings of the properties are accepted.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemonPropertiesFailureAnalyzerTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DemonAutoConfiguration.class))
        .withPropertyValues("demon.enabled=true");

    static Stream<Arguments> badValues() {
        return Stream.of(Arguments.of("demon.optimizer", "rmsprop", "must be one of sgdm, adam"),
                Arguments.of("demon.momentum.schedule", "quadratic",
                        "must be one of demon, constant, linear, cosine, exponential, one-cycle"),
                Arguments.of("demon.momentum.beta-init", "1", "must be in [0, 1)"),
                Arguments.of("demon.momentum.beta-init", "-0.1", "must be in [0, 1)"),
                Arguments.of("demon.momentum.beta-init", "high", "must be a number, must be in [0, 1)"),
                Arguments.of("demon.momentum.decay-start", "1.5", "must be in [0, 1)"),
                Arguments.of("demon.learning-rate.initial", "0", "must be > 0"),
                Arguments.of("demon.learning-rate.initial", "-0.01", "must be > 0"),
                Arguments.of("demon.learning-rate.schedule", "warmup",
                        "must be one of fixed, step, cosine, linear, exponential, one-cycle, plateau"),
                Arguments.of("demon.learning-rate.plateau-patience", "-1", "must be >= 0"),
                Arguments.of("demon.weight-decay", "-0.0005", "must be >= 0"),
                Arguments.of("demon.epochs", "0", "must be >= 1"),
                Arguments.of("demon.epochs", "ten", "must be an integer, must be >= 1"),
                Arguments.of("demon.batch-size", "0", "must be >= 1"),
                Arguments.of("demon.batch-size", "-32", "must be >= 1"),
                Arguments.of("demon.seed", "random", "must be an integer"),
                Arguments.of("demon.momentum.decay-start", "-0.5", "must be in [0, 1)"),
                Arguments.of("demon.learning-rate.initial", "Infinity", "must be > 0 and finite"),
                Arguments.of("demon.weight-decay", "1e39", "must be >= 0 and finite"),
                Arguments.of("demon.checkpoint.interval", "0s", "must be a positive duration, such as 10m or 30s"),
                Arguments.of("demon.checkpoint.interval", "-5m", "must be a positive duration, such as 10m or 30s"),
                Arguments.of("demon.checkpoint.interval", "soon", "must be a duration, such as 10m or 30s"),
                Arguments.of("demon.lease.time-to-live", "500ms", "must be a duration of at least 1s, such as 30s"),
                misspelt("demon.optimiser", "adam", "demon.optimizer"),
                misspelt("demon.momentum.beta", "0.95", "demon.momentum.beta-init"),
                misspelt("demon.learning-rate.intial", "0.05", "demon.learning-rate.initial"),
                misspelt("demon.epoch", "3", "demon.epochs"),
                misspelt("demon.model.monitr", "validation-loss", "demon.model.monitor"),
                misspelt("demon.checkpoint.directory", "/tmp/x", "demon.checkpoint.dir"),
                Arguments.of("demon.pipelines.two-moons.optimizer", "rmsprop", "must be one of sgdm, adam"),
                Arguments.of("demon.pipelines.two-moons.momentum.schedule", "quadratic",
                        "must be one of demon, constant, linear, cosine, exponential, one-cycle"),
                Arguments.of("demon.pipelines.two-moons.momentum.beta-init", "1", "must be in [0, 1)"),
                Arguments.of("demon.pipelines.two-moons.momentum.decay-start", "-0.5", "must be in [0, 1)"),
                Arguments.of("demon.pipelines.two-moons.learning-rate.initial", "0", "must be > 0 and finite"),
                Arguments.of("demon.pipelines.two-moons.learning-rate.initial", "fast",
                        "must be a number, must be > 0 and finite"),
                Arguments.of("demon.pipelines.two-moons.learning-rate.schedule", "warmup",
                        "must be one of fixed, step, cosine, linear, exponential, one-cycle, plateau"),
                Arguments.of("demon.pipelines.two-moons.weight-decay", "1e39", "must be >= 0 and finite"),
                Arguments.of("demon.pipelines.two-moons.epochs", "0", "must be >= 1"),
                Arguments.of("demon.pipelines.two-moons.batch-size", "-32", "must be >= 1"),
                Arguments.of("demon.pipelines.two-moons.seed", "random", "must be an integer"),
                misspelt("demon.pipelines.two-moons.learning-rat.initial", "0.05",
                        "demon.pipelines.two-moons.learning-rate.initial"),
                misspelt("demon.pipelines.two-moons.optimiser", "adam", "demon.pipelines.two-moons.optimizer"));
    }

    /** A key that is no property, refused naming the closest one. */
    private static Arguments misspelt(String key, String value, String closest) {
        return Arguments.of(key, value, "is not a Demon property; the closest one is " + closest);
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueIsRefusedNamingPropertyValueAndAllowedRange(String property, String value, String allowed) {
        runner.withPropertyValues(property + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = new DemonPropertiesFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).contains(property + " = \"" + value + "\"").contains(allowed);
            assertThat(analysis.getAction()).contains(property + " " + allowed);
        });
    }

    @Test
    void pipelineOverridesBindAsTheirPipelinesTrainingSettings() {
        runner
            .withPropertyValues("demon.pipelines.two-moons.learning-rate.initial=0.05",
                    "demon.pipelines.two-moons.optimizer=adam", "demon.pipelines.two-moons.momentum.beta-init=0.8",
                    "demon.pipelines.two-moons.epochs=3", "demon.pipelines.spirals.learningRate.schedule=cosine",
                    "demon.pipelines.spirals.learning-rate.plateau-patience=2")
            .run(context -> {
                assertThat(context).hasNotFailed();
                Map<String, DemonProperties.PipelineOverrides> pipelines = context.getBean(DemonProperties.class)
                    .pipelines();
                assertThat(pipelines).containsOnlyKeys("two-moons", "spirals");
                assertThat(pipelines.get("two-moons").trainingSettings()).isEqualTo(new TrainingSettings(
                        OptimizerType.ADAM, null, 0.8f, null, 0.05f, null, null, null, 3, null, null));
                assertThat(pipelines.get("spirals").trainingSettings()).isEqualTo(new TrainingSettings(null, null, null,
                        null, null, LearningRateScheduleType.COSINE, 2, null, null, null, null));
            });
    }

    @Test
    void pipelinesAndSweepsAreValidatedWithoutHibernateValidatorsDeprecatedContainerValid(CapturedOutput output) {
        runner.withPropertyValues("demon.pipelines.two-moons.epochs=3", "demon.sweeps.lr.pipeline=two-moons")
            .run(context -> assertThat(context).hasNotFailed());

        assertThat(output).doesNotContain("HV000271");
    }

    @Test
    void relaxedSpellingsOfThePropertiesAreAccepted() {
        runner
            .withPropertyValues("demon.learningRate.initial=0.05", "demon.momentum.betaInit=0.95",
                    "demon.weight_decay=0.001", "demon.unfinishedRun=abandon", "demon.momentum.beta_init=0.95")
            .withInitializer(context -> context.getEnvironment()
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource("environment", Map.of("DEMON_OPTIMIZER", "adam"))))
            .run(context -> {
                assertThat(context).hasNotFailed();
                DemonProperties properties = context.getBean(DemonProperties.class);
                assertThat(properties.optimizer()).isEqualTo(OptimizerType.ADAM);
                assertThat(properties.initialLearningRate()).isEqualTo(0.05f);
                assertThat(properties.momentum().betaInit()).isEqualTo(0.95f);
                assertThat(properties.weightDecay()).isEqualTo(0.001f);
                assertThat(properties.unfinishedRun()).isEqualTo(UnfinishedRun.ABANDON);
            });
    }

}
