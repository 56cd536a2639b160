package dev.demon.benchmarks.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A side process writes its sweep's trial steps for the benchmark to read.
 */
class TrialStepTest {

    @TempDir
    Path folder;

    @Test
    void trialStepsAreReadAsWritten() throws Exception {
        List<TrialStep> trials = List.of(new TrialStep("trial-0001", 0.125, 17.5),
                new TrialStep("trial-0002", 17.75, 16.25));

        TrialStep.writeTo(folder.resolve("trials.txt"), trials);

        assertThat(TrialStep.readFrom(folder.resolve("trials.txt"))).isEqualTo(trials);
        assertThat(trials.get(1).endSecond()).isEqualTo(34);
    }

}
