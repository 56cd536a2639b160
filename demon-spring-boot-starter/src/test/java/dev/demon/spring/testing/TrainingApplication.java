package dev.demon.spring.testing;

/**
 * An application {@link TrainingRun} starts, and the one pipeline it trains.
 *
 * @param type the application class
 * @param pipeline the pipeline's name, which is its job's
 */
public record TrainingApplication(Class<?> type, String pipeline) {

    /** {@link SyntheticTrainingApplication}: a classifier with an accuracy. */
    public static final TrainingApplication SYNTHETIC = new TrainingApplication(SyntheticTrainingApplication.class,
            SyntheticPipeline.NAME);

    /** {@link RegressionTrainingApplication}: a regression without evaluators. */
    public static final TrainingApplication REGRESSION = new TrainingApplication(RegressionTrainingApplication.class,
            RegressionPipeline.NAME);

}
