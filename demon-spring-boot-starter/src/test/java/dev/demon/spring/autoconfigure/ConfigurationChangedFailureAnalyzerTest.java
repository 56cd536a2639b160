package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.mock.env.MockEnvironment;

import dev.demon.spring.job.ConfigurationChange;
import dev.demon.spring.job.ConfigurationChangedException;

/**
 * A start refused because the unfinished run was started with another configuration is
 * explained with every changed value, as recorded and as now, and both ways on.
 */
class ConfigurationChangedFailureAnalyzerTest {

    private final MockEnvironment environment = new MockEnvironment()
        .withProperty("demon.learning-rate.initial", "0.02")
        .withProperty("demon.batch-size", "64");

    private FailureAnalysis analyze(BatchStatus status, ConfigurationChange... changes) {
        ConfigurationChangedException refusal = new ConfigurationChangedException("fashion-mnist-mlp", 3, 7, status,
                List.of(changes));
        return new ConfigurationChangedFailureAnalyzer(environment)
            .analyze(new IllegalStateException("Failed to execute ApplicationRunner", refusal));
    }

    @Test
    void descriptionNamesEveryChangedPropertyWithBothValuesAndWhereTheNewOneIsSet() {
        FailureAnalysis analysis = analyze(BatchStatus.FAILED,
                new ConfigurationChange("demon.learning-rate.initial", "0.05", "0.02"),
                new ConfigurationChange("demon.batch-size", "32", "64"));
        assertThat(analysis.getDescription()).isEqualTo(String.format("The unfinished run of job fashion-mnist-mlp "
                + "(job instance 3; last execution 7, FAILED) was started with another configuration than this start's:%n"
                + "    demon.learning-rate.initial: 0.05 when the run started, 0.02 now "
                + "(\"demon.learning-rate.initial\" from property source \"mockProperties\")%n"
                + "    demon.batch-size: 32 when the run started, 64 now "
                + "(\"demon.batch-size\" from property source \"mockProperties\")%n"
                + "Resuming it would train one run with two configurations."));
    }

    @Test
    void actionGivesTheRecordedValuesToResumeAndAbandonToStartANewRun() {
        FailureAnalysis analysis = analyze(BatchStatus.FAILED,
                new ConfigurationChange("demon.learning-rate.initial", "0.05", "0.02"),
                new ConfigurationChange("demon.batch-size", "32", "64"));
        assertThat(analysis.getAction()).isEqualTo(String.format("To resume the run, start it with the values it was "
                + "started with:%n" + "    demon.learning-rate.initial=0.05%n" + "    demon.batch-size=32%n"
                + "To give the run up instead, set demon.unfinished-run=abandon: it is marked ABANDONED and a new run "
                + "starts from scratch with this start's values."));
    }

    @Test
    void executionLeftStartedIsDescribedAsLeftByAProcessThatIsGone() {
        FailureAnalysis analysis = analyze(BatchStatus.STARTED,
                new ConfigurationChange("demon.optimizer", "sgdm", "adam"));
        assertThat(analysis.getDescription()).startsWith("The unfinished run of job fashion-mnist-mlp (job instance "
                + "3; last execution 7, STARTED by a process that is gone) was started with another configuration");
    }

    @Test
    void valueSetByNoPropertyIsNamedWithoutAnOrigin() {
        FailureAnalysis analysis = analyze(BatchStatus.STOPPED, new ConfigurationChange("demon.epochs", "4", "10"));
        assertThat(analysis.getDescription())
            .contains(String.format("%n    demon.epochs: 4 when the run started, " + "10 now%n"));
    }

    @Test
    void engineAndUnsetSeedAreRestoredAsTheyCanBe() {
        FailureAnalysis analysis = analyze(BatchStatus.FAILED, new ConfigurationChange("demon.seed", "none", "42"),
                new ConfigurationChange("engine", "MXNet 1.9.1", "PyTorch 2.7.1"));
        assertThat(analysis.getAction()).contains(String.format("%n    demon.seed unset%n"
                + "    demon.engine=mxnet, with the engine MXNet 1.9.1 on the class path%n"));
    }

    @Test
    void valueTheRunDidNotRecordIsNamedAsNotRecorded() {
        FailureAnalysis analysis = analyze(BatchStatus.FAILED,
                new ConfigurationChange("demon.weight-decay", null, "0.001"));
        assertThat(analysis.getDescription())
            .contains("    demon.weight-decay: not recorded when the run started, 0.001 now");
        assertThat(analysis.getAction())
            .contains("    demon.weight-decay as it was when the run started (not recorded)");
    }

}
