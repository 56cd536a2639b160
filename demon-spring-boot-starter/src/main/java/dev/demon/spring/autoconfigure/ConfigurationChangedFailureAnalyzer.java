package dev.demon.spring.autoconfigure;

import java.util.Arrays;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.job.ConfigurationChange;
import dev.demon.spring.job.ConfigurationChangedException;
import dev.demon.spring.optimizer.PropertyValues;
import dev.demon.spring.training.EngineType;

/**
 * Explains a start refused because the pipeline's unfinished run was started with another
 * configuration: every value that differs, as the run recorded it and as this start has
 * it (with where the new value is set), and the two ways on: start with the recorded
 * values to resume the run, or {@code demon.unfinished-run=abandon} to give it up and
 * start a new one.
 */
public class ConfigurationChangedFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationChangedException> {

    /**
     * The key under which the configuration holds the engine and its version, which
     * {@code demon.engine} selects among the engines on the class path.
     */
    private static final String ENGINE = "engine";

    /** How the configuration writes an unset {@code demon.seed}. */
    private static final String UNSET = "none";

    private final Environment environment;

    /**
     * Creates the analyzer; Spring Boot passes the failed application's environment.
     * @param environment the environment of the application that failed to start
     */
    public ConfigurationChangedFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationChangedException cause) {
        StringBuilder description = new StringBuilder(String.format(
                "The unfinished run of job %s (job instance %d; "
                        + "last execution %d, %s) was started with another configuration than this start's:",
                cause.getJobName(), cause.getJobInstanceId(), cause.getJobExecutionId(),
                cause.getStatus().isRunning() ? cause.getStatus() + " by a process that is gone" : cause.getStatus()));
        StringBuilder action = new StringBuilder("To resume the run, start it with the values it was started with:");
        for (ConfigurationChange change : cause.getChanges()) {
            String origin = origin(change.property());
            description.append(String.format("%n    %s: %s when the run started, %s now%s", change.property(),
                    change.recorded() != null ? change.recorded() : "not recorded", change.requested(),
                    origin != null ? " (" + origin + ")" : ""));
            action.append(String.format("%n    %s", restore(change)));
        }
        description.append(String.format("%nResuming it would train one run with two configurations."));
        action.append(String.format("%nTo give the run up instead, set demon.unfinished-run=abandon: it is marked "
                + "ABANDONED and a new run starts from scratch with this start's values."));
        return new FailureAnalysis(description.toString(), action.toString(), cause);
    }

    private static String restore(ConfigurationChange change) {
        if (change.recorded() == null) {
            return change.property() + " as it was when the run started (not recorded)";
        }
        if (ENGINE.equals(change.property())) {
            String engineName = change.recorded().split(" ", 2)[0];
            return Arrays.stream(EngineType.values())
                .filter(type -> type.engineName().equals(engineName))
                .findFirst()
                .map(type -> "demon.engine=" + PropertyValues.of(type) + ", with ")
                .orElse("") + "the engine " + change.recorded() + " on the class path";
        }
        if (UNSET.equals(change.recorded())) {
            return change.property() + " unset";
        }
        return change.property() + "=" + change.recorded();
    }

    /**
     * Where the environment sets a property, or null when it is not set (a default is in
     * force).
     */
    private @Nullable String origin(String property) {
        if (!ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty set = source.getConfigurationProperty(name);
            if (set != null) {
                return set.getOrigin() != null ? set.getOrigin().toString() : null;
            }
        }
        return null;
    }

}
