package dev.demon.benchmarks.serving;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The closed-loop load's bookkeeping: the nearest-rank percentile and failed requests
 * counted as errors, never as answers. No timing is asserted.
 */
class ClosedLoopTest {

    @Test
    void percentileIsTheNearestRank() {
        long[] sorted = { 10, 20, 30, 40, 50, 60, 70, 80, 90, 100 };

        assertThat(ClosedLoop.percentile(sorted, 0.50)).isEqualTo(50);
        assertThat(ClosedLoop.percentile(sorted, 0.99)).isEqualTo(100);
        assertThat(ClosedLoop.percentile(sorted, 0.10)).isEqualTo(10);
    }

    @Test
    void failedRequestsAreCountedAsErrorsAndNotAsAnswers() throws Exception {
        AtomicInteger calls = new AtomicInteger();

        ClosedLoop.Result result = ClosedLoop.run(2, Duration.ofMillis(50), () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("HTTP 503");
        });

        assertThat(result.errors()).isEqualTo(calls.get()).isPositive();
        assertThat(result.requestsPerSecond()).isZero();
    }

}
