package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * What counts as a change between the configuration a run recorded and a new start's.
 */
class ConfigurationChangeTest {

    @Test
    void differingValueIsAChangeWithBothValues() {
        assertThat(ConfigurationChange.between(Map.of("demon.batch-size", "16"), Map.of("demon.batch-size", "32")))
            .containsExactly(new ConfigurationChange("demon.batch-size", "16", "32"));
    }

    @Test
    void scheduleParameterThatTheScheduleInForceDoesNotHaveIsNotCompared() {
        // A constant-momentum run recorded by an earlier version wrote
        // demon.momentum.decay-start
        // for it.
        assertThat(ConfigurationChange.between(
                Map.of("demon.momentum.schedule", "constant", "demon.momentum.decay-start", "0.0"),
                Map.of("demon.momentum.schedule", "constant", "demon.momentum.decay-start", "none")))
            .isEmpty();
    }

    @Test
    void seedThatIsNoLongerSetIsAChange() {
        assertThat(ConfigurationChange.between(Map.of("demon.seed", "7"), Map.of("demon.seed", "none")))
            .containsExactly(new ConfigurationChange("demon.seed", "7", "none"));
    }

    @Test
    void scheduleParameterThatTheScheduleInForceHasIsCompared() {
        assertThat(ConfigurationChange.between(Map.of("demon.momentum.beta-init", "none"),
                Map.of("demon.momentum.beta-init", "0.9")))
            .containsExactly(new ConfigurationChange("demon.momentum.beta-init", "none", "0.9"));
    }

}
