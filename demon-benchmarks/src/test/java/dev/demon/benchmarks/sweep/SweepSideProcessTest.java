package dev.demon.benchmarks.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * A side's own Spring Boot arguments replace the workload's values of the same properties
 * rather than being joined to them.
 */
class SweepSideProcessTest {

    @Test
    void moreArgumentsReplaceTheWorkloadsValuesOfTheSameProperty() {
        List<String> arguments = SweepSideProcess.overridden(
                List.of("--demon.enabled=true", "--demon.checkpoint.dir=side/sweep", "--demon.epochs=16"),
                List.of("--demon.checkpoint.dir=shared", "--demon.remote.role=worker", "--debug"));

        assertThat(arguments).containsExactly("--demon.enabled=true", "--demon.epochs=16",
                "--demon.checkpoint.dir=shared", "--demon.remote.role=worker", "--debug");
    }

}
