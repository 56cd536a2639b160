package dev.demon.demo.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;

/**
 * The JobRepository the starter keeps by default, the H2 file database {@code batch} inside
 * {@code demon.checkpoint.dir}, read with plain JDBC after the app has exited: what a user would
 * find there with any SQL client.
 */
final class JobRepositoryFile {

    /** A row of {@code BATCH_JOB_EXECUTION}. */
    record JobExecutionRow(long id, long instanceId, String status, String exitMessage) {
    }

    /** A row of {@code BATCH_STEP_EXECUTION}. */
    record StepExecutionRow(long id, long jobExecutionId, String stepName, String status, String exitMessage) {
    }

    private final Path checkpointDir;

    private JobRepositoryFile(Path checkpointDir) {
        this.checkpointDir = checkpointDir;
    }

    static JobRepositoryFile in(Path checkpointDir) {
        if (!Files.isRegularFile(checkpointDir.resolve("batch.mv.db"))) {
            throw new IllegalStateException("No H2 JobRepository batch.mv.db in " + checkpointDir);
        }
        return new JobRepositoryFile(checkpointDir);
    }

    /** Every job execution, oldest first. */
    List<JobExecutionRow> jobExecutions() throws SQLException {
        List<JobExecutionRow> rows = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT JOB_EXECUTION_ID, JOB_INSTANCE_ID, STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION "
                                + "ORDER BY JOB_EXECUTION_ID");
                ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.add(new JobExecutionRow(result.getLong(1), result.getLong(2), result.getString(3),
                        result.getString(4)));
            }
        }
        return rows;
    }

    /** Every step execution, oldest first. */
    List<StepExecutionRow> stepExecutions() throws SQLException {
        List<StepExecutionRow> rows = new ArrayList<>();
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT STEP_EXECUTION_ID, JOB_EXECUTION_ID, STEP_NAME, STATUS, EXIT_MESSAGE "
                                + "FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID");
                ResultSet result = query.executeQuery()) {
            while (result.next()) {
                rows.add(new StepExecutionRow(result.getLong(1), result.getLong(2), result.getString(3),
                        result.getString(4), result.getString(5)));
            }
        }
        return rows;
    }

    /** The execution context a step left, decoded as Spring Batch's default serializer wrote it. */
    Map<String, Object> stepContext(long stepExecutionId) throws SQLException, IOException {
        try (Connection connection = connect();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT COALESCE(SERIALIZED_CONTEXT, SHORT_CONTEXT) FROM BATCH_STEP_EXECUTION_CONTEXT "
                                + "WHERE STEP_EXECUTION_ID = ?")) {
            query.setLong(1, stepExecutionId);
            try (ResultSet result = query.executeQuery()) {
                if (!result.next()) {
                    throw new IllegalStateException("Step execution " + stepExecutionId + " has no context");
                }
                byte[] serialized = result.getString(1).getBytes(StandardCharsets.UTF_8);
                return new DefaultExecutionContextSerializer().deserialize(new ByteArrayInputStream(serialized));
            }
        }
    }

    /** Read-only, and never creating a database that is not there. */
    private Connection connect() throws SQLException {
        String url = "jdbc:h2:file:" + this.checkpointDir.toAbsolutePath().resolve("batch")
                + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        return DriverManager.getConnection(url, "sa", "");
    }
}
