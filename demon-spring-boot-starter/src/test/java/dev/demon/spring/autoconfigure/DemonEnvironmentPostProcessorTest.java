package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import dev.demon.spring.testing.WorkingDirectory;
import dev.demon.spring.training.EngineUnavailableException;

class DemonEnvironmentPostProcessorTest {

    /**
     * An environment without {@code DJL_OFFLINE}, whose user chose MXNet's threads, so
     * that the post-processor leaves this JVM's engine settings alone.
     */
    private static final Map<String, String> NO_DJL_OFFLINE = Map.of("OMP_NUM_THREADS", "2");

    private final DemonEnvironmentPostProcessor postProcessor = new DemonEnvironmentPostProcessor(Supplier::get);

    /**
     * The checkpoint folder: the post-processor creates it, and the default would be
     * created in the module.
     */
    @TempDir
    Path folder;

    /** The starter on, with the checkpoint folder in this test's temporary folder. */
    private MockEnvironment enabled() {
        return new MockEnvironment().withProperty("demon.enabled", "true")
            .withProperty("demon.checkpoint.dir", folder.toString());
    }

    @Test
    void aStartUpSweepTrainsItsConcurrencyAtOnce() {
        MockEnvironment environment = enabled().withProperty("spring.batch.job.name", "mlp-lr")
            .withProperty("demon.sweeps.mlp-lr.concurrency", "2");
        assertThat(DemonEnvironmentPostProcessor.trainingsAtOnce(Binder.get(environment))).isEqualTo(2);
    }

    @Test
    void aStartUpPipelineJobTrainsOneModelAtOnce() {
        MockEnvironment environment = enabled().withProperty("spring.batch.job.name", "mlp")
            .withProperty("demon.sweeps.mlp-lr.concurrency", "2");
        assertThat(DemonEnvironmentPostProcessor.trainingsAtOnce(Binder.get(environment))).isEqualTo(1);
    }

    @Test
    void addsNothingWhenTheStarterIsOff() {
        MockEnvironment environment = new MockEnvironment();
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getPropertySources().contains(DemonEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
            .isFalse();
    }

    @Test
    void exposesOnlyHealthInfoAndPrometheus() {
        MockEnvironment environment = enabled();
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
            .isEqualTo("health,info,prometheus");
        assertThat(environment.getProperty("spring.h2.console.enabled")).isEqualTo("false");
    }

    @Test
    void jobRepositoryDefaultsToAnH2FileDatabaseInTheCheckpointFolder() {
        // A relative folder, such as ../../tmp/junit123/somewhere, is resolved against
        // the working directory.
        Path somewhere = WorkingDirectory.relativePathTo(folder.resolve("somewhere"));
        MockEnvironment environment = new MockEnvironment().withProperty("demon.enabled", "true")
            .withProperty("demon.checkpoint.dir", somewhere.toString());
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        Path expected = somewhere.toAbsolutePath().normalize().resolve("batch");
        assertThat(environment.getProperty("spring.datasource.url"))
            .isEqualTo("jdbc:h2:file:" + expected + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        assertThat(environment.getProperty("spring.batch.jdbc.initialize-schema")).isEqualTo("always");
    }

    @Test
    void applicationDataSourceReplacesTheDefaultDatabase() {
        MockEnvironment environment = enabled().withProperty("spring.datasource.url", "jdbc:postgresql://db/batch");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/batch");
        assertThat(environment.getProperty("spring.batch.jdbc.initialize-schema")).isNull();
    }

    @Test
    void applicationSettingsWinOverTheDefaults() {
        MockEnvironment environment = enabled().withProperty("management.endpoints.web.exposure.include", "*");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("*");
    }

    @Test
    void springBatchLogsNoParameterMapsAtInfo() {
        MockEnvironment environment = enabled();
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment
            .getProperty("logging.level.org.springframework.batch.core.launch.support.TaskExecutorJobLauncher"))
            .isEqualTo("warn");
        assertThat(environment
            .getProperty("logging.level.org.springframework.batch.core.launch.support.TaskExecutorJobOperator"))
            .isEqualTo("warn");
    }

    @Test
    void applicationLogLevelsWinOverTheStartersQuietSpringBatch() {
        MockEnvironment environment = enabled().withProperty(
                "logging.level.org.springframework.batch.core.launch.support.TaskExecutorJobLauncher", "info");
        postProcessor.postProcessEnvironment(environment, new SpringApplication());
        assertThat(environment
            .getProperty("logging.level.org.springframework.batch.core.launch.support.TaskExecutorJobLauncher"))
            .isEqualTo("info");
    }

    @Test
    void enabledThatIsNotABooleanStopsStartUpNamingTheProperty() {
        MockEnvironment environment = new MockEnvironment().withProperty("demon.enabled", "yes please");
        BindException failure = org.assertj.core.api.Assertions.catchThrowableOfType(BindException.class,
                () -> postProcessor.postProcessEnvironment(environment, new SpringApplication()));
        FailureAnalysis analysis = new DemonPropertiesFailureAnalyzer().analyze(failure);
        assertThat(analysis.getDescription()).contains("demon.enabled = \"yes please\"")
            .contains("must be true or false");
    }

    @Test
    void turnsDjlOfflineWhenTheJvmDoesNotSay() {
        String before = System.clearProperty("ai.djl.offline");
        try {
            new DemonEnvironmentPostProcessor(NO_DJL_OFFLINE::get,
                    LogFactory.getLog(DemonEnvironmentPostProcessorTest.class))
                .postProcessEnvironment(enabled(), new SpringApplication());
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        }
        finally {
            restore(before);
        }
    }

    @Test
    void keepsTheJvmsOwnDjlOfflineSetting() {
        String before = System.setProperty("ai.djl.offline", "false");
        try {
            new DemonEnvironmentPostProcessor(NO_DJL_OFFLINE::get,
                    LogFactory.getLog(DemonEnvironmentPostProcessorTest.class))
                .postProcessEnvironment(enabled(), new SpringApplication());
            assertThat(System.getProperty("ai.djl.offline")).isEqualTo("false");
        }
        finally {
            restore(before);
        }
    }

    @Test
    void makesTheSelectedEngineDjlsDefault() {
        String before = System.setProperty("ai.djl.default_engine", "PyTorch");
        try {
            postProcessor.postProcessEnvironment(enabled().withProperty("demon.engine", "mxnet"),
                    new SpringApplication());
            assertThat(System.getProperty("ai.djl.default_engine")).isEqualTo("MXNet");
        }
        finally {
            restore("ai.djl.default_engine", before);
        }
    }

    @Test
    void engineNotOnTheClassPathStopsStartUpNamingThoseThatAre() {
        // The starter's tests have MXNet only.
        assertThatExceptionOfType(EngineUnavailableException.class)
            .isThrownBy(() -> postProcessor.postProcessEnvironment(enabled().withProperty("demon.engine", "pytorch"),
                    new SpringApplication()))
            .satisfies(ex -> {
                assertThat(ex.getEngineName()).isEqualTo("PyTorch");
                assertThat(ex.getAvailable()).containsExactly("MXNet");
            });
    }

    private static void restore(String offline) {
        restore("ai.djl.offline", offline);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        }
        else {
            System.setProperty(property, value);
        }
    }

}
