package dev.demon.spring.sweep;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * An application with the starter on the class path and one pipeline,
 * {@link SweptRegression}, whose sweeps the tests declare in properties.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(SweptRegression.class)
public class SweepApplication {

}
