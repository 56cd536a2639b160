package dev.demon.spring.training;

/**
 * Thrown at start-up when the monitor that picks a pipeline's best model cannot work for
 * it: a monitor that is not one of {@link ModelMonitor}'s, or {@code validation-accuracy}
 * for a pipeline without an accuracy evaluator ({@link AccuracyEvaluator}), whose best
 * model it could never tell.
 */
public class MonitorUnavailableException extends RuntimeException {

    private final String pipeline;

    private final String monitor;

    private final String source;

    private final String reason;

    /**
     * Creates the exception.
     * @param pipeline the pipeline's name
     * @param monitor the monitor as written
     * @param source where it was set: {@code @TrainingPipeline(monitor)} or
     * {@code demon.model.monitor}
     * @param reason why it cannot work, a sentence without its full stop
     */
    public MonitorUnavailableException(String pipeline, String monitor, String source, String reason) {
        super("Pipeline " + pipeline + " cannot pick its best model by \"" + monitor + "\" (" + source + "): "
                + reason);
        this.pipeline = pipeline;
        this.monitor = monitor;
        this.source = source;
        this.reason = reason;
    }

    /**
     * Returns the pipeline.
     * @return its name
     */
    public String getPipeline() {
        return pipeline;
    }

    /**
     * Returns the monitor as written.
     * @return the monitor
     */
    public String getMonitor() {
        return monitor;
    }

    /**
     * Returns where the monitor was set.
     * @return {@code @TrainingPipeline(monitor)} or {@code demon.model.monitor}
     */
    public String getSource() {
        return source;
    }

    /**
     * Returns why the monitor cannot work for the pipeline.
     * @return a sentence without its full stop
     */
    public String getReason() {
        return reason;
    }

}
