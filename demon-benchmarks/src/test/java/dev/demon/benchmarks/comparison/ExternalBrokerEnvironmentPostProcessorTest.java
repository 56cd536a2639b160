package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * {@code spring.artemis.broker-url} selects that broker over the embedded one the profile
 * {@code manager} turns on.
 */
class ExternalBrokerEnvironmentPostProcessorTest {

    @Test
    void aBrokerUrlTurnsTheEmbeddedBrokerOffAndTheNativeModeOn() {
        StandardEnvironment environment = environment(Map.of("spring.artemis.broker-url", "tcp://broker-host:61616",
                "spring.artemis.embedded.enabled", "true"));

        new ExternalBrokerEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("false");
        assertThat(environment.getProperty("spring.artemis.mode")).isEqualTo("native");
    }

    @Test
    void withoutABrokerUrlTheEmbeddedBrokerStays() {
        StandardEnvironment environment = environment(Map.of("spring.artemis.embedded.enabled", "true"));

        new ExternalBrokerEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

        assertThat(environment.getProperty("spring.artemis.embedded.enabled")).isEqualTo("true");
        assertThat(
                environment.getPropertySources().contains(ExternalBrokerEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
            .isFalse();
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("profile", properties));
        return environment;
    }

}
