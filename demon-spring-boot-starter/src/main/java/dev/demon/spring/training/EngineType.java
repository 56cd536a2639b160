package dev.demon.spring.training;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

import ai.djl.engine.Engine;
import org.jspecify.annotations.Nullable;

/**
 * The DJL engines {@code demon.engine} selects. The starter brings MXNet; PyTorch is used
 * once its three artefacts are on the class path (see docs/engines.md).
 */
public enum EngineType {

    /** Apache MXNet, DJL's engine {@code MXNet}. */
    MXNET("MXNet"),

    /** PyTorch (libtorch), DJL's engine {@code PyTorch}. */
    PYTORCH("PyTorch");

    private final String engineName;

    EngineType(String engineName) {
        this.engineName = engineName;
    }

    /**
     * The name DJL knows the engine by, as {@code Engine.getEngine} takes it.
     * @return {@code MXNet} or {@code PyTorch}
     */
    public String engineName() {
        return engineName;
    }

    /**
     * The DJL engine a run trains on: the requested one, or without a request DJL's
     * default engine ({@code Engine.getDefaultEngineName}: the lowest rank among those on
     * the class path, or the system property {@code ai.djl.default_engine}) when it is
     * one of these, else the first of these on the class path.
     * @param requested {@code demon.engine}, or null
     * @return the engine's DJL name
     * @throws EngineUnavailableException when that engine is not on the class path
     */
    public static String select(@Nullable EngineType requested) {
        Set<EngineType> available = EnumSet.noneOf(EngineType.class);
        for (EngineType type : values()) {
            if (Engine.hasEngine(type.engineName)) {
                available.add(type);
            }
        }
        EngineType selected = requested;
        if (selected == null) {
            String defaultName = Engine.getDefaultEngineName();
            selected = available.stream()
                .filter(type -> type.engineName.equals(defaultName))
                .findFirst()
                .orElse(available.stream().findFirst().orElse(null));
        }
        if (selected == null || !available.contains(selected)) {
            Set<String> names = new LinkedHashSet<>();
            available.forEach(type -> names.add(type.engineName));
            throw new EngineUnavailableException(requested, selected != null ? selected.engineName : null, names);
        }
        return selected.engineName;
    }

}
