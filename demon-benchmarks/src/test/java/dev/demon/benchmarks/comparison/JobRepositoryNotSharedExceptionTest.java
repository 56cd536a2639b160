package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * A manager or worker refuses a JobRepository that other processes cannot reach.
 */
class JobRepositoryNotSharedExceptionTest {

    @Test
    void refusesTheStartersH2FileDatabase() {
        assertThatThrownBy(() -> JobRepositoryNotSharedException.requireShared("worker",
                "jdbc:h2:file:./demon-checkpoints/batch;AUTO_SERVER=FALSE"))
            .isInstanceOf(JobRepositoryNotSharedException.class)
            .hasMessage("With the profile worker the JobRepository must be shared by the manager and its workers, "
                    + "but jdbc:h2:file:./demon-checkpoints/batch;AUTO_SERVER=FALSE is private to this process");
    }

    @Test
    void refusesAnInMemoryDatabase() {
        assertThatThrownBy(() -> JobRepositoryNotSharedException.requireShared("manager", "jdbc:h2:mem:batch"))
            .isInstanceOf(JobRepositoryNotSharedException.class);
    }

    @Test
    void acceptsPostgresql() {
        assertThatCode(
                () -> JobRepositoryNotSharedException.requireShared("manager", "jdbc:postgresql://db-host:5432/demon"))
            .doesNotThrowAnyException();
    }

    @Test
    void acceptsAnH2Server() {
        assertThatCode(() -> JobRepositoryNotSharedException.requireShared("worker", "jdbc:h2:tcp://db-host/batch"))
            .doesNotThrowAnyException();
    }

}
