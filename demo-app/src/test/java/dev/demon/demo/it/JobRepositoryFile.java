package dev.demon.demo.it;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The JobRepository the starter keeps by default, the H2 file database {@code batch}
 * inside {@code demon.checkpoint.dir}, read over JDBC after the app has exited: what a
 * user would find there with any SQL client.
 */
final class JobRepositoryFile {

    /** A row of {@code BATCH_JOB_EXECUTION}. */
    record JobExecutionRow(long id, long instanceId, String status, String exitMessage) {
    }

    /** A row of {@code BATCH_JOB_EXECUTION_PARAMS}: one job parameter of an execution. */
    record JobParameterRow(String name, String value, boolean identifying) {
    }

    /**
     * A row of {@code BATCH_STEP_EXECUTION}; {@code exitCode} and {@code exitMessage} are
     * its {@code ExitStatus}, such as {@code NOOP} and why.
     */
    record StepExecutionRow(long id, long jobExecutionId, String stepName, String status, String exitCode,
            String exitMessage) {
    }

    private final JdbcTemplate jdbc;

    private JobRepositoryFile(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Read-only, and never creating a database that is not there. */
    static JobRepositoryFile in(Path checkpointDir) {
        if (!Files.isRegularFile(checkpointDir.resolve("batch.mv.db"))) {
            throw new IllegalStateException("No H2 JobRepository batch.mv.db in " + checkpointDir);
        }
        String url = "jdbc:h2:file:" + checkpointDir.toAbsolutePath().resolve("batch")
                + ";ACCESS_MODE_DATA=r;IFEXISTS=TRUE";
        return new JobRepositoryFile(new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")));
    }

    /** Every job execution, oldest first. */
    List<JobExecutionRow> jobExecutions() {
        return this.jdbc.query(
                "SELECT JOB_EXECUTION_ID, JOB_INSTANCE_ID, STATUS, EXIT_MESSAGE FROM BATCH_JOB_EXECUTION "
                        + "ORDER BY JOB_EXECUTION_ID",
                (row, index) -> new JobExecutionRow(row.getLong(1), row.getLong(2), row.getString(3),
                        row.getString(4)));
    }

    /** The job parameters of an execution, by name. */
    List<JobParameterRow> jobParameters(long jobExecutionId) {
        return this.jdbc.query(
                "SELECT PARAMETER_NAME, PARAMETER_VALUE, IDENTIFYING FROM BATCH_JOB_EXECUTION_PARAMS "
                        + "WHERE JOB_EXECUTION_ID = ? ORDER BY PARAMETER_NAME",
                (row, index) -> new JobParameterRow(row.getString(1), row.getString(2), "Y".equals(row.getString(3))),
                jobExecutionId);
    }

    /** Every step execution, oldest first. */
    List<StepExecutionRow> stepExecutions() {
        return this.jdbc.query(
                "SELECT STEP_EXECUTION_ID, JOB_EXECUTION_ID, STEP_NAME, STATUS, EXIT_CODE, EXIT_MESSAGE "
                        + "FROM BATCH_STEP_EXECUTION ORDER BY STEP_EXECUTION_ID",
                (row, index) -> new StepExecutionRow(row.getLong(1), row.getLong(2), row.getString(3), row.getString(4),
                        row.getString(5), row.getString(6)));
    }

    /**
     * The execution context a step left, decoded as Spring Batch's default serializer
     * wrote it.
     */
    Map<String, Object> stepContext(long stepExecutionId) throws IOException {
        String serialized = this.jdbc.queryForObject(
                "SELECT COALESCE(SERIALIZED_CONTEXT, SHORT_CONTEXT) "
                        + "FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID = ?",
                String.class, stepExecutionId);
        return new DefaultExecutionContextSerializer()
            .deserialize(new ByteArrayInputStream(serialized.getBytes(StandardCharsets.UTF_8)));
    }

}
