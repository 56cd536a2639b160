package dev.demon.benchmarks.comparison;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Tells a user who started a manager or a worker without a shared JobRepository which
 * property to set.
 */
public class JobRepositoryNotSharedFailureAnalyzer extends AbstractFailureAnalyzer<JobRepositoryNotSharedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JobRepositoryNotSharedException cause) {
        String description = String.format(
                "The profile %s trains the comparison's cells on several processes, which "
                        + "share one JobRepository: the manager records the cells there and the workers their results. "
                        + "This process's JobRepository is %s, which no other process can reach.",
                cause.getProfile(), cause.getUrl());
        String action = "Start the manager and every worker with the same spring.datasource.url (a PostgreSQL "
                + "database, e.g. jdbc:postgresql://db-host:5432/demon), spring.datasource.username and "
                + "spring.datasource.password.";
        return new FailureAnalysis(description, action, cause);
    }

}
