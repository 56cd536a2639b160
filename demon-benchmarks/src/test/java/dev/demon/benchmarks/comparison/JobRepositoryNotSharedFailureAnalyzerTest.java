package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * The failure analysis of a worker started without a shared JobRepository names the
 * refused URL and the property to set.
 */
class JobRepositoryNotSharedFailureAnalyzerTest {

    @Test
    void namesTheRefusedUrlAndThePropertyToSet() {
        BeanCreationException failure = new BeanCreationException("workerConfiguration",
                new JobRepositoryNotSharedException("worker", "jdbc:h2:mem:batch"));

        FailureAnalysis analysis = new JobRepositoryNotSharedFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription()).contains("The profile worker").contains("jdbc:h2:mem:batch");
        assertThat(analysis.getAction()).contains("spring.datasource.url");
    }

}
