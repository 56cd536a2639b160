package dev.demon.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.job.UnknownPipelineException;
import dev.demon.spring.text.EditDistance;

/**
 * Explains a {@code demon.pipelines.<name>} whose name is no {@code @TrainingPipeline}:
 * each such name with the closest pipeline, and the pipelines there are.
 */
public class UnknownPipelineFailureAnalyzer extends AbstractFailureAnalyzer<UnknownPipelineException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnknownPipelineException cause) {
        String pipelines = cause.getPipelines().isEmpty() ? "none" : String.join(", ", cause.getPipelines());
        StringBuilder description = new StringBuilder("Invalid Demon configuration:");
        for (String name : cause.getUnknown()) {
            description.append(
                    String.format("%n    demon.pipelines.%s names no pipeline%s", name, cause.getPipelines().isEmpty()
                            ? "" : "; the closest is " + EditDistance.closest(name, cause.getPipelines())));
        }
        description.append(String.format("%nPipelines: %s.", pipelines));
        String action = "Name one of the pipelines (" + pipelines + ") under demon.pipelines, or remove the settings "
                + "of the others.";
        return new FailureAnalysis(description.toString(), action, cause);
    }

}
