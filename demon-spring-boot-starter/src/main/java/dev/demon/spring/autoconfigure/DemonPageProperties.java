package dev.demon.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The training page's settings, under {@code demon.page}.
 *
 * @param enabled Whether to serve the training page at /demon (and its JSON at
 * /demon/api/pipelines) in an application with a servlet web server.
 */
@ConfigurationProperties("demon.page")
public record DemonPageProperties(@DefaultValue("true") boolean enabled) {
}
