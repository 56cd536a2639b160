package dev.demon.spring.training;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.optimizer.PropertyValues;

/**
 * Thrown at start-up when the engine to train on is not on the class path: the one
 * {@code demon.engine} names, or any of the {@link EngineType}s when none is set.
 */
public class EngineUnavailableException extends RuntimeException {

    private final @Nullable EngineType requested;

    private final @Nullable String engineName;

    private final Set<String> available;

    /**
     * Creates the exception.
     * @param requested {@code demon.engine}, or null when it is not set
     * @param engineName the DJL name of the missing engine, or null when none was
     * requested
     * @param available the DJL names of the {@link EngineType}s on the class path
     */
    public EngineUnavailableException(@Nullable EngineType requested, @Nullable String engineName,
            Set<String> available) {
        super((requested != null
                ? "The DJL engine " + engineName + " (demon.engine=" + PropertyValues.of(requested)
                        + ") is not on the class path"
                : "No DJL engine to train on (MXNet or PyTorch) is on the class path") + "; engines available: "
                + (available.isEmpty() ? "none" : available));
        this.requested = requested;
        this.engineName = engineName;
        this.available = Collections.unmodifiableSet(new LinkedHashSet<>(available));
    }

    /**
     * Returns {@code demon.engine}.
     * @return the requested engine, or null when none was requested
     */
    public @Nullable EngineType getRequested() {
        return requested;
    }

    /**
     * Returns the missing engine's DJL name.
     * @return the name, or null when none was requested and none is there
     */
    public @Nullable String getEngineName() {
        return engineName;
    }

    /**
     * Returns the engines {@code demon.engine} can select that are on the class path.
     * @return their DJL names
     */
    public Set<String> getAvailable() {
        return available;
    }

}
