package dev.demon.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.fashionmnist.pipeline.FashionMnistCnn;
import dev.demon.fashionmnist.pipeline.FashionMnistMlp;

/**
 * Trains the Fashion-MNIST pipeline named by {@code spring.batch.job.name} at start-up:
 * the two pipelines of the {@code demon-fashion-mnist} library, each a training job.
 *
 * <p>
 * With a web server (the default) the application stays up after the job, serving
 * {@code /actuator/prometheus}; without one
 * ({@code --spring.main.web-application-type=none}) it exits with the job's status: 0
 * when the job COMPLETED, non-zero otherwise, 143 after SIGTERM.
 */
@SpringBootApplication
@Import({ FashionMnistCnn.class, FashionMnistMlp.class, FashionMnistDatasets.class })
@EnableConfigurationProperties(FashionMnistProperties.class)
public class DemoApplication {

    /**
     * @param args Spring Boot command-line arguments, such as
     * {@code --spring.profiles.active=quick}
     */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(DemoApplication.class, args);
        if (!(context instanceof WebServerApplicationContext)) {
            // Spring Boot's idiom: the starter's exit code generator gives the job's
            // status, and leaves a signal's (143 after SIGTERM) alone.
            System.exit(SpringApplication.exit(context));
        }
    }

}
