package dev.demon.benchmarks.comparison;

import java.util.Arrays;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.fashionmnist.pipeline.FashionMnistCnn;
import dev.demon.fashionmnist.pipeline.FashionMnistMlp;

/**
 * The application the comparison and sensitivity grids run in, as a user's would be: the
 * starter and the demo's two pipelines, {@code fashion-mnist-mlp} and
 * {@code fashion-mnist-cnn}; every grid is a list of the starter's sweeps
 * ({@code demon.sweeps.*}), declared in {@code comparison-<profile>.yml} with the methods
 * as their variants.
 *
 * <p>
 * Configuration comes from {@code comparison.yml} (not {@code application.yml}, which is
 * the demo's, on the class path too) and {@code comparison-<profile>.yml}: {@code smoke}
 * runs in minutes, {@code medium} is the subset of BENCHMARKS.md, {@code full} the
 * paper's sizes.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ FashionMnistMlp.class, FashionMnistCnn.class, FashionMnistDatasets.class })
@EnableConfigurationProperties({ FashionMnistProperties.class, ComparisonProperties.class })
public class ComparisonApplication {

    /**
     * Runs a grid's sweeps one after the other, then writes its report, and exits with 0
     * when every sweep COMPLETED.
     * @param args the grid ({@code comparison} or {@code sensitivity}), then Spring Boot
     * arguments, e.g. {@code --spring.profiles.active=smoke}
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: ComparisonApplication comparison|sensitivity [--spring.profiles.active=...]");
            System.exit(2);
        }
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        System.setProperty("java.awt.headless", "true");
        boolean completed = new GridRun(args[0], Arrays.copyOfRange(args, 1, args.length)).run();
        System.exit(completed ? 0 : 1);
    }

}
