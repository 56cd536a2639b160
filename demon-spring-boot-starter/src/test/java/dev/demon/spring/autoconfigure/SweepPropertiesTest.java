package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import dev.demon.spring.sweep.SweepDefinition;
import dev.demon.spring.sweep.SweepPruning;
import dev.demon.spring.sweep.SweepSearch;
import dev.demon.spring.training.ModelMonitor;

/**
 * {@code demon.sweeps.<name>.*} binds as a user writes it: a parameter's dotted name is
 * one map key whether its values are indexed or comma separated, and unset properties
 * take their defaults.
 */
class SweepPropertiesTest {

    @Test
    void indexedAndCommaSeparatedParametersBindToTheirDottedName() {
        SweepDefinition definition = bind(
                Map.of("demon.sweeps.x.pipeline", "two-moons", "demon.sweeps.x.parameters.learning-rate.initial[0]",
                        "0.01", "demon.sweeps.x.parameters.learning-rate.initial[1]", "0.1",
                        "demon.sweeps.x.parameters.momentum.schedule", "demon,constant"));
        assertThat(definition.parameters()).containsOnly(Map.entry("learning-rate.initial", List.of("0.01", "0.1")),
                Map.entry("momentum.schedule", List.of("demon", "constant")));
    }

    @Test
    void variantsBindInDeclaredOrderEachSettingUnderItsDottedName() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("demon.sweeps.x.pipeline", "two-moons");
        properties.put("demon.sweeps.x.variants.sgdm-demon.optimizer", "sgdm");
        properties.put("demon.sweeps.x.variants.sgdm-demon.momentum.schedule", "demon");
        properties.put("demon.sweeps.x.variants.adam-cosine.momentum.schedule", "constant");
        properties.put("demon.sweeps.x.variants.adam-cosine.learning-rate.schedule", "cosine");
        SweepDefinition definition = bind(properties);
        assertThat(definition.variants().keySet()).containsExactly("sgdm-demon", "adam-cosine");
        assertThat(definition.variants().get("sgdm-demon")).containsExactly(Map.entry("optimizer", "sgdm"),
                Map.entry("momentum.schedule", "demon"));
        assertThat(definition.variants().get("adam-cosine")).containsExactly(Map.entry("momentum.schedule", "constant"),
                Map.entry("learning-rate.schedule", "cosine"));
    }

    @Test
    void unsetPropertiesTakeTheirDefaults() {
        SweepDefinition definition = bind(Map.of("demon.sweeps.x.pipeline", "two-moons"));
        assertThat(definition).isEqualTo(new SweepDefinition("x", "two-moons", SweepSearch.GRID, null, 0, Map.of(),
                Map.of(), null, SweepPruning.NONE, 1, 5, 1));
    }

    @Test
    void relaxedSpellingsBind() {
        SweepDefinition definition = bind(Map.of("demon.sweeps.x.pipeline", "two-moons", "demon.sweeps.x.search",
                "RANDOM", "demon.sweeps.x.samplingSeed", "9", "demon.sweeps.x.trials", "4",
                "demon.sweeps.x.pruning-warmup-epochs", "2", "demon.sweeps.x.objective", "validation-accuracy"));
        assertThat(definition.search()).isEqualTo(SweepSearch.RANDOM);
        assertThat(definition.samplingSeed()).isEqualTo(9);
        assertThat(definition.trials()).isEqualTo(4);
        assertThat(definition.pruningWarmupEpochs()).isEqualTo(2);
        assertThat(definition.objective()).isEqualTo(ModelMonitor.VALIDATION_ACCURACY);
    }

    private static SweepDefinition bind(Map<String, String> properties) {
        DemonProperties demon = new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("demon",
                DemonProperties.class);
        return demon.sweeps().get("x").definition("x");
    }

}
