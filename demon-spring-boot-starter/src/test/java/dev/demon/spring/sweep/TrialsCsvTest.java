package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * {@code trials.csv} as RFC 4180 writes a table: CRLF rows, a cell quoted when it holds a
 * comma, a quote or a line break, its quotes doubled.
 */
class TrialsCsvTest {

    private static SweepReport report(Map<String, String> parameters, String host) {
        SweepReport.Trial trial = new SweepReport.Trial("trial-0001", parameters, null, "STARTED", 1, null, List.of(),
                null, 0, 0.25, host);
        return new SweepReport("s", "p", "random", "validation-loss", "minimize", "STOPPED", List.of(trial), null, null,
                0);
    }

    @Test
    void cellsHoldingACommaAQuoteOrALineBreakAreQuotedWithTheirQuotesDoubled() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("a", "1,5");
        parameters.put("b", "say \"hi\"");
        parameters.put("c", "two\nlines");

        assertThat(TrialsCsv.of(report(parameters, "plain")).split("\r\n")[1])
            .isEqualTo("trial-0001,\"1,5\",\"say \"\"hi\"\"\",\"two\nlines\",STARTED,1,,,0,0.25,plain");
    }

    @Test
    void aTrialThatHasNotStartedHasEmptyCellsForItsBestEpochObjectiveAndHost() {
        SweepReport.Trial trial = new SweepReport.Trial("trial-0002", Map.of(), null, "STARTING", 0, null, List.of(),
                null, 0, 0, null);
        SweepReport report = new SweepReport("s", "p", "grid", "validation-loss", "minimize", "STOPPED", List.of(trial),
                null, null, 0);

        assertThat(TrialsCsv.of(report)).isEqualTo(
                "trial,status,attempts,best_epoch,best_objective,updates,seconds,host\r\ntrial-0002,STARTING,0,,,0,0.0,\r\n");
    }

}
