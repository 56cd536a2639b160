package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.util.FileSystemUtils;

/**
 * The runs of {@link MlpJob} several fault tests start from, each made once per test JVM
 * (they take most of the fault tests' time): the job run without interruption, and the
 * job killed with SIGKILL during epoch 3. Tests never change their folders: they resume
 * copies.
 *
 * <p>
 * The folders live in {@code target/mlp-job-runs/}, next to the jar under test, so that
 * their logs can be read after a failed build. They are not a JUnit {@code @TempDir},
 * which belongs to one test class and is deleted when it ends: every class would train
 * the job again, and a failed build would lose the logs. Each folder is emptied when the
 * JVM first asks for its run, so no run sees an older one, and {@code mvn clean} removes
 * them.
 */
final class MlpJobRuns {

    /**
     * A finished run: the job (which knows its checkpoint folder), its working folder and
     * exit code.
     */
    record Run(MlpJob job, Path workDir, int exitCode) {

        String log() throws IOException {
            return Files.readString(DemoJar.log(this.workDir));
        }
    }

    private static Run uninterrupted;

    private static Run killedDuringEpochThree;

    private MlpJobRuns() {
    }

    /** The job run to its end in one go. */
    static synchronized Run uninterrupted() throws IOException, InterruptedException {
        if (uninterrupted == null) {
            Path folder = fresh("uninterrupted");
            MlpJob job = MlpJob.keepingCheckpointsIn(folder.resolve("checkpoints"));
            uninterrupted = new Run(job, folder, job.run(folder));
        }
        return uninterrupted;
    }

    /** The job killed with SIGKILL as soon as it started epoch 3, before any restart. */
    static synchronized Run killedDuringEpochThree() throws IOException, InterruptedException {
        if (killedDuringEpochThree == null) {
            Path folder = fresh("killed-during-epoch-3");
            MlpJob job = MlpJob.keepingCheckpointsIn(folder.resolve("checkpoints"));
            killedDuringEpochThree = new Run(job, folder, job.killDuringEpoch(3, folder));
        }
        return killedDuringEpochThree;
    }

    /**
     * Copies what the killed run left (checkpoints and JobRepository) to
     * {@code checkpointDir}.
     * @return the same job, keeping its checkpoints in the copy
     */
    static MlpJob copyOfKilledRun(Path checkpointDir) throws IOException, InterruptedException {
        MlpJob killed = killedDuringEpochThree().job();
        FileSystemUtils.copyRecursively(killed.checkpointDir(), checkpointDir);
        return killed.withCheckpointsIn(checkpointDir);
    }

    /**
     * A run's folder, {@code target/mlp-job-runs/<name>}, emptied.
     */
    static Path fresh(String name) throws IOException {
        Path folder = DemoJar.path().toAbsolutePath().getParent().resolve("mlp-job-runs").resolve(name);
        FileSystemUtils.deleteRecursively(folder);
        return Files.createDirectories(folder);
    }

}
