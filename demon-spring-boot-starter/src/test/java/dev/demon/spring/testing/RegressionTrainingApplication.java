package dev.demon.spring.testing;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * An application with the starter on the class path and one pipeline,
 * {@link RegressionPipeline}: a regression without evaluators.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RegressionPipeline.class)
public class RegressionTrainingApplication {

}
