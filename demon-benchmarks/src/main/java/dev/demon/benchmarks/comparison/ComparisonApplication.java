package dev.demon.benchmarks.comparison;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Runs the comparison or the sensitivity job
 * ({@code spring.batch.job.name=demon-comparison} or {@code demon-sensitivity}) and exits
 * with 0 when it COMPLETED.
 *
 * <p>
 * Configuration comes from {@code comparison.yml} (not {@code application.yml}, which is
 * the demo's, on the class path too) and {@code comparison-<profile>.yml}; the
 * {@code smoke} profile runs a small grid in minutes. Started again after a failure or a
 * crash, it resumes the job.
 */
@SpringBootApplication
@EnableConfigurationProperties(ComparisonProperties.class)
public class ComparisonApplication {

    /**
     * @param args Spring Boot arguments, e.g. {@code --spring.profiles.active=smoke}
     */
    public static void main(String[] args) {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("java.awt.headless", "true");
        System.exit(SpringApplication
            .exit(new SpringApplicationBuilder(ComparisonApplication.class).properties("spring.config.name=comparison")
                .run(args)));
    }

}
