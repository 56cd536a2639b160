package dev.demon.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.training.ModelMonitor;
import dev.demon.spring.training.MonitorUnavailableException;

/**
 * Explains a start refused because a pipeline's best model cannot be picked the way its
 * monitor says: which pipeline, which monitor and where it was set, and the ways on
 * (monitor the validation loss for that pipeline, or give it an accuracy evaluator).
 */
public class MonitorUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<MonitorUnavailableException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MonitorUnavailableException cause) {
        String description = String.format("Pipeline %s cannot pick its best model by %s = \"%s\": %s.",
                cause.getPipeline(), cause.getSource(), cause.getMonitor(), cause.getReason());
        String action = String.format(
                "Set @TrainingPipeline(name = \"%s\", monitor = \"validation-loss\") on the pipeline%s, or return an "
                        + "ai.djl.training.evaluator.Accuracy among its evaluators() if it is a classifier.",
                cause.getPipeline(),
                ModelMonitor.PROPERTY.equals(cause.getSource()) ? " (it overrides " + ModelMonitor.PROPERTY + ")" : "");
        return new FailureAnalysis(description, action, cause);
    }

}
