package dev.demon.spring.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.demon.spring.report.TrainingConfiguration;

/**
 * A trial's progress as its partition's execution context keeps it.
 */
class TrialProgressTest {

    private static Map<String, String> parameters() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("momentum.schedule", "demon");
        parameters.put("learning-rate.initial", "0.03");
        return parameters;
    }

    @Test
    void aProgressWrittenToAContextReadsBackEqualItsConfigurationInOneEntry() {
        TrialProgress written = TrialProgress.notStarted("trial-0002", parameters())
            .withAttempt("build-7")
            .withConfiguration(new TrainingConfiguration("adam", "demon", 0.9f, null, 0.03f, "cosine", null, 1.0e-4f, 5,
                    32, null, "MXNet", "1.9.1"))
            .withEpoch(0.52, 0.61, 40, 1.5)
            .withEpoch(Double.NaN, Double.NaN, 80, 3.25);
        ExecutionContext context = new ExecutionContext();

        written.writeTo(context);

        assertThat(TrialProgress.readFrom("trial-0002", context)).isEqualTo(written);
        assertThat(context.getString("demon.trial.configuration")).isEqualTo("{\"optimizer\":\"adam\","
                + "\"momentumSchedule\":\"demon\",\"betaInit\":0.9,\"decayStart\":null,\"learningRate\":0.03,"
                + "\"learningRateSchedule\":\"cosine\",\"plateauPatience\":null,\"weightDecay\":1.0E-4,\"epochs\":5,\"batchSize\":32,"
                + "\"seed\":null,\"engine\":\"MXNet\",\"engineVersion\":\"1.9.1\"}");
    }

    @Test
    void aTrialHasNoConfigurationBeforeItsFirstStart() {
        assertThat(TrialProgress.notStarted("trial-0001", parameters()).configuration()).isNull();
    }

    @Test
    void theParametersKeepTheirDeclaredOrder() {
        ExecutionContext context = new ExecutionContext();
        TrialProgress.notStarted("trial-0001", parameters()).writeTo(context);

        assertThat(TrialProgress.readFrom("trial-0001", context).parameters().keySet())
            .containsExactly("momentum.schedule", "learning-rate.initial");
    }

    @Test
    void aContextWithoutProgressReadsAsATrialNotStarted() {
        assertThat(TrialProgress.readFrom("trial-0003", new ExecutionContext()))
            .isEqualTo(TrialProgress.notStarted("trial-0003", Map.of()));
    }

    @Test
    void theObjectiveAtAnEpochIsItsFigureAndNullBeforeItFinished() {
        TrialProgress progress = TrialProgress.notStarted("trial-0001", Map.of()).withEpoch(0.7, 0.7, 10, 1);

        assertThat(List.of(progress.objectiveAt(1))).containsExactly(0.7);
        assertThat(progress.objectiveAt(2)).isNull();
    }

    @Test
    void eachAttemptCountsOnceAndNamesItsHost() {
        TrialProgress progress = TrialProgress.notStarted("trial-0001", Map.of())
            .withAttempt("build-7")
            .withAttempt("build-9");

        assertThat(progress.attempts()).isEqualTo(2);
        assertThat(progress.host()).isEqualTo("build-9");
    }

}
