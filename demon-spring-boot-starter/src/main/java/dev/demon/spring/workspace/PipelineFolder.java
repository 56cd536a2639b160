package dev.demon.spring.workspace;

import java.nio.file.Path;
import java.util.List;

/**
 * One pipeline's folder in the {@link Workspace},
 * {@code <demon.checkpoint.dir>/<pipeline>}, and the files and folders in it. Made by
 * {@link Workspace#pipeline(String)}; every path is absolute and normalised.
 */
public record PipelineFolder(Workspace workspace, String name) {

    private static final String REPORT = "report";

    private static final String JSON = ".json";

    private static final String MODEL = "model";

    private static final String BEST_MODEL = "best-model";

    private static final String RUN_PREFIX = "run-";

    private static final String VERSIONS = "versions";

    private static final String CHAMPION = "champion";

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
     * The report of the newest generation, the latest job's: what a reader reads.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/report.g<generation>.json} of the
     * highest generation there is; {@code report.json} (generation 0, no lease, or a file
     * from before generations were named) when there is no other, and a path that does
     * not exist when there is none
     */
    public Path report() {
        return reportName().newest();
    }

    /**
     * Where the holder of a lease generation writes its report.
     * @param generation the writer's lease generation
     * @return {@code <demon.checkpoint.dir>/<pipeline>/report.g<generation>.json}
     */
    public Path report(long generation) {
        return reportName().of(generation);
    }

    /**
     * The model after the last epoch of the latest completed run, from the newest
     * generation that saved one: what a reader loads.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/model.g<generation>} of the
     * highest generation there is, {@code model} when there is no other
     */
    public Path model() {
        return modelName().newest();
    }

    /**
     * Where the holder of a lease generation saves the last epoch's model.
     * @param generation the writer's lease generation
     * @return {@code <demon.checkpoint.dir>/<pipeline>/model.g<generation>}
     */
    public Path model(long generation) {
        return modelName().of(generation);
    }

    /**
     * The best epoch's model of the latest completed run, by the pipeline's monitor, from
     * the newest generation that saved one: what a reader loads, with DJL's
     * {@code Criteria.optModelPath(bestModel())}.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/best-model.g<generation>} of the
     * highest generation there is, {@code best-model} when there is no other
     */
    public Path bestModel() {
        return bestModelName().newest();
    }

    /**
     * Where the holder of a lease generation saves the best epoch's model.
     * @param generation the writer's lease generation
     * @return {@code <demon.checkpoint.dir>/<pipeline>/best-model.g<generation>}
     */
    public Path bestModel(long generation) {
        return bestModelName().of(generation);
    }

    /**
     * What a completed or ended run leaves in the folder, each written under a name of
     * its writer's generation.
     * @return the report's, the model's, the best model's and the champion pointer's
     * names
     */
    public List<GenerationalName> outputs() {
        return List.of(reportName(), modelName(), bestModelName(), championName());
    }

    /**
     * The report's name, which each generation writes under a name of its own.
     * @return {@code report.g<generation>.json} in the pipeline's folder
     */
    public GenerationalName reportName() {
        return new GenerationalName(folder(), REPORT, JSON);
    }

    /**
     * The last epoch's model's name, which each generation saves under a name of its own.
     * @return {@code model.g<generation>} in the pipeline's folder
     */
    public GenerationalName modelName() {
        return new GenerationalName(folder(), MODEL, "");
    }

    /**
     * The best epoch's model's name, which each generation saves under a name of its own.
     * @return {@code best-model.g<generation>} in the pipeline's folder
     */
    public GenerationalName bestModelName() {
        return new GenerationalName(folder(), BEST_MODEL, "");
    }

    /**
     * The checkpoints of one job instance, shared by all its executions.
     * @param jobInstanceId the Spring Batch job instance id
     * @return {@code <demon.checkpoint.dir>/<pipeline>/run-<jobInstanceId>}
     */
    public Path run(long jobInstanceId) {
        return folder().resolve(RUN_PREFIX + jobInstanceId);
    }

    /**
     * The folder of the served models' versions, one per run that the promotion step saw
     * ({@code docs/promotion.md}): never superseded, so that a rejected challenger and
     * every former champion stay on disk.
     * @return {@code <demon.checkpoint.dir>/<pipeline>/versions}
     */
    public Path versions() {
        return folder().resolve(VERSIONS);
    }

    /**
     * The name of a run's model version, which each holder of the run's lease saves under
     * a name of its own.
     * @param jobInstanceId the run's Spring Batch job instance id
     * @return {@code versions/run-<jobInstanceId>.g<generation>}
     */
    public GenerationalName versionName(long jobInstanceId) {
        return new GenerationalName(versions(), RUN_PREFIX + jobInstanceId, "");
    }

    /**
     * A model version's folder.
     * @param version its name, such as {@code run-3.g000005}
     * @return {@code <demon.checkpoint.dir>/<pipeline>/versions/<version>}
     * @throws IllegalArgumentException when the name is not a single folder name
     */
    public Path version(String version) {
        Path folder = versions().resolve(version).normalize();
        if (!versions().equals(folder.getParent()) || !folder.getFileName().toString().equals(version)) {
            throw new IllegalArgumentException("\"" + version + "\" is not a model version's name in " + versions());
        }
        return folder;
    }

    /**
     * The champion pointer's name: the file naming the model version served, which each
     * promoting holder writes under a name of its own; readers take the newest
     * generation's.
     * @return {@code champion.g<generation>.json} in the pipeline's folder
     */
    public GenerationalName championName() {
        return new GenerationalName(folder(), CHAMPION, JSON);
    }

}
