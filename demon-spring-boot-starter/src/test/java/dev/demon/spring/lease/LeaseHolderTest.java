package dev.demon.spring.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * A holder's client id names it readably and is read back as the same holder.
 */
class LeaseHolderTest {

    private final LeaseHolder holder = new LeaseHolder("build-7.example.com", 4242,
            Instant.parse("2026-12-01T08:30:00Z"));

    @Test
    void clientIdNamesHostPidAndSince() {
        assertThat(this.holder.clientId()).isEqualTo("build-7.example.com pid 4242 since 2026-12-01T08:30:00Z");
    }

    @Test
    void clientIdIsReadBackAsTheSameHolder() {
        assertThat(LeaseHolder.parse(this.holder.clientId())).contains(this.holder);
    }

    @Test
    void clientIdOfAnotherKindIsNoHolder() {
        assertThat(LeaseHolder.parse("3f2c1a9e-0000-4000-8000-000000000000")).isEmpty();
    }

    @Test
    void currentHolderIsThisProcess() {
        assertThat(LeaseHolder.current().pid()).isEqualTo(ProcessHandle.current().pid());
    }

}
