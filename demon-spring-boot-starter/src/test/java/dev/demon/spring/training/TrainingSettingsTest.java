package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.MomentumScheduleType;
import dev.demon.spring.optimizer.OptimizerType;

/**
 * Training settings read as a user writes them, layered field by field, written back as
 * they read, and refused by name with the ranges of the global properties.
 */
class TrainingSettingsTest {

    private static final TrainingSettings ALL = new TrainingSettings(OptimizerType.ADAM, MomentumScheduleType.ONE_CYCLE,
            0.95f, 0.25f, 0.003f, LearningRateScheduleType.ONE_CYCLE, 2, 0.0005f, 7, 48, -3);

    @Test
    void namesAreTheGlobalPropertiesRelativeToDemon() {
        assertThat(TrainingSettings.names()).containsExactly("optimizer", "momentum.schedule", "momentum.beta-init",
                "momentum.decay-start", "learning-rate.initial", "learning-rate.schedule",
                "learning-rate.plateau-patience", "weight-decay", "epochs", "batch-size", "seed");
    }

    @Test
    void parseReadsEverySettingAsWritten() {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("optimizer", "adam");
        written.put("momentum.schedule", "one-cycle");
        written.put("momentum.beta-init", "0.95");
        written.put("momentum.decay-start", "0.25");
        written.put("learning-rate.initial", "3e-3");
        written.put("learning-rate.schedule", "ONE_CYCLE");
        written.put("learning-rate.plateau-patience", "2");
        written.put("weight-decay", " 0.0005 ");
        written.put("epochs", "7");
        written.put("batch-size", "48");
        written.put("seed", "-3");
        assertThat(TrainingSettings.parse(written)).isEqualTo(ALL);
    }

    @Test
    void parseLeavesUnwrittenSettingsUnset() {
        assertThat(TrainingSettings.parse(Map.of("learning-rate.initial", "0.03")))
            .isEqualTo(new TrainingSettings(null, null, null, null, 0.03f, null, null, null, null, null, null));
        assertThat(TrainingSettings.parse(Map.of())).isEqualTo(TrainingSettings.NONE);
    }

    @Test
    void parseAcceptsRelaxedSpellingsOfTheNames() {
        assertThat(TrainingSettings.parse(Map.of("learningRate.initial", "0.03", "momentum.beta_init", "0.8")))
            .isEqualTo(new TrainingSettings(null, null, 0.8f, null, 0.03f, null, null, null, null, null, null));
    }

    @Test
    void toPropertiesWritesTheSetOnesInOrderAndParseReadsThemBack() {
        Map<String, String> properties = ALL.toProperties();
        assertThat(properties).containsExactly(Map.entry("optimizer", "adam"),
                Map.entry("momentum.schedule", "one-cycle"), Map.entry("momentum.beta-init", "0.95"),
                Map.entry("momentum.decay-start", "0.25"), Map.entry("learning-rate.initial", "0.003"),
                Map.entry("learning-rate.schedule", "one-cycle"), Map.entry("learning-rate.plateau-patience", "2"),
                Map.entry("weight-decay", "5.0E-4"), Map.entry("epochs", "7"), Map.entry("batch-size", "48"),
                Map.entry("seed", "-3"));
        assertThat(TrainingSettings.parse(properties)).isEqualTo(ALL);
        assertThat(TrainingSettings.NONE.toProperties()).isEmpty();
    }

    @Test
    void orElseTakesEachFieldFromTheFirstThatSetsIt() {
        TrainingSettings trial = new TrainingSettings(null, null, null, null, 0.1f, null, null, null, null, null, 2);
        TrainingSettings pipeline = new TrainingSettings(OptimizerType.ADAM, null, null, null, 0.01f, null, null, null,
                3, null, 1);
        TrainingSettings global = new TrainingSettings(OptimizerType.SGDM, MomentumScheduleType.DEMON, 0.9f, 0f, null,
                LearningRateScheduleType.FIXED, null, 0f, 5, 32, null);
        assertThat(trial.orElse(pipeline).orElse(global)).isEqualTo(new TrainingSettings(OptimizerType.ADAM,
                MomentumScheduleType.DEMON, 0.9f, 0f, 0.1f, LearningRateScheduleType.FIXED, null, 0f, 3, 32, 2));
        assertThat(TrainingSettings.NONE.orElse(global)).isEqualTo(global);
        assertThat(global.orElse(TrainingSettings.NONE)).isEqualTo(global);
    }

    @Test
    void setsMomentumWhenAnyMomentumSettingIsSet() {
        assertThat(TrainingSettings.parse(Map.of("momentum.decay-start", "0.5")).setsMomentum()).isTrue();
        assertThat(TrainingSettings.parse(Map.of("momentum.schedule", "constant")).setsMomentum()).isTrue();
        assertThat(TrainingSettings.parse(Map.of("momentum.beta-init", "0.5")).setsMomentum()).isTrue();
        assertThat(TrainingSettings.parse(Map.of("learning-rate.initial", "0.5", "optimizer", "adam")).setsMomentum())
            .isFalse();
    }

    static Stream<Arguments> badValues() {
        return Stream.of(Arguments.of("optimizer", "rmsprop", "must be one of sgdm, adam"),
                Arguments.of("momentum.schedule", "quadratic",
                        "must be one of demon, constant, linear, cosine, exponential, one-cycle"),
                Arguments.of("momentum.beta-init", "1", "must be in [0, 1)"),
                Arguments.of("momentum.beta-init", "-0.1", "must be in [0, 1)"),
                Arguments.of("momentum.beta-init", "NaN", "must be in [0, 1)"),
                Arguments.of("momentum.beta-init", "high", "must be a number, must be in [0, 1)"),
                Arguments.of("momentum.decay-start", "1.5", "must be in [0, 1)"),
                Arguments.of("learning-rate.initial", "0", "must be > 0 and finite"),
                Arguments.of("learning-rate.initial", "-0.01", "must be > 0 and finite"),
                Arguments.of("learning-rate.initial", "Infinity", "must be > 0 and finite"),
                Arguments.of("learning-rate.schedule", "warmup",
                        "must be one of fixed, step, cosine, linear, exponential, one-cycle, plateau"),
                Arguments.of("learning-rate.plateau-patience", "-1", "must be >= 0"),
                Arguments.of("learning-rate.plateau-patience", "1.5", "must be an integer, must be >= 0"),
                Arguments.of("weight-decay", "-0.0005", "must be >= 0 and finite"),
                Arguments.of("weight-decay", "1e39", "must be >= 0 and finite"),
                Arguments.of("epochs", "0", "must be >= 1"),
                Arguments.of("epochs", "ten", "must be an integer, must be >= 1"),
                Arguments.of("epochs", "2.5", "must be an integer, must be >= 1"),
                Arguments.of("batch-size", "-32", "must be >= 1"),
                Arguments.of("seed", "random", "must be an integer"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("badValues")
    void badValueIsRefusedNamingTheSettingTheValueAndTheRange(String name, String value, String reason) {
        assertThatExceptionOfType(InvalidTrainingSettingException.class)
            .isThrownBy(() -> TrainingSettings.parse(Map.of(name, value)))
            .satisfies(ex -> assertThat(List.of(ex.getName(), ex.getValue(), ex.getReason())).containsExactly(name,
                    value, reason))
            .withMessage(name + " = \"" + value + "\": " + reason);
    }

    @Test
    void unknownNameIsRefusedNamingTheClosestSetting() {
        assertThatExceptionOfType(InvalidTrainingSettingException.class)
            .isThrownBy(() -> TrainingSettings.parse(Map.of("learning-rat.initial", "0.1")))
            .satisfies(ex -> assertThat(List.of(ex.getName(), ex.getValue(), ex.getReason())).containsExactly(
                    "learning-rat.initial", "0.1",
                    "is not a training setting; the closest one is learning-rate.initial"));
    }

    @Test
    void theFirstBadEntryIsTheOneNamed() {
        Map<String, String> written = new LinkedHashMap<>();
        written.put("epochs", "3");
        written.put("batch-size", "0");
        written.put("optimizer", "rmsprop");
        assertThatExceptionOfType(InvalidTrainingSettingException.class)
            .isThrownBy(() -> TrainingSettings.parse(written))
            .satisfies(ex -> assertThat(ex.getName()).isEqualTo("batch-size"));
    }

    @Test
    void aRecordOutOfRangeCannotBeMade() {
        assertThatExceptionOfType(InvalidTrainingSettingException.class)
            .isThrownBy(() -> new TrainingSettings(null, null, null, 1f, null, null, null, null, null, null, null))
            .withMessage("momentum.decay-start = \"1.0\": must be in [0, 1)");
    }

}
