package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.lease.LeaseHolder;

/**
 * A start refused because another process holds the job's lease names that process and
 * says when the lease of a process that is gone expires.
 */
class LeaseHeldFailureAnalyzerTest {

    private final FailureAnalysis analysis = new LeaseHeldFailureAnalyzer().analyze(
            new IllegalStateException("Failed to execute ApplicationRunner", new LeaseHeldException("fashion-mnist-mlp",
                    new LeaseHolder("build-7", 4242, Instant.parse("2026-12-01T08:30:00Z")), Duration.ofSeconds(30))));

    @Test
    void descriptionNamesTheHolderHostPidAndSince() {
        assertThat(this.analysis.getDescription()).isEqualTo("Job fashion-mnist-mlp is already running: process 4242 "
                + "on host build-7 holds its lease in the JobRepository since 2026-12-01T08:30:00Z. This start left "
                + "that run alone.");
    }

    @Test
    void actionIsToWaitAndGivesTheTimeToLive() {
        assertThat(this.analysis.getAction()).isEqualTo("Wait for that run to end or stop it, then start the job "
                + "again. If that process is gone without releasing the lease (power loss), the lease expires 30 s "
                + "after its last renewal and the next start resumes the run.");
    }

}
