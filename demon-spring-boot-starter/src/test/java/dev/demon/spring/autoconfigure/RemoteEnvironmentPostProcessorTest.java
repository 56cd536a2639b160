package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * The environment of a manager and of a worker: {@code spring.artemis.broker-url} selects
 * that broker over an embedded one, and a worker runs no job and keeps running.
 */
class RemoteEnvironmentPostProcessorTest {

    @Test
    void aBrokerUrlTurnsTheEmbeddedBrokerOffAndTheNativeModeOn() {
        StandardEnvironment environment = process(Map.of("demon.enabled", "true", "demon.remote.role", "manager",
                "spring.artemis.broker-url", "tcp://broker-host:61616", "spring.artemis.embedded.enabled", "true"));

        assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.artemis.mode")).isEqualTo("native");
    }

    @Test
    void aManagerWithoutABrokerUrlKeepsTheEmbeddedBroker() {
        StandardEnvironment environment = process(Map.of("demon.enabled", "true", "demon.remote.role", "manager",
                "spring.artemis.embedded.enabled", "true"));

        assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("true");
        assertThat(environment.getPropertySources().contains(RemoteEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
            .isFalse();
    }

    @Test
    void aWorkerRunsNoJobKeepsRunningAndEmbedsNoBroker() {
        StandardEnvironment environment = process(Map.of("demon.enabled", "true", "demon.remote.role", "worker"));

        assertThat(environment.getProperty("spring.batch.job.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.main.keep-alive")).isEqualTo("true");
        assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.artemis.mode")).isEqualTo("native");
    }

    @Test
    void aWorkersOwnSettingsWin() {
        StandardEnvironment environment = process(
                Map.of("demon.enabled", "true", "demon.remote.role", "worker", "spring.main.keep-alive", "false"));

        assertThat(environment.getProperty("spring.main.keep-alive")).isEqualTo("false");
    }

    @Test
    void withoutARoleNothingChanges() {
        StandardEnvironment environment = process(
                Map.of("demon.enabled", "true", "spring.artemis.broker-url", "tcp://broker-host:61616"));

        assertThat(environment.getProperty("spring.artemis.mode")).isNull();
        assertThat(environment.getProperty("spring.batch.job.enabled")).isNull();
    }

    private static StandardEnvironment process(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("application", properties));
        new RemoteEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

}
