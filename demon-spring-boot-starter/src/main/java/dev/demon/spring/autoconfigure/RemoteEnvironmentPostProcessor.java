package dev.demon.spring.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import dev.demon.spring.remote.RemoteRole;

/**
 * The environment of a manager or a worker ({@code demon.remote.role}, with
 * {@code demon.enabled=true}):
 * <ul>
 * <li>with {@code spring.artemis.broker-url} set, that broker is the one to use: Spring
 * Boot's Artemis mode becomes {@code native} and no embedded broker starts (Spring Boot
 * would otherwise deduce the embedded mode from the server on the class path);
 * <li>a worker runs no job at start-up ({@code spring.batch.job.enabled=false}), keeps
 * running until stopped ({@code spring.main.keep-alive=true}) and embeds no broker: it
 * connects to {@code spring.artemis.broker-url}, {@code tcp://localhost:61616} unless
 * set;
 * <li>Artemis's audit log, three INFO lines per message, logs at WARN.
 * </ul>
 * Apart from the broker's selection, these are defaults: the application's own settings
 * win.
 */
public class RemoteEnvironmentPostProcessor implements EnvironmentPostProcessor {

    /** Name of the property source that selects an external broker. */
    public static final String PROPERTY_SOURCE_NAME = "demonExternalBroker";

    /** Name of the property source of a manager's or worker's defaults. */
    public static final String DEFAULTS_NAME = "demonRemoteDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        RemoteRole role = binder.bind("demon.remote.role", RemoteRole.class).orElse(RemoteRole.NONE);
        if (!binder.bind("demon.enabled", Boolean.class).orElse(false) || role == RemoteRole.NONE) {
            return;
        }
        if (StringUtils.hasText(environment.getProperty("spring.artemis.broker-url"))) {
            environment.getPropertySources()
                .addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME,
                        Map.of("spring.artemis.mode", "native", "spring.artemis.embedded.enabled", "false")));
        }
        Map<String, Object> defaults = new LinkedHashMap<>();
        // Artemis's audit log writes three INFO lines per message.
        defaults.put("logging.level.org.apache.activemq.audit", "WARN");
        if (role == RemoteRole.WORKER) {
            defaults.put("spring.batch.job.enabled", "false");
            defaults.put("spring.main.keep-alive", "true");
            defaults.put("spring.artemis.mode", "native");
            defaults.put("spring.artemis.embedded.enabled", "false");
        }
        environment.getPropertySources().addLast(new MapPropertySource(DEFAULTS_NAME, defaults));
    }

}
