package dev.demon.benchmarks.comparison;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * With {@code spring.artemis.broker-url} set, that broker is the one to use: Spring
 * Boot's Artemis mode becomes {@code native} and no embedded broker starts (Spring Boot
 * would otherwise deduce the embedded mode from the server on the class path, which the
 * profile {@code manager} turns on).
 */
public class ExternalBrokerEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** Name of the property source this adds. */
    public static final String PROPERTY_SOURCE_NAME = "comparisonExternalBroker";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (StringUtils.hasText(environment.getProperty("spring.artemis.broker-url"))) {
            environment.getPropertySources()
                .addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
                        Map.of("spring.artemis.mode", "native", "spring.artemis.embedded.enabled", "false")));
        }
    }

}
