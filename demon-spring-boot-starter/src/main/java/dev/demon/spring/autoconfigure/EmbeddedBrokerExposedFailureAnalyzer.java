package dev.demon.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.remote.EmbeddedBrokerExposedException;

/**
 * Tells a user whose manager would expose its embedded broker without credentials how to
 * secure it or keep it on this host.
 */
public class EmbeddedBrokerExposedFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedBrokerExposedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedBrokerExposedException cause) {
        String description = String.format("demon.remote.broker.host = %s: the manager's embedded broker would "
                + "accept anyone on the network, who could send it trials or take them, as no credentials are set.",
                cause.getHost());
        String action = "Set spring.artemis.user and spring.artemis.password (the workers give the same), or keep "
                + "the broker on this host with demon.remote.broker.host=127.0.0.1, or use an external broker with "
                + "spring.artemis.broker-url.";
        return new FailureAnalysis(description, action, cause);
    }

}
