package dev.demon.spring.remote;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A manager or worker refuses a JobRepository that other processes cannot reach.
 */
class JobRepositoryNotSharedExceptionTest {

    @Test
    void refusesTheStartersH2FileDatabase() {
        assertThatThrownBy(() -> JobRepositoryNotSharedException.requireShared(RemoteRole.WORKER,
                "jdbc:h2:file:./demon-checkpoints/batch;AUTO_SERVER=FALSE"))
            .isInstanceOf(JobRepositoryNotSharedException.class)
            .hasMessage("A worker (demon.remote.role=worker) shares its JobRepository with the other processes of "
                    + "the sweep, but jdbc:h2:file:./demon-checkpoints/batch;AUTO_SERVER=FALSE is private to this "
                    + "process");
    }

    @Test
    void refusesAnInMemoryDatabase() {
        assertThatThrownBy(() -> JobRepositoryNotSharedException.requireShared(RemoteRole.MANAGER, "jdbc:h2:mem:batch"))
            .isInstanceOf(JobRepositoryNotSharedException.class);
    }

    @Test
    void refusesNoUrl() {
        assertThatThrownBy(() -> JobRepositoryNotSharedException.requireShared(RemoteRole.MANAGER, null))
            .isInstanceOf(JobRepositoryNotSharedException.class)
            .hasMessageEndingWith("but null is private to this process");
    }

    @Test
    void acceptsPostgresql() {
        assertThatCode(() -> JobRepositoryNotSharedException.requireShared(RemoteRole.MANAGER,
                "jdbc:postgresql://db-host:5432/demon"))
            .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnH2Server() {
        assertThatCode(
                () -> JobRepositoryNotSharedException.requireShared(RemoteRole.WORKER, "jdbc:h2:tcp://db-host/batch"))
            .doesNotThrowAnyException();
    }

}
