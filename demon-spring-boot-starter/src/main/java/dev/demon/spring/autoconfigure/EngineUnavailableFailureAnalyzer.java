package dev.demon.spring.autoconfigure;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.training.EngineType;
import dev.demon.spring.training.EngineUnavailableException;

/**
 * Explains a start refused because the engine to train on is not on the class path: which
 * engine, which engines are there, and the two ways on (select one of those with
 * {@code demon.engine}, or add the missing engine's artefacts).
 */
public class EngineUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<EngineUnavailableException> {

    private static final String ARTEFACTS = "MXNet: ai.djl.mxnet:mxnet-engine and ai.djl.mxnet:mxnet-native-mkl "
            + "(classifier linux-x86_64); PyTorch: ai.djl.pytorch:pytorch-engine, ai.djl.pytorch:pytorch-jni and "
            + "ai.djl.pytorch:pytorch-native-cpu (classifier linux-x86_64)";

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EngineUnavailableException cause) {
        String description = (cause.getRequested() != null)
                ? String.format("demon.engine = \"%s\" selects the DJL engine %s, which is not on the class path.",
                        PropertyValues.of(cause.getRequested()), cause.getEngineName())
                : "No DJL engine is on the class path.";
        description += String.format("%nEngines on the class path: %s.",
                cause.getAvailable().isEmpty() ? "none" : String.join(", ", cause.getAvailable()));
        String choices = Arrays.stream(EngineType.values())
            .filter(type -> cause.getAvailable().contains(type.engineName()))
            .map(PropertyValues::of)
            .collect(Collectors.joining(" or "));
        String action = (choices.isEmpty() ? "Add" : "Set demon.engine=" + choices + ", or add")
                + " the engine's artefacts to the application (" + ARTEFACTS + ").";
        return new FailureAnalysis(description, action, cause);
    }

}
