package dev.demon.benchmarks.sweep;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.fashionmnist.pipeline.FashionMnistMlp;

/**
 * The application the sweep benchmarks start, as a user's would be: the starter and two
 * pipelines, {@link TwoMoonsMlp} and the demo's {@link FashionMnistMlp}. It declares no
 * sweep and sets no property itself: {@link SweepWorkload} gives every property on the
 * command line, and {@code spring.batch.job.name} chooses the sweep or the pipeline's job
 * that runs at start-up.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ TwoMoonsMlp.class, FashionMnistMlp.class, FashionMnistDatasets.class })
@EnableConfigurationProperties(FashionMnistProperties.class)
public class SweepBenchmarkApplication {

}
