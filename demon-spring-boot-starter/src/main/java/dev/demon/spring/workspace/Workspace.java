package dev.demon.spring.workspace;

import java.nio.file.Path;

/**
 * The folder {@code demon.checkpoint.dir} names, and where in it the starter keeps what:
 * the one place that knows this layout.
 *
 * <pre>{@code
 * <demon.checkpoint.dir>/
 *   batch.mv.db                the default job repository, an H2 file database
 *   <pipeline>/                one per @TrainingPipeline, by its name
 *     report.g000005.json      the latest job's report (5: its writer's lease generation)
 *     run-<job instance id>/   the checkpoints of one job instance, epoch-0003.g000005.ckpt
 *     model.g000005/           the model after the last epoch of the latest completed run
 *     best-model.g000005/      that run's best epoch's model
 *   <sweep>/                   one per demon.sweeps.<name>: see SweepFolder
 * }</pre>
 *
 * {@link #jobRepositoryUrl()} and {@link #jobRepositoryFile()} name the database,
 * {@link #pipeline(String)} a pipeline's folder, and its {@link PipelineFolder#report()},
 * {@link PipelineFolder#run(long)}, {@link PipelineFolder#model()} and
 * {@link PipelineFolder#bestModel()} what is in it. A restarted job execution belongs to
 * the same job instance, so it finds its checkpoints in the same {@code run-} folder.
 * Every path this gives is absolute and normalised.
 *
 * <p>
 * Each holder of a job's lease writes reports, models and checkpoints under names of its
 * own, with its lease generation in them ({@link GenerationalName}, 5 above), so that a
 * holder whose lease was taken over never replaces or deletes a newer holder's; readers
 * take the highest generation there is ({@link PipelineFolder#bestModel()} and the like).
 * A name without a generation is generation 0: written without a lease, or before
 * generations were named.
 *
 * @param root the folder, {@code demon.checkpoint.dir}: relative to the working directory
 * or absolute, made absolute and normalised
 */
public record Workspace(Path root) {

    /**
     * The name of the H2 database; H2 adds {@code .mv.db}. Kept as it is, so that the job
     * repositories of earlier versions still open.
     */
    private static final String JOB_REPOSITORY_DATABASE = "batch";

    /**
     * The workspace in a folder.
     */
    public Workspace {
        root = root.toAbsolutePath().normalize();
    }

    /**
     * A pipeline's folder.
     * @param name the pipeline's name, as in its {@code @TrainingPipeline}
     * @return its folder, {@code <demon.checkpoint.dir>/<name>}
     * @throws IllegalArgumentException when the name is not a single folder name (empty,
     * {@code .}, {@code ..} or with a separator), which would lead out of the workspace
     * or into another pipeline's folder
     */
    public PipelineFolder pipeline(String name) {
        return new PipelineFolder(this, name);
    }

    /**
     * A sweep's folder ({@link SweepFolder}).
     * @param name the sweep's name, as in {@code demon.sweeps.<name>}
     * @return its folder, {@code <demon.checkpoint.dir>/<name>}
     * @throws IllegalArgumentException when the name is not a single folder name
     */
    public SweepFolder sweep(String name) {
        return new SweepFolder(this, name);
    }

    /**
     * The JDBC URL of the H2 file database {@code batch} in this folder, the default job
     * repository. DB_CLOSE_ON_EXIT=FALSE: the connection pool closes the database with
     * the context, not a JVM hook. WRITE_DELAY=0: H2 writes each commit at once; by
     * default it waits up to 500 ms, and a kill -9 within that time loses the last step's
     * COMPLETED status, so the finished epoch would run again.
     * @return the URL
     */
    public String jobRepositoryUrl() {
        return "jdbc:h2:file:" + root.resolve(JOB_REPOSITORY_DATABASE)
                + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    /**
     * The file H2 keeps the default job repository in, which it locks while a process has
     * the database open.
     * @return {@code <demon.checkpoint.dir>/batch.mv.db}
     */
    public Path jobRepositoryFile() {
        return root.resolve(JOB_REPOSITORY_DATABASE + ".mv.db");
    }

}
