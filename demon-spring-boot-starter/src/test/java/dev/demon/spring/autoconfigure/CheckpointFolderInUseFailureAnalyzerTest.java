package dev.demon.spring.autoconfigure;

import java.util.function.Supplier;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.batch.autoconfigure.BatchAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.demon.spring.testing.SyntheticTrainingApplication;

/**
 * A second start on a checkpoint folder another process is using. The other process is
 * played by an exclusive lock on the job repository's file, which is what H2 holds while
 * a process has the database open; H2 then refuses to open it with "Database may be
 * already in use", as it does for a second process.
 */
@ExtendWith(OutputCaptureExtension.class)
class CheckpointFolderInUseFailureAnalyzerTest {

    /** The checkpoint folder, absolute. */
    @TempDir
    Path folder;

    private final AtomicReference<ConfigurableEnvironment> environment = new AtomicReference<>();

    /**
     * Spring Batch on JDBC, with the environment the starter prepares for
     * {@code demon.checkpoint.dir}.
     */
    private ApplicationContextRunner contexts() {
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
                    DataSourceTransactionManagerAutoConfiguration.class, BatchJdbcAutoConfiguration.class,
                    BatchAutoConfiguration.class))
            .withPropertyValues("demon.enabled=true", "demon.checkpoint.dir=" + folder)
            .withInitializer(context -> {
                new DemonEnvironmentPostProcessor(Supplier::get).postProcessEnvironment(context.getEnvironment(),
                        new SpringApplication());
                environment.set(context.getEnvironment());
            });
    }

    /**
     * Creates an H2 database and locks its file as an open H2 database does, until the
     * channel is closed.
     */
    private FileChannel openElsewhere(String database) throws IOException, SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + folder.resolve(database), "sa",
                "")) {
            connection.createStatement().execute("CREATE TABLE T (ID INT)");
        }
        FileChannel file = FileChannel.open(folder.resolve(database + ".mv.db"), StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        file.lock();
        return file;
    }

    @Test
    void lockedJobRepositoryIsExplainedAsTheFolderInUse() throws Exception {
        try (FileChannel held = openElsewhere("batch")) {
            contexts().run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new CheckpointFolderInUseFailureAnalyzer(environment.get())
                    .analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).isEqualTo("The checkpoint folder " + folder + " is in use by "
                        + "another process: its job repository " + folder.resolve("batch.mv.db") + " is locked (H2 "
                        + "error 90020, \"Database may be already in use\"). The folder comes from demon.checkpoint.dir = \""
                        + folder + "\" (\"demon.checkpoint.dir\" from property source \"test\"). Only one process at a "
                        + "time can train with a checkpoint folder.");
                assertThat(analysis.getAction()).isEqualTo("Stop the other process that uses " + folder
                        + " (it may still be training), or start this one with another demon.checkpoint.dir.");
            });
        }
    }

    @Test
    void lockedDatabaseTheApplicationConfiguredIsLeftToSpringBoot() throws Exception {
        try (FileChannel held = openElsewhere("own")) {
            contexts().withPropertyValues("spring.datasource.url=jdbc:h2:file:" + folder.resolve("own"))
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(new CheckpointFolderInUseFailureAnalyzer(environment.get())
                        .analyze(context.getStartupFailure())).isNull();
                });
        }
    }

    @Test
    void secondStartFailsWithTheAnalysisAndTrainsNothing(CapturedOutput output) throws Exception {
        try (FileChannel held = openElsewhere("batch")) {
            assertThatException().isThrownBy(
                    () -> new SpringApplicationBuilder(SyntheticTrainingApplication.class).web(WebApplicationType.NONE)
                        .run("--demon.enabled=true", "--demon.checkpoint.dir=" + folder));
        }
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("The checkpoint folder " + folder + " is in use by another process")
            .contains("Stop the other process that uses " + folder)
            .doesNotContain("Executing step");
        assertThat(folder.resolve("synthetic")).doesNotExist();
    }

}
