package dev.demon.benchmarks.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The scale benchmark's figures of one side, from the trial steps the JobRepository
 * recorded and the process that trained each.
 */
class ScaleSideTest {

    private static final LoadAverage LOAD = new LoadAverage(1, 1, 1);

    /**
     * A 16-second sweep of 4 trials on two workers: worker-1 trains trial-0001 (1 to 5 s)
     * and trial-0003 (5.5 to 9.5 s), worker-2 trial-0002 (1.5 to 6.5 s) and trial-0004
     * (7.25 to 13 s).
     */
    private final ScaleSide twoWorkers = new ScaleSide("manager + 2 workers", new SideResult(16, 20, 18.75, 4),
            List.of(new TrialStep("trial-0001", 1, 4), new TrialStep("trial-0002", 1.5, 5),
                    new TrialStep("trial-0003", 5.5, 4), new TrialStep("trial-0004", 7.25, 5.75)),
            Map.of("trial-0001", "worker-1", "trial-0002", "worker-2", "trial-0003", "worker-1", "trial-0004",
                    "worker-2"),
            LOAD, LOAD);

    @Test
    void theSweepHasATimeBeforeItsFirstTrialAndAfterItsLast() {
        assertThat(twoWorkers.beforeFirstTrial()).isEqualTo(1);
        assertThat(twoWorkers.afterLastTrial()).isEqualTo(3);
    }

    @Test
    void eachProcessIsBusyForItsOwnTrialStepsOverTheSweep() {
        assertThat(twoWorkers.processes()).containsExactly("worker-1", "worker-2");
        assertThat(twoWorkers.busyFraction("worker-1")).isEqualTo(0.5);
        assertThat(twoWorkers.busyFraction("worker-2")).isEqualTo(0.671875);
    }

    @Test
    void gapsLieBetweenOneProcesssConsecutiveTrials() {
        assertThat(twoWorkers.gapsBetweenTrials()).containsExactly(0.5, 0.75);
    }

    @Test
    void theSteadyTimePerTrialLeavesOutTheTimeBeforeTheFirstAndAfterTheLastTrial() {
        ScaleSide oneProcess = new ScaleSide("one process", new SideResult(8, 10, 6, 2),
                List.of(new TrialStep("trial-0001", 0.5, 3), new TrialStep("trial-0002", 3.75, 3)),
                Map.of("trial-0001", "sweep", "trial-0002", "sweep"), LOAD, LOAD);

        assertThat(oneProcess.steadySecondsPerTrial()).isEqualTo((8 - 0.5 - 1.25) / 2);
        assertThat(oneProcess.trialSeconds().median()).isEqualTo(3);
    }

}
