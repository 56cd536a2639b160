package dev.demon.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.lease.LeaseHeldException;
import dev.demon.spring.lease.LeaseHolder;

/**
 * Explains a start refused because another process runs the same job against the same
 * JobRepository: names that process, and says why waiting is the answer rather than
 * starting again.
 */
public class LeaseHeldFailureAnalyzer extends AbstractFailureAnalyzer<LeaseHeldException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, LeaseHeldException cause) {
        LeaseHolder holder = cause.getHolder();
        String description = String.format(
                "Job %s is already running: process %d on host %s holds its lease in the "
                        + "JobRepository since %s. This start left that run alone.",
                cause.getJobName(), holder.pid(), holder.host(), holder.since());
        String action = String.format("Wait for that run to end or stop it, then start the job again. If that process "
                + "is gone without releasing the lease (power loss), the lease expires %d s after its last renewal and "
                + "the next start resumes the run.", cause.getTimeToLive().toSeconds());
        return new FailureAnalysis(description, action, cause);
    }

}
