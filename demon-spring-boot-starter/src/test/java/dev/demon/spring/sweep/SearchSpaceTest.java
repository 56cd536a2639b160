package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The trials a sweep's parameters make: the grid's cartesian product in declared order,
 * and random draws that a sampling seed repeats.
 */
class SearchSpaceTest {

    /**
     * The parameters in the order given: name, written values, name, written values...
     */
    private static SearchSpace space(Object... namesAndValues) {
        Map<String, List<String>> written = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            written.put((String) namesAndValues[i], Arrays.asList((String[]) namesAndValues[i + 1]));
        }
        return SearchSpace.parse("lr", written);
    }

    private static String[] values(String... values) {
        return values;
    }

    private static void assertRefused(Runnable definition, String message) {
        assertThatExceptionOfType(InvalidSweepException.class).isThrownBy(definition::run).withMessage(message);
    }

    @Test
    void gridIsTheCartesianProductWithTheFirstParameterSlowest() {
        SearchSpace space = space("momentum.schedule", values("demon", "constant"), "learning-rate.initial",
                values("0.01", "0.03", "0.1"));
        assertThat(space.grid()).containsExactly(Map.of("momentum.schedule", "demon", "learning-rate.initial", "0.01"),
                Map.of("momentum.schedule", "demon", "learning-rate.initial", "0.03"),
                Map.of("momentum.schedule", "demon", "learning-rate.initial", "0.1"),
                Map.of("momentum.schedule", "constant", "learning-rate.initial", "0.01"),
                Map.of("momentum.schedule", "constant", "learning-rate.initial", "0.03"),
                Map.of("momentum.schedule", "constant", "learning-rate.initial", "0.1"));
    }

    @Test
    void trialsKeepTheDeclaredOrderOfParameters() {
        SearchSpace space = space("seed", values("1"), "momentum.schedule", values("demon"), "epochs", values("2"));
        assertThat(space.grid().get(0).keySet()).containsExactly("seed", "momentum.schedule", "epochs");
        assertThat(space.random(1, 0).get(0).keySet()).containsExactly("seed", "momentum.schedule", "epochs");
    }

    @Test
    void gridSizeIsTheProductOfTheLists() {
        assertThat(space("seed", values("1", "2", "3"), "momentum.schedule", values("demon", "constant")).gridSize())
            .isEqualTo(6);
    }

    @Test
    void gridSizeBeyondLongIsLongMaxValue() {
        String[] thousand = new String[1000];
        Arrays.fill(thousand, "1");
        Object[] definition = new Object[14];
        for (int i = 0; i < 7; i++) {
            definition[2 * i] = "parameter-" + i;
            definition[2 * i + 1] = thousand;
        }
        assertThat(space(definition).gridSize()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void gridOfTenThousandTrialsIsAccepted() {
        assertThat(space("seed", hundred(), "batch-size", hundred()).grid()).hasSize(10_000);
    }

    @Test
    void gridOfMoreThanTenThousandTrialsIsRefused() {
        SearchSpace space = space("seed", hundred(), "batch-size", hundred(), "momentum.schedule",
                values("demon", "constant"));
        assertRefused(space::grid, "demon.sweeps.lr.parameters = \"100 x 100 x 2 values\": "
                + "a grid of 20000 trials is more than the 10000 a sweep may have");
    }

    private static String[] hundred() {
        String[] values = new String[100];
        for (int i = 0; i < 100; i++) {
            values[i] = String.valueOf(i + 1);
        }
        return values;
    }

    @Test
    void distributionInAGridIsRefused() {
        SearchSpace space = space("seed", values("1", "2"), "learning-rate.initial",
                values("log-uniform(0.001", "0.3)"));
        assertRefused(space::grid, "demon.sweeps.lr.parameters.learning-rate.initial = \"log-uniform(0.001, 0.3)\": "
                + "a distribution is for random search; a grid lists the values");
        assertRefused(space::gridSize,
                "demon.sweeps.lr.parameters.learning-rate.initial = \"log-uniform(0.001, 0.3)\": "
                        + "a distribution is for random search; a grid lists the values");
    }

    @Test
    void sweepWithoutParametersIsRefused() {
        assertRefused(() -> SearchSpace.parse("lr", Map.of()),
                "demon.sweeps.lr.parameters = \"\": a sweep needs at least one parameter");
    }

    @Test
    void firstUnreadableParameterIsRefusedByName() {
        assertRefused(() -> space("seed", values("1"), "weight-decay", values()),
                "demon.sweeps.lr.parameters.weight-decay = \"\": the list is empty; list at least one value");
    }

    private static SearchSpace mixed() {
        return space("learning-rate.initial", values("log-uniform(0.001", "0.3)"), "momentum.beta-init",
                values("uniform(0.5", "0.95)"), "momentum.schedule", values("demon", "constant"));
    }

    @Test
    void randomTrialsAreTheSameForTheSameSeed() {
        assertThat(mixed().random(20, 7)).isEqualTo(mixed().random(20, 7));
    }

    @Test
    void randomTrialsDifferForAnotherSeed() {
        assertThat(mixed().random(20, 7)).isNotEqualTo(mixed().random(20, 8));
    }

    /**
     * {@link SplittableRandom}'s sequence is specified, so these draws are the same in
     * every JVM. Per trial, in declared order: u1 for the learning rate, exp(log 0.001 +
     * (log 0.3 - log 0.001) u1); u2 for beta, 0.5 + 0.45 u2; an index of the two
     * schedules.
     */
    @Test
    void randomTrialsOfSeedSevenAreTheseDraws() {
        assertThat(mixed().random(3, 7)).containsExactly(
                Map.of("learning-rate.initial", "0.00923965", "momentum.beta-init", "0.5075547", "momentum.schedule",
                        "constant"),
                Map.of("learning-rate.initial", "0.02779643", "momentum.beta-init", "0.70359886", "momentum.schedule",
                        "constant"),
                Map.of("learning-rate.initial", "0.01442701", "momentum.beta-init", "0.6476345", "momentum.schedule",
                        "demon"));
    }

    @Test
    void randomTrialsAreAsManyAsAsked() {
        assertThat(mixed().random(37, 0)).hasSize(37);
    }

    @Test
    void uniformDrawsStayWithinTheBoundsAsFloats() {
        List<Float> drawn = floats(space("momentum.beta-init", values("uniform(0.1", "0.9)")).random(1000, 7),
                "momentum.beta-init");
        assertThat(drawn).allSatisfy((value) -> assertThat(value).isBetween(0.1f, 0.9f));
        assertThat(Collections.min(drawn)).isLessThan(0.11f);
        assertThat(Collections.max(drawn)).isGreaterThan(0.89f);
    }

    @Test
    void logUniformDrawsStayWithinTheBoundsAsFloats() {
        List<Float> drawn = floats(space("learning-rate.initial", values("log-uniform(0.001", "0.3)")).random(1000, 7),
                "learning-rate.initial");
        assertThat(drawn).allSatisfy((value) -> assertThat(value).isBetween(0.001f, 0.3f));
    }

    /**
     * Uniform in the logarithm: the median of the draws is near the geometric mean of the
     * bounds, sqrt(0.001 * 0.3) = 0.0173, where a uniform draw's would be near 0.15.
     */
    @Test
    void logUniformMedianIsNearTheGeometricMean() {
        List<Float> drawn = floats(
                space("learning-rate.initial", values("log-uniform(0.001", "0.3)")).random(10_000, 7),
                "learning-rate.initial");
        Collections.sort(drawn);
        double median = (drawn.get(4999) + drawn.get(5000)) / 2.0;
        assertThat(median).isBetween(0.0173 / 1.1, 0.0173 * 1.1);
    }

    @Test
    void drawnFloatsAreWrittenAsFloatToStringReadsThemBack() {
        for (Map<String, String> trial : mixed().random(1000, 7)) {
            String written = trial.get("learning-rate.initial");
            assertThat(Float.toString(Float.parseFloat(written))).isEqualTo(written);
        }
    }

    @Test
    void listedValuesAreDrawnUniformly() {
        long demon = mixed().random(1000, 7)
            .stream()
            .filter((trial) -> trial.get("momentum.schedule").equals("demon"))
            .count();
        assertThat(demon).isBetween(450L, 550L);
    }

    @Test
    void equalBoundsDrawTheirValue() {
        assertThat(space("weight-decay", values("uniform(0.5", "0.5)")).random(3, 7))
            .containsOnly(Map.of("weight-decay", "0.5"));
    }

    @Test
    void randomSearchWithoutTrialsIsRefused() {
        assertRefused(() -> mixed().random(null, 7),
                "demon.sweeps.lr.trials = \"\": random search needs the number of trials");
    }

    @Test
    void randomSearchWithFewerThanOneTrialIsRefused() {
        assertRefused(() -> mixed().random(0, 7), "demon.sweeps.lr.trials = \"0\": must be >= 1 and <= 10000");
    }

    @Test
    void randomSearchWithMoreThanTenThousandTrialsIsRefused() {
        assertRefused(() -> mixed().random(10_001, 7), "demon.sweeps.lr.trials = \"10001\": must be >= 1 and <= 10000");
    }

    private static List<Float> floats(List<Map<String, String>> trials, String name) {
        return trials.stream()
            .map((trial) -> Float.valueOf(trial.get(name)))
            .collect(Collectors.toCollection(ArrayList::new));
    }

}
