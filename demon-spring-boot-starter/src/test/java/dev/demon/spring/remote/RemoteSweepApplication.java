package dev.demon.spring.remote;

import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.loss.Loss;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.testing.RegressionDataset;

/**
 * The application the remote sweep tests start as a manager and as workers, in JVMs of
 * their own: one pipeline, {@link Regression}, a 4-32-32-1 MLP fitting 1 000 synthetic
 * rows in 125 updates per epoch (a second or more on a busy machine), whose sweeps the
 * tests declare in properties. A manager exits when its sweep has ended, with the sweep's
 * exit code; a worker runs until stopped.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(RemoteSweepApplication.Regression.class)
public class RemoteSweepApplication {

    /**
     * Starts the application.
     * @param args Spring Boot arguments
     */
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(RemoteSweepApplication.class, args);
        if (!"worker".equals(context.getEnvironment().getProperty("demon.remote.role"))) {
            System.exit(SpringApplication.exit(context));
        }
    }

    /** The swept pipeline. */
    @TrainingPipeline(name = Regression.NAME, epochs = 4, batchSize = 8)
    public static class Regression implements PipelineDefinition {

        /** The pipeline's name. */
        public static final String NAME = "remote-regression";

        private static final int TRAINING_SAMPLES = 1000;

        private static final int VALIDATION_SAMPLES = 200;

        @Override
        public Block model() {
            return new SequentialBlock().add(Linear.builder().setUnits(32).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(32).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(1).build());
        }

        @Override
        public RandomAccessDataset trainingSet(int batchSize) {
            return RegressionDataset.of(TRAINING_SAMPLES, 11, batchSize);
        }

        @Override
        public RandomAccessDataset validationSet(int batchSize) {
            return RegressionDataset.of(VALIDATION_SAMPLES, 12, batchSize);
        }

        @Override
        public Loss loss() {
            return Loss.l2Loss();
        }

    }

}
