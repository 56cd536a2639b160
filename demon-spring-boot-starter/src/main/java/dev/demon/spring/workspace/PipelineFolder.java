package dev.demon.spring.workspace;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * One pipeline's folder in the {@link Workspace},
 * {@code <demon.checkpoint.dir>/<pipeline>}, and the files and folders in it. Made by
 * {@link Workspace#pipeline(String)}; every path is absolute and normalised.
 */
public final class PipelineFolder {

    private static final String REPORT = "report.json";

    private static final String MODEL = "model";

    private static final String BEST_MODEL = "best-model";

    private static final String RUN_PREFIX = "run-";

    private final String name;

    private final Path folder;

    PipelineFolder(String name, Path folder) {
        this.name = name;
        this.folder = folder;
    }

    /**
     * The pipeline's name.
     * @return the name in its {@code @TrainingPipeline}
     */
    public String name() {
        return name;
    }

    /**
     * The folder itself.
     * @return {@code <demon.checkpoint.dir>/<pipeline>}
     */
    public Path folder() {
        return folder;
    }

    /**
     * The latest job's report, written whenever a job ends.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/report.json}
     */
    public Path report() {
        return folder.resolve(REPORT);
    }

    /**
     * The model after the last epoch of the latest completed run.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/model}
     */
    public Path model() {
        return folder.resolve(MODEL);
    }

    /**
     * The best epoch's model of the latest completed run, by the pipeline's monitor.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/best-model}
     */
    public Path bestModel() {
        return folder.resolve(BEST_MODEL);
    }

    /**
     * The checkpoints of one job instance, shared by all its executions.
     * @param jobInstanceId the Spring Batch job instance id
     * @return {@code <demon.checkpoint.dir>/<pipeline>/run-<jobInstanceId>}
     */
    public Path run(long jobInstanceId) {
        return folder.resolve(RUN_PREFIX + jobInstanceId);
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof PipelineFolder pipeline && folder.equals(pipeline.folder);
    }

    @Override
    public int hashCode() {
        return folder.hashCode();
    }

    @Override
    public String toString() {
        return folder.toString();
    }

}
