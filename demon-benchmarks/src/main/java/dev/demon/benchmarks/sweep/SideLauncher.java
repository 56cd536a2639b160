package dev.demon.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.demon.spring.training.EngineThreads;

/**
 * Starts a {@link SweepSideProcess} in a fresh JVM with this JVM's class path and an
 * {@link EngineSetting}'s environment, waits for it, and reads what it measured. Its
 * output goes to {@code side.log} in its folder.
 *
 * @param folder where every side gets a folder of its own
 */
public record SideLauncher(Path folder) {

    /**
     * @param name the side's folder name, unique within this launcher's folder
     * @param side {@code sweep} or {@code singles}
     * @param workload what to train
     * @param concurrency the sweep's concurrency
     * @param setting the engine's threads
     * @return what the side measured
     * @throws IOException when the process cannot start or its result cannot be read
     * @throws InterruptedException when interrupted while waiting
     */
    public SideResult run(String name, String side, SweepWorkload workload, int concurrency, EngineSetting setting)
            throws IOException, InterruptedException {
        Path sideFolder = folder.resolve(name).toAbsolutePath();
        Files.createDirectories(sideFolder);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g", "-Dai.djl.offline=true",
                "-cp", System.getProperty("java.class.path"), SweepSideProcess.class.getName(), side,
                workload.pipeline(), Integer.toString(workload.trials()), Integer.toString(workload.epochs()),
                Integer.toString(workload.trainingSamples()), Integer.toString(concurrency), sideFolder.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        EngineThreads.MXNET_THREADING_VARIABLES.forEach(builder.environment()::remove);
        builder.environment().putAll(setting.environment());
        builder.environment().put("DJL_OFFLINE", "true");
        builder.redirectErrorStream(true);
        builder.redirectOutput(sideFolder.resolve("side.log").toFile());
        int exit = builder.start().waitFor();
        if (exit != 0) {
            throw new IllegalStateException(
                    name + " failed (exit " + exit + "): see " + sideFolder.resolve("side.log"));
        }
        return SideResult.readFrom(sideFolder.resolve("side.txt"));
    }

}
