package dev.demon.spring.autoconfigure;

import java.sql.SQLException;

import org.h2.api.ErrorCode;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.jspecify.annotations.Nullable;

/**
 * Explains a start-up that finds the default job repository, the H2 database
 * {@code batch} in {@code demon.checkpoint.dir}, locked: another process is running with
 * the same checkpoint folder. H2 opens a file database for one process at a time and
 * reports the others' attempts as error {@link ErrorCode#DATABASE_ALREADY_OPEN_1}
 * ("Database may be already in use"). The lock is what keeps a second process from taking
 * the first one's running execution for a dead one and training over its checkpoints, so
 * the analysis asks to stop one of the two rather than to share the database.
 *
 * <p>
 * Only the starter's own job repository is explained; a locked H2 database the
 * application configured itself is left to Spring Boot's report.
 */
public class CheckpointFolderInUseFailureAnalyzer extends AbstractFailureAnalyzer<SQLException> {

    private final Environment environment;

    /**
     * Creates the analyzer; Spring Boot passes the failed application's environment.
     * @param environment the environment of the application that failed to start
     */
    public CheckpointFolderInUseFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected @Nullable FailureAnalysis analyze(Throwable rootFailure, SQLException cause) {
        if (cause.getErrorCode() != ErrorCode.DATABASE_ALREADY_OPEN_1) {
            return null;
        }
        CheckpointFolder folder = CheckpointFolder.of(environment);
        if (!folder.workspace().jobRepositoryUrl().equals(environment.getProperty("spring.datasource.url"))) {
            return null;
        }
        String description = String.format("The checkpoint folder %s is in use by another process: its job "
                + "repository %s is locked (H2 error %d, \"Database may be already in use\"). The folder comes from %s. "
                + "Only one process at a time can train with a checkpoint folder.", folder.path(),
                folder.workspace().jobRepositoryFile(), cause.getErrorCode(), folder.describeSetting());
        String action = String.format("Stop the other process that uses %s (it may still be training), or start "
                + "this one with another %s.", folder.path(), CheckpointFolder.PROPERTY);
        return new FailureAnalysis(description, action, cause);
    }

}
