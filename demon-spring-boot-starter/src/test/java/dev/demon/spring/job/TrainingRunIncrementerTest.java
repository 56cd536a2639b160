package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.demon.spring.report.TrainingConfiguration;

/**
 * Each new run's parameters: the next run.id, which identifies it, and its configuration,
 * which does not.
 */
class TrainingRunIncrementerTest {

    private static final TrainingConfiguration CONFIGURATION = new TrainingConfiguration("adam", "cosine", 0.95f, 0.1f,
            0.001f, "step", null, 0.0005f, 10, 128, null, "PyTorch", "2.7.1");

    private final TrainingRunIncrementer incrementer = new TrainingRunIncrementer(() -> CONFIGURATION);

    @Test
    void firstRunIsRunOneIdentifiedByRunIdAlone() {
        JobParameters first = incrementer.getNext(new JobParameters());
        assertThat(first.getLong("run.id")).isEqualTo(1L);
        assertThat(first.getIdentifyingParameters()).extracting(JobParameter::name).containsExactly("run.id");
    }

    @Test
    void everyValueIsANonIdentifyingStringNamedAfterItsProperty() {
        JobParameters first = incrementer.getNext(new JobParameters());
        assertThat(first.parameters()).filteredOn(parameter -> !parameter.name().equals("run.id"))
            .extracting(JobParameter::name, JobParameter::value, JobParameter::type, JobParameter::identifying)
            .containsExactlyInAnyOrder(tuple("demon.optimizer", "adam", String.class, false),
                    tuple("demon.momentum.schedule", "cosine", String.class, false),
                    tuple("demon.momentum.beta-init", "0.95", String.class, false),
                    tuple("demon.momentum.decay-start", "0.1", String.class, false),
                    tuple("demon.learning-rate.initial", "0.001", String.class, false),
                    tuple("demon.learning-rate.schedule", "step", String.class, false),
                    tuple("demon.learning-rate.plateau-patience", "none", String.class, false),
                    tuple("demon.weight-decay", "5.0E-4", String.class, false),
                    tuple("demon.epochs", "10", String.class, false),
                    tuple("demon.batch-size", "128", String.class, false),
                    tuple("demon.seed", "none", String.class, false),
                    tuple("engine", "PyTorch 2.7.1", String.class, false));
    }

    @Test
    void nextRunRecordsTheCurrentConfigurationNotThePreviousRunsOne() {
        JobParameters previous = new JobParametersBuilder().addLong("run.id", 4L)
            .addString("demon.learning-rate.initial", "0.05", false)
            .toJobParameters();
        JobParameters next = incrementer.getNext(previous);
        assertThat(next.getLong("run.id")).isEqualTo(5L);
        assertThat(next.getString("demon.learning-rate.initial")).isEqualTo("0.001");
    }

    @Test
    void recordedConfigurationReadsBackWhatTheRunRecorded() {
        Map<String, String> values = CONFIGURATION.byProperty();
        assertThat(
                TrainingRunIncrementer.recordedConfiguration(incrementer.getNext(new JobParameters()), values.keySet()))
            .containsExactlyEntriesOf(values);
    }

    @Test
    void runStartedBeforeConfigurationsWereRecordedRecordedNone() {
        JobParameters old = new JobParametersBuilder().addLong("run.id", 1L).toJobParameters();
        assertThat(TrainingRunIncrementer.recordedConfiguration(old, CONFIGURATION.byProperty().keySet())).isEmpty();
    }

    @Test
    void recordedConfigurationKeepsTheOrderOfTheProperties() {
        Map<String, String> recorded = new LinkedHashMap<>();
        recorded.put("demon.batch-size", "128");
        recorded.put("demon.optimizer", "adam");
        assertThat(TrainingRunIncrementer.recordedConfiguration(incrementer.getNext(new JobParameters()),
                recorded.keySet()))
            .containsExactlyEntriesOf(recorded);
    }

}
