package dev.demon.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.sweep.InvalidSweepException;

/**
 * Explains a sweep refused at start-up, before anything trains: the property of the
 * sweep's definition that cannot work, its value and why.
 */
public class InvalidSweepFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSweepException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidSweepException cause) {
        return new FailureAnalysis(
                String.format("Sweep %s cannot run:%n    %s = \"%s\": %s", cause.getSweep(), cause.getProperty(),
                        cause.getValue(), cause.getReason()),
                String.format("Update your application's configuration:%n    %s %s", cause.getProperty(),
                        cause.getReason()),
                cause);
    }

}
