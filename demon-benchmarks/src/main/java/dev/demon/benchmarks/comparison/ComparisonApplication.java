package dev.demon.benchmarks.comparison;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the comparison or the sensitivity job
 * ({@code spring.batch.job.name=demon-comparison} or {@code demon-sensitivity}) and exits
 * with 0 when it COMPLETED.
 *
 * <p>
 * Configuration comes from {@code comparison.yml} (not {@code application.yml}, which is
 * the demo's, on the class path too) and {@code comparison-<profile>.yml}; the
 * {@code smoke} profile runs a small grid in minutes. Started again after a failure or a
 * crash, it resumes the job. With the profile {@code manager} the cells are trained by
 * processes started with the profile {@code worker}, on any machines.
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
        ConfigurableApplicationContext context = new SpringApplicationBuilder(ComparisonApplication.class)
            .properties("spring.config.name=comparison")
            .run(args);
        if (context.getEnvironment().matchesProfiles(WorkerConfiguration.PROFILE)) {
            // A worker serves cells until it is stopped.
            return;
        }
        System.exit(SpringApplication.exit(context));
    }

}
