package dev.demon.spring.workspace;

import java.nio.file.Path;

/**
 * One pipeline's folder in the {@link Workspace},
 * {@code <demon.checkpoint.dir>/<pipeline>}, and the files and folders in it. Made by
 * {@link Workspace#pipeline(String)}; every path is absolute and normalised.
 */
public record PipelineFolder(Workspace workspace, String name) {

    private static final String REPORT = "report.json";

    private static final String MODEL = "model";

    private static final String BEST_MODEL = "best-model";

    private static final String RUN_PREFIX = "run-";

    /**
     * The folder of a pipeline in a workspace.
     * @throws IllegalArgumentException when the name is not a single folder name (empty,
     * {@code .}, {@code ..} or with a separator), which would lead out of the workspace
     * or into another pipeline's folder
     */
    public PipelineFolder {
        Path folder = workspace.root().resolve(name).normalize();
        if (!workspace.root().equals(folder.getParent()) || !folder.getFileName().toString().equals(name)) {
            throw new IllegalArgumentException(
                    "\"" + name + "\" is not a pipeline folder's name in " + workspace.root());
        }
    }

    /**
     * The folder itself.
     * @return {@code <demon.checkpoint.dir>/<pipeline>}
     */
    public Path folder() {
        return workspace.root().resolve(name);
    }

    /**
     * The latest job's report, written whenever a job ends.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/report.json}
     */
    public Path report() {
        return folder().resolve(REPORT);
    }

    /**
     * The model after the last epoch of the latest completed run.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/model}
     */
    public Path model() {
        return folder().resolve(MODEL);
    }

    /**
     * The best epoch's model of the latest completed run, by the pipeline's monitor.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/best-model}
     */
    public Path bestModel() {
        return folder().resolve(BEST_MODEL);
    }

    /**
     * The checkpoints of one job instance, shared by all its executions.
     * @param jobInstanceId the Spring Batch job instance id
     * @return {@code <demon.checkpoint.dir>/<pipeline>/run-<jobInstanceId>}
     */
    public Path run(long jobInstanceId) {
        return folder().resolve(RUN_PREFIX + jobInstanceId);
    }

}
