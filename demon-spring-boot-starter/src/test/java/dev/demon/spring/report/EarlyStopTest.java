package dev.demon.spring.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The job's exit description says whether the run ended before its planned epochs, and
 * mentions a decay only in the mode that has one.
 */
class EarlyStopTest {

    private static final String REASON = "validation-accuracy did not improve by more than 0.0 in 2 epochs; "
            + "best 0.85 at epoch 2";

    @Test
    void stopDecidedBeforeTheLastEpochEndsTheRunThere() {
        EarlyStop stop = new EarlyStop(3, 3, REASON, "stop", "validation-accuracy", 0.85f, 2, 30, 30);
        assertThat(stop.describe(4)).isEqualTo("Stopped early after epoch 3 of 4 (stop): " + REASON);
    }

    @Test
    void stopDecidedAfterTheLastEpochSaysSoWithoutADecay() {
        EarlyStop stop = new EarlyStop(4, 4, REASON, "stop", "validation-accuracy", 0.85f, 2, 40, 40);
        assertThat(stop.describe(4))
            .isEqualTo("Early stop decided after epoch 4 of 4 (stop), the last planned epoch: " + REASON);
    }

    @Test
    void decayThatTookTheRemainingEpochsRanToThePlannedEnd() {
        EarlyStop stop = new EarlyStop(4, 3, REASON, "decay-then-stop", "validation-accuracy", 0.85f, 2, 30, 40);
        assertThat(stop.describe(4)).isEqualTo(
                "Early stop decided after epoch 3 of 4 (decay-then-stop), its decay ran to the planned end: " + REASON);
    }

}
