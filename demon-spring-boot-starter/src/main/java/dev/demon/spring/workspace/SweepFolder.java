package dev.demon.spring.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * One sweep's folder in the {@link Workspace}, {@code <demon.checkpoint.dir>/<sweep>},
 * and the files and folders in it. Made by {@link Workspace#sweep(String)}; every path is
 * absolute and normalised.
 *
 * <pre>{@code
 * <demon.checkpoint.dir>/<sweep>/
 *   sweep.g000005.json           the results: every trial, the best one
 *   trials.g000005.csv           the same trials, a row each
 *   best-model.g000005/          the best trial's best epoch's model
 *   run-<job instance id>/
 *     trial-0001/                one trial's checkpoints, as a pipeline run's
 * }</pre>
 *
 * Each of the three is written under the name of its writer's lease generation
 * ({@link GenerationalName}, here 5), and read from the highest generation there is.
 */
public record SweepFolder(Workspace workspace, String name) {

    private static final String RESULTS = "sweep";

    private static final String TRIALS = "trials";

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
     * The sweep's results of the newest generation: what a reader reads.
     * @return {@code <demon.checkpoint.dir>/<sweep>/sweep.g<generation>.json} of the
     * highest generation there is, {@code sweep.json} when there is no other
     */
    public Path results() {
        return resultsName().newest();
    }

    /**
     * Where the holder of a lease generation writes the sweep's results when its job
     * ends.
     * @param generation the writer's lease generation
     * @return {@code <demon.checkpoint.dir>/<sweep>/sweep.g<generation>.json}
     */
    public Path results(long generation) {
        return resultsName().of(generation);
    }

    /**
     * The sweep's trials as a table, of the newest generation.
     * @return {@code <demon.checkpoint.dir>/<sweep>/trials.g<generation>.csv} of the
     * highest generation there is, {@code trials.csv} when there is no other
     */
    public Path trials() {
        return trialsName().newest();
    }

    /**
     * Where the holder of a lease generation writes the trials' table.
     * @param generation the writer's lease generation
     * @return {@code <demon.checkpoint.dir>/<sweep>/trials.g<generation>.csv}
     */
    public Path trials(long generation) {
        return trialsName().of(generation);
    }

    /**
     * The best trial's model, from its best epoch, of the newest generation that saved
     * one: what a reader loads.
     * @return {@code <demon.checkpoint.dir>/<sweep>/best-model.g<generation>} of the
     * highest generation there is, {@code best-model} when there is no other
     */
    public Path bestModel() {
        return bestModelName().newest();
    }

    /**
     * Where the holder of a lease generation saves the best trial's model.
     * @param generation the writer's lease generation
     * @return {@code <demon.checkpoint.dir>/<sweep>/best-model.g<generation>}
     */
    public Path bestModel(long generation) {
        return bestModelName().of(generation);
    }

    /**
     * What the sweep's job leaves in the folder, each written under a name of its
     * writer's generation.
     * @return the results', the table's and the best model's names
     */
    public List<GenerationalName> outputs() {
        return List.of(resultsName(), trialsName(), bestModelName());
    }

    /**
     * The results' name, which each generation writes under a name of its own.
     * @return {@code sweep.g<generation>.json} in the sweep's folder
     */
    public GenerationalName resultsName() {
        return name(RESULTS, ".json");
    }

    /**
     * The trials' table's name, which each generation writes under a name of its own.
     * @return {@code trials.g<generation>.csv} in the sweep's folder
     */
    public GenerationalName trialsName() {
        return name(TRIALS, ".csv");
    }

    /**
     * The best trial's model's name, which each generation saves under a name of its own.
     * @return {@code best-model.g<generation>} in the sweep's folder
     */
    public GenerationalName bestModelName() {
        return name(BEST_MODEL, "");
    }

    private GenerationalName name(String stem, String extension) {
        return new GenerationalName(folder(), stem, extension);
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
