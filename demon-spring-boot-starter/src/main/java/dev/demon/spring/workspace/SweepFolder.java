package dev.demon.spring.workspace;

import java.nio.file.Path;

/**
 * One sweep's folder in the {@link Workspace}, {@code <demon.checkpoint.dir>/<sweep>},
 * and the files and folders in it. Made by {@link Workspace#sweep(String)}; every path is
 * absolute and normalised.
 *
 * <pre>{@code
 * <demon.checkpoint.dir>/<sweep>/
 *   sweep.json                   the results: every trial, the best one
 *   trials.csv                   the same trials, a row each
 *   best-model/                  the best trial's best epoch's model
 *   run-<job instance id>/
 *     trial-0001/                one trial's checkpoints, as a pipeline run's
 * }</pre>
 */
public record SweepFolder(Workspace workspace, String name) {

    private static final String RESULTS = "sweep.json";

    private static final String TRIALS = "trials.csv";

    private static final String BEST_MODEL = "best-model";

    /**
     * The folder of a sweep in a workspace.
     * @throws IllegalArgumentException when the name is not a single folder name (empty,
     * {@code .}, {@code ..} or with a separator)
     */
    public SweepFolder {
        // The same rule as a pipeline's folder: one folder directly in the workspace.
        new PipelineFolder(workspace, name);
    }

    /**
     * The folder itself.
     * @return {@code <demon.checkpoint.dir>/<sweep>}
     */
    public Path folder() {
        return workspace.root().resolve(name);
    }

    /**
     * The sweep's results, written when its job ends.
     * @return {@code <demon.checkpoint.dir>/<sweep>/sweep.json}
     */
    public Path results() {
        return folder().resolve(RESULTS);
    }

    /**
     * The sweep's trials as a table.
     * @return {@code <demon.checkpoint.dir>/<sweep>/trials.csv}
     */
    public Path trials() {
        return folder().resolve(TRIALS);
    }

    /**
     * The best trial's model, from its best epoch.
     * @return {@code <demon.checkpoint.dir>/<sweep>/best-model}
     */
    public Path bestModel() {
        return folder().resolve(BEST_MODEL);
    }

    /**
     * The checkpoints of one trial of one job instance of the sweep, shared by all the
     * executions of its partition.
     * @param jobInstanceId the sweep job's instance id
     * @param trial the trial's partition key, such as {@code trial-0001}
     * @return {@code <demon.checkpoint.dir>/<sweep>/run-<jobInstanceId>/<trial>}
     */
    public Path trial(long jobInstanceId, String trial) {
        Path run = new PipelineFolder(workspace, name).run(jobInstanceId);
        Path folder = run.resolve(trial).normalize();
        if (!run.equals(folder.getParent())) {
            throw new IllegalArgumentException("\"" + trial + "\" is not a trial folder's name in " + run);
        }
        return folder;
    }

}
