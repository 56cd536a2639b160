package dev.demon.benchmarks.sweep;

import java.util.Map;

/**
 * The MXNet threads a benchmark's child JVM starts with: the environment variables it
 * gets, every other MXNet threading variable removed (MXNet reads them once, when it
 * loads, so one process has one setting).
 *
 * @param label how the reports name it
 * @param environment the variables set in the child's environment; none leaves the choice
 * to the starter ({@code EngineThreads}: NaiveEngine, one OpenMP thread per processor)
 */
public record EngineSetting(String label, Map<String, String> environment) {

    /** The starter's default: NaiveEngine, {@code OMP_NUM_THREADS} = processors. */
    public static final EngineSetting STARTER_DEFAULT = new EngineSetting("starter default (NaiveEngine, "
            + Runtime.getRuntime().availableProcessors() + " OpenMP threads per operator)", Map.of());

    /**
     * What the starter's start-up log advises for small models:
     * {@code OMP_NUM_THREADS=1 MXNET_ENGINE_TYPE=NaiveEngine}.
     */
    public static final EngineSetting ONE_THREAD = new EngineSetting("NaiveEngine, 1 OpenMP thread per operator",
            Map.of("OMP_NUM_THREADS", "1", "MXNET_ENGINE_TYPE", "NaiveEngine"));

    /**
     * @param name {@code starter} or {@code 1}
     * @return the setting
     */
    public static EngineSetting named(String name) {
        return switch (name) {
            case "starter" -> STARTER_DEFAULT;
            case "1" -> ONE_THREAD;
            default -> throw new IllegalArgumentException("no engine setting " + name + " (starter or 1)");
        };
    }

}
