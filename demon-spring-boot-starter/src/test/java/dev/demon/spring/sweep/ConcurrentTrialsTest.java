package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;

/**
 * Trials trained side by side in one process ({@code concurrency: 2}) end with the
 * figures they end with one at a time: a seeded trial draws its batch order from a
 * generator of its own, not from one the process shares, so another trial's reseeding
 * cannot change it.
 */
class ConcurrentTrialsTest {

    private static final String GRID = """
                  parameters:
                    learning-rate.initial: [0.01, 0.02, 0.03, 0.04]
            """;

    @TempDir
    static Path oneAtATime;

    @TempDir
    static Path twoAtATime;

    private static SweepRun sequential;

    private static SweepRun concurrent;

    @BeforeAll
    static void sweepTheGridTwice() throws IOException {
        sequential = SweepRun.start(oneAtATime, SweepRun.yaml(oneAtATime, GRID));
        concurrent = SweepRun.start(twoAtATime, SweepRun.yaml(twoAtATime, GRID + "      concurrency: 2\n"));
    }

    @Test
    void bothSweepsComplete() {
        assertThat(sequential.status()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(concurrent.status()).isEqualTo(BatchStatus.COMPLETED);
    }

    @Test
    void everyTrialTrainedTwoAtATimeHasTheObjectivesItHasAlone() {
        assertThat(objectives(concurrent)).hasSize(4).isEqualTo(objectives(sequential));
    }

    private static Map<String, List<Double>> objectives(SweepRun run) {
        return run.trials()
            .keySet()
            .stream()
            .collect(Collectors.toMap(trial -> trial, trial -> run.progress(trial).objectives()));
    }

}
