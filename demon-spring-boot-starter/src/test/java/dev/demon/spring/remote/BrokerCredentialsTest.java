package dev.demon.spring.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.apache.activemq.artemis.core.security.CheckType;
import org.junit.jupiter.api.Test;

/**
 * An embedded broker open to other hosts lets in only the manager's user and password.
 */
class BrokerCredentialsTest {

    private final BrokerCredentials credentials = new BrokerCredentials("demon", "secret");

    @Test
    void theUserAndPasswordAreLetIn() {
        assertThat(credentials.authenticate("demon", "secret", null, null)).isNotNull();
        assertThat(credentials.validateUserAndRole("demon", "secret", Set.of(), CheckType.CONSUME)).isTrue();
    }

    @Test
    void aWrongPasswordIsNot() {
        assertThat(credentials.authenticate("demon", "guess", null, null)).isNull();
        assertThat(credentials.validateUser("demon", "guess")).isFalse();
    }

    @Test
    void anonymousConnectionsOverTheNetworkAreNot() {
        assertThat(credentials.authenticate(null, null, null, null)).isNull();
        assertThat(credentials.authorize(null, Set.of(), CheckType.SEND, "demon-trials")).isFalse();
    }

}
