package dev.demon.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.training.InvalidTrainingSettingException;

/**
 * Explains a start refused because a training setting cannot work for a pipeline, which
 * only the pipeline shows (early stopping's monitor, thresholds and decay epochs,
 * {@link dev.demon.spring.training.EarlyStoppingSettings#checkFor}): the property, its
 * value and what is allowed, as {@link DemonPropertiesFailureAnalyzer} words a value out
 * of range.
 */
public class InvalidTrainingSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTrainingSettingException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidTrainingSettingException cause) {
        String description = String.format("Invalid Demon configuration:%n    %s = \"%s\": %s", cause.getName(),
                cause.getValue(), cause.getReason());
        String action = "Update your application's configuration: " + cause.getName() + " " + cause.getReason() + ".";
        return new FailureAnalysis(description, action, cause);
    }

}
