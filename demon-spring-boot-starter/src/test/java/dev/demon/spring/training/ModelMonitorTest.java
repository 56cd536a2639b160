package dev.demon.spring.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.demon.spring.report.EpochSummary;

/** Which epoch {@code demon.model.monitor} picks. */
class ModelMonitorTest {

    private static final List<EpochSummary> HISTORY = List.of(epoch(1, 0.9f, 0.70f), epoch(2, 0.5f, 0.80f),
            epoch(3, 0.6f, 0.80f), epoch(4, 0.4f, 0.75f));

    private static EpochSummary epoch(int epoch, float validationLoss, float validationAccuracy) {
        return new EpochSummary(epoch, 1f, 0.5f, validationLoss, validationAccuracy, 0.9f, 0.01f, 100);
    }

    @Test
    void validationAccuracyPicksTheHighestAndTheEarlierOnATie() {
        assertThat(ModelMonitor.VALIDATION_ACCURACY.best(HISTORY)).get().extracting(EpochSummary::epoch).isEqualTo(2);
    }

    @Test
    void validationLossPicksTheLowest() {
        assertThat(ModelMonitor.VALIDATION_LOSS.best(HISTORY)).get().extracting(EpochSummary::epoch).isEqualTo(4);
    }

    @Test
    void noEpochHasNoBest() {
        assertThat(ModelMonitor.VALIDATION_LOSS.best(List.of())).isEmpty();
    }

}
