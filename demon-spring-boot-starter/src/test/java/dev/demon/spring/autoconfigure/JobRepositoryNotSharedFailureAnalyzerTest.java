package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.demon.spring.remote.JobRepositoryNotSharedException;
import dev.demon.spring.remote.RemoteRole;

/**
 * The failure analysis of a worker started without a shared JobRepository names the
 * refused URL and the property to set.
 */
class JobRepositoryNotSharedFailureAnalyzerTest {

    @Test
    void namesTheRefusedUrlAndThePropertyToSet() {
        BeanCreationException failure = new BeanCreationException("worker",
                new JobRepositoryNotSharedException(RemoteRole.WORKER, "jdbc:h2:mem:batch"));

        FailureAnalysis analysis = new JobRepositoryNotSharedFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).startsWith("With demon.remote.role=worker ")
            .contains("This process's JobRepository is jdbc:h2:mem:batch, which no other process can reach.");
        assertThat(analysis.getAction())
            .startsWith("Start the manager and every worker with the same " + "spring.datasource.url");
    }

}
