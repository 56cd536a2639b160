package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.remote.EmbeddedBrokerExposedException;

/**
 * The failure analysis of a manager whose embedded broker would be open to the network
 * names the address and the properties that secure it.
 */
class EmbeddedBrokerExposedFailureAnalyzerTest {

    @Test
    void namesTheAddressAndTheCredentialProperties() {
        BeanCreationException failure = new BeanCreationException("embeddedActiveMq",
                new EmbeddedBrokerExposedException("0.0.0.0"));

        FailureAnalysis analysis = new EmbeddedBrokerExposedFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).startsWith("demon.remote.broker.host = 0.0.0.0: ");
        assertThat(analysis.getAction()).startsWith("Set spring.artemis.user and spring.artemis.password")
            .contains("demon.remote.broker.host=127.0.0.1")
            .contains("spring.artemis.broker-url");
    }

}
