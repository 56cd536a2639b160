package dev.demon.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.training.EngineThreads;

/**
 * Starts a {@link SweepSideProcess} in a fresh JVM with an {@link EngineSetting}'s
 * environment, and reads what it measured. Its output goes to {@code side.log} in its
 * folder.
 *
 * @param folder where every side gets a folder of its own
 * @param classPath the class path of the processes
 */
public record SideLauncher(Path folder, String classPath) {

    /** A bound against a hung side only: the longest side measured here took minutes. */
    private static final Duration SIDE_TIMEOUT = Duration.ofHours(6);

    /**
     * A launcher whose processes have this JVM's class path.
     * @param folder where every side gets a folder of its own
     */
    public SideLauncher(Path folder) {
        this(folder, System.getProperty("java.class.path"));
    }

    /**
     * Runs a side and waits for it.
     * @param name the side's folder name, unique within this launcher's folder
     * @param side {@code sweep}, {@code singles} or {@code manager}
     * @param workload what to train
     * @param concurrency the sweep's concurrency
     * @param setting the engine's threads
     * @param more Spring Boot arguments of the measured application, over the workload's
     * @return what the side measured
     * @throws IOException when the process cannot start or its result cannot be read
     * @throws InterruptedException when interrupted while waiting
     */
    public SideResult run(String name, String side, SweepWorkload workload, int concurrency, EngineSetting setting,
            String... more) throws IOException, InterruptedException {
        try (ChildProcess process = start(name, side, workload, concurrency, setting, more)) {
            int exit = process.waitForExit(SIDE_TIMEOUT);
            if (exit != 0) {
                throw new IllegalStateException(name + " failed (exit " + exit + "): see " + process.log());
            }
        }
        return SideResult.readFrom(sideFolder(name).resolve("side.txt"));
    }

    /**
     * Starts a side without waiting for it: a {@code worker} runs until it is closed.
     * @param name the side's folder name, unique within this launcher's folder
     * @param side {@code sweep}, {@code singles}, {@code manager} or {@code worker}
     * @param workload what to train
     * @param concurrency the sweep's concurrency
     * @param setting the engine's threads
     * @param more Spring Boot arguments of the measured application, over the workload's
     * @return the process, stopped (SIGTERM) when closed
     * @throws IOException when the process cannot start
     */
    public ChildProcess start(String name, String side, SweepWorkload workload, int concurrency, EngineSetting setting,
            String... more) throws IOException {
        Path sideFolder = sideFolder(name);
        Files.createDirectories(sideFolder);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-Dai.djl.offline=true",
                "-cp", classPath, SweepSideProcess.class.getName(), side, workload.pipeline(),
                Integer.toString(workload.trials()), Integer.toString(workload.epochs()),
                Integer.toString(workload.trainingSamples()), Integer.toString(concurrency), sideFolder.toString()));
        command.addAll(List.of(more));
        ProcessBuilder builder = new ProcessBuilder(command);
        EngineThreads.MXNET_THREADING_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(setting.environment());
        builder.environment().put("DJL_OFFLINE", "true");
        builder.redirectErrorStream(true);
        Path log = sideFolder.resolve("side.log");
        builder.redirectOutput(log.toFile());
        return ChildProcess.adopt(name, builder.start(), log);
    }

    /**
     * @param name the side's folder name
     * @return where the side writes its log, its result and its jobs
     */
    public Path sideFolder(String name) {
        return folder.resolve(name).toAbsolutePath();
    }

}
