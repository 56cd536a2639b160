package dev.demon.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.remote.JobRepositoryNotSharedException;

/**
 * Tells a user who started a manager or a worker without a shared JobRepository which
 * property to set.
 */
public class JobRepositoryNotSharedFailureAnalyzer extends AbstractFailureAnalyzer<JobRepositoryNotSharedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, JobRepositoryNotSharedException cause) {
        String description = String.format("With demon.remote.role=%s a sweep's trials are trained by several "
                + "processes, which share one JobRepository: the manager records the trials there and the workers "
                + "their results. This process's JobRepository is %s, which no other process can reach.",
                cause.getRole().name().toLowerCase(java.util.Locale.ROOT), cause.getUrl());
        String action = "Start the manager and every worker with the same spring.datasource.url (a PostgreSQL "
                + "database, e.g. jdbc:postgresql://db-host:5432/demon), spring.datasource.username and "
                + "spring.datasource.password.";
        return new FailureAnalysis(description, action, cause);
    }

}
