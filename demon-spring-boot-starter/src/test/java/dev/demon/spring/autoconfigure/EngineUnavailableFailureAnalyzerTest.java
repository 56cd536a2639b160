package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.training.EngineType;
import dev.demon.spring.training.EngineUnavailableException;

class EngineUnavailableFailureAnalyzerTest {

    private final EngineUnavailableFailureAnalyzer analyzer = new EngineUnavailableFailureAnalyzer();

    @Test
    void namesTheMissingEngineAndOffersTheOnesThere() {
        FailureAnalysis analysis = analyzer
            .analyze(new EngineUnavailableException(EngineType.MXNET, "MXNet", Set.of("PyTorch")));
        assertThat(analysis.getDescription()).isEqualTo(
                String.format("demon.engine = \"mxnet\" selects the DJL engine MXNet, which is not on the class path.%n"
                        + "Engines on the class path: PyTorch."));
        assertThat(analysis.getAction()).startsWith("Set demon.engine=pytorch, or add the engine's artefacts");
    }

    @Test
    void withNoEngineAtAllAsksForOne() {
        FailureAnalysis analysis = analyzer.analyze(new EngineUnavailableException(null, null, Set.of()));
        assertThat(analysis.getDescription())
            .isEqualTo(String.format("No DJL engine is on the class path.%nEngines on the class path: none."));
        assertThat(analysis.getAction()).startsWith("Add the engine's artefacts to the application (MXNet: "
                + "ai.djl.mxnet:mxnet-engine and ai.djl.mxnet:mxnet-native-mkl (classifier linux-x86_64); PyTorch: ");
    }

}
