package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.demon.spring.sweep.ParameterDomain.LogUniform;
import dev.demon.spring.sweep.ParameterDomain.Uniform;
import dev.demon.spring.sweep.ParameterDomain.Values;

/**
 * A swept parameter as a user writes it under
 * {@code demon.sweeps.<sweep>.parameters.<name>}, after Spring Boot has bound it to a
 * list (a scalar split on its commas).
 */
class ParameterDomainTest {

    private static ParameterDomain parse(String name, String... written) {
        return ParameterDomain.parse("lr", name, List.of(written));
    }

    private static void assertRefused(String name, List<String> written, String message) {
        assertThatExceptionOfType(InvalidSweepException.class)
            .isThrownBy(() -> ParameterDomain.parse("lr", name, written))
            .withMessage(message);
    }

    @Test
    void listIsItsValuesInOrder() {
        assertThat(parse("learning-rate.initial", "0.1", "0.01", "0.03"))
            .isEqualTo(new Values(List.of("0.1", "0.01", "0.03")));
    }

    @Test
    void valuesAreStripped() {
        assertThat(parse("momentum.schedule", " demon", "constant "))
            .isEqualTo(new Values(List.of("demon", "constant")));
    }

    @Test
    void logUniformSplitOnItsCommaIsJoinedAgain() {
        assertThat(parse("learning-rate.initial", "log-uniform(0.001", "0.3)")).isEqualTo(new LogUniform(0.001, 0.3));
    }

    @Test
    void logUniformInOnePieceIsRead() {
        assertThat(parse("learning-rate.initial", "log-uniform(0.001, 0.3)")).isEqualTo(new LogUniform(0.001, 0.3));
    }

    @Test
    void uniformIsReadWithAnySpacing() {
        assertThat(parse("momentum.beta-init", "uniform( 0.1 ,0.9 )")).isEqualTo(new Uniform(0.1, 0.9));
        assertThat(parse("momentum.beta-init", "Uniform(0.1", "0.9)")).isEqualTo(new Uniform(0.1, 0.9));
    }

    @Test
    void equalBoundsAreOneValue() {
        assertThat(parse("weight-decay", "uniform(0.5", "0.5)")).isEqualTo(new Uniform(0.5, 0.5));
    }

    @Test
    void emptyListIsRefused() {
        assertRefused("seed", List.of(),
                "demon.sweeps.lr.parameters.seed = \"\": the list is empty; list at least one value");
    }

    @Test
    void emptyValueIsRefused() {
        assertRefused("seed", List.of("1", "", "3"),
                "demon.sweeps.lr.parameters.seed = \"1, , 3\": a value of the list is empty");
    }

    @Test
    void reversedBoundsAreRefused() {
        assertRefused("learning-rate.initial", List.of("uniform(0.9", "0.1)"),
                "demon.sweeps.lr.parameters.learning-rate.initial = \"uniform(0.9, 0.1)\": "
                        + "the bounds are reversed; write the lower one first");
    }

    @ParameterizedTest
    @ValueSource(strings = { "log-uniform(0, 0.3)", "log-uniform(-0.1, 0.3)" })
    void logUniformBoundNotAboveZeroIsRefused(String written) {
        assertRefused("learning-rate.initial", List.of(written), "demon.sweeps.lr.parameters.learning-rate.initial = \""
                + written + "\": the bounds of log-uniform must be > 0");
    }

    @Test
    void boundThatIsNoNumberIsRefused() {
        assertRefused("weight-decay", List.of("uniform(a", "b)"),
                "demon.sweeps.lr.parameters.weight-decay = \"uniform(a, b)\": the bound \"a\" is not a number");
    }

    @Test
    void infiniteBoundIsRefused() {
        assertRefused("weight-decay", List.of("uniform(0", "Infinity)"),
                "demon.sweeps.lr.parameters.weight-decay = \"uniform(0, Infinity)\": the bounds must be finite numbers");
    }

    @Test
    void distributionWithoutTwoBoundsIsRefused() {
        assertRefused("weight-decay", List.of("uniform(0", "1", "2)"),
                "demon.sweeps.lr.parameters.weight-decay = \"uniform(0, 1, 2)\": "
                        + "a distribution takes two bounds; write uniform(low, high) or log-uniform(low, high)");
    }

    @Test
    void unknownDistributionIsRefused() {
        assertRefused("learning-rate.initial", List.of("normal(0.1", "0.01)"),
                "demon.sweeps.lr.parameters.learning-rate.initial = \"normal(0.1, 0.01)\": "
                        + "normal is no distribution a sweep knows; write uniform(low, high) or log-uniform(low, high)");
    }

    @Test
    void distributionOfASettingThatIsNoFloatIsRefused() {
        assertRefused("seed", List.of("uniform(1", "10)"),
                "demon.sweeps.lr.parameters.seed = \"uniform(1, 10)\": only momentum.beta-init, "
                        + "momentum.decay-start, learning-rate.initial, weight-decay take a distribution; "
                        + "list the values of seed");
    }

    @Test
    void refusalNamesTheFullPropertyTheValueAndTheReason() {
        assertThatExceptionOfType(InvalidSweepException.class)
            .isThrownBy(() -> ParameterDomain.parse("lr", "learning-rate.initial", List.of("uniform(0.9", "0.1)")))
            .satisfies((ex) -> {
                assertThat(ex.getSweep()).isEqualTo("lr");
                assertThat(ex.getProperty()).isEqualTo("demon.sweeps.lr.parameters.learning-rate.initial");
                assertThat(ex.getValue()).isEqualTo("uniform(0.9, 0.1)");
                assertThat(ex.getReason()).isEqualTo("the bounds are reversed; write the lower one first");
            });
    }

}
