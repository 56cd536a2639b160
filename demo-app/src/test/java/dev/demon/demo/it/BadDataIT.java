package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.ClassPathResource;

import dev.demon.fashionmnist.data.FashionMnistFile;
import dev.demon.fashionmnist.data.FashionMnistFiles;
import dev.demon.demo.it.JobRepositoryFile.JobExecutionRow;
import dev.demon.demo.it.JobRepositoryFile.StepExecutionRow;

/**
 * A damaged Fashion-MNIST file in the data folder ({@code demo.data.dir}) fails the job
 * with a message naming the file and what is wrong with it. Nothing the job had achieved
 * is lost: the JobRepository and the checkpoints are left as they were, and once the data
 * is sound again the job resumes where it stopped. (A missing file:
 * {@link MissingDataFileIT}.)
 */
class BadDataIT {

    /** Ways a data file gets damaged, and what the failure says about each. */
    enum Damage {

        /** A download cut short: the gzip stream ends early. */
        TRUNCATED(FashionMnistFile.TRAIN_IMAGES, "is not a valid gzip file") {
            @Override
            void apply(Path data) throws IOException {
                Path file = data.resolve(this.file.fileName());
                byte[] bytes = Files.readAllBytes(file);
                Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
            }
        },

        /**
         * Another Fashion-MNIST file under this one's name: sound gzip, wrong IDX
         * content.
         */
        WRONG_FILE(FashionMnistFile.TEST_LABELS, "is not Fashion-MNIST IDX data") {
            @Override
            void apply(Path data) throws IOException {
                Files.copy(data.resolve(FashionMnistFile.TEST_IMAGES.fileName()), data.resolve(this.file.fileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        };

        final FashionMnistFile file;

        final String problem;

        Damage(FashionMnistFile file, String problem) {
            this.file = file;
            this.problem = problem;
        }

        abstract void apply(Path data) throws IOException;

    }

    @TempDir
    Path workDir;

    @ParameterizedTest
    @EnumSource(Damage.class)
    void damagedFileFailsTheJobNamingTheFile(Damage damage) throws Exception {
        Path data = copyOfBundledData(this.workDir.resolve("data"));
        damage.apply(data);
        MlpJob job = MlpJob.keepingCheckpointsIn(this.workDir.resolve("checkpoints"))
            .with("demo.data.dir", data.toString())
            .with("demo.data.training-samples", "2000");

        int exitCode = job.run(this.workDir);

        String log = Files.readString(DemoJar.log(this.workDir));
        String failure = "Data file " + data.resolve(damage.file.fileName()) + " " + damage.problem;
        assertThat(exitCode).as("exit code; log:%n%s", log).isNotZero();
        assertThat(log).contains(failure);
        assertThat(job.report().get("status").asString()).isEqualTo("FAILED");
        assertThat(job.report().get("updatesDone").asLong()).isZero();
        JobRepositoryFile repository = JobRepositoryFile.in(job.checkpointDir());
        assertThat(repository.jobExecutions()).extracting(JobExecutionRow::status).containsExactly("FAILED");
        assertThat(repository.stepExecutions()).singleElement().satisfies(step -> {
            assertThat(step.stepName()).isEqualTo(MlpJob.PIPELINE + "-epoch-1");
            assertThat(step.status()).isEqualTo("FAILED");
            assertThat(step.exitMessage()).contains(failure);
        });
    }

    @Test
    void damagedFileOnResumeLeavesJobRepositoryAndCheckpointsIntact() throws Exception {
        MlpJob job = MlpJobRuns.copyOfKilledRun(this.workDir.resolve("checkpoints"));
        Map<String, byte[]> checkpointsBefore = checkpointBytes(job);
        Path data = copyOfBundledData(this.workDir.resolve("data"));
        Damage.TRUNCATED.apply(data);

        Path failedDir = Files.createDirectories(this.workDir.resolve("with-damaged-data"));
        int failedExit = job.with("demo.data.dir", data.toString()).run(failedDir);

        String failedLog = Files.readString(DemoJar.log(failedDir));
        assertThat(failedExit).as("exit code; log:%n%s", failedLog).isNotZero();
        assertThat(failedLog)
            .contains("Data file " + data.resolve(Damage.TRUNCATED.file.fileName()) + " " + Damage.TRUNCATED.problem);
        assertThat(checkpointBytes(job)).as("checkpoint files and their bytes")
            .containsOnlyKeys(checkpointsBefore.keySet())
            .allSatisfy((name, bytes) -> assertThat(bytes).as(name).isEqualTo(checkpointsBefore.get(name)));
        JobRepositoryFile repository = JobRepositoryFile.in(job.checkpointDir());
        List<JobExecutionRow> jobs = repository.jobExecutions();
        assertThat(jobs).extracting(JobExecutionRow::status).containsExactly("FAILED", "FAILED");
        assertThat(repository.stepExecutions())
            .extracting(StepExecutionRow::jobExecutionId, StepExecutionRow::stepName, StepExecutionRow::status)
            .containsExactly(tuple(jobs.get(0).id(), MlpJob.PIPELINE + "-epoch-1", "COMPLETED"),
                    tuple(jobs.get(0).id(), MlpJob.PIPELINE + "-epoch-2", "COMPLETED"),
                    tuple(jobs.get(0).id(), MlpJob.PIPELINE + "-epoch-3", "FAILED"),
                    tuple(jobs.get(1).id(), MlpJob.PIPELINE + "-epoch-3", "FAILED"));

        // The user fixes the data (here: back to the bundled copy) and runs the job
        // again.
        Path fixedDir = Files.createDirectories(this.workDir.resolve("with-bundled-data"));
        int fixedExit = job.run(fixedDir);

        String fixedLog = Files.readString(DemoJar.log(fixedDir));
        assertThat(fixedExit).as("exit code; log:%n%s", fixedLog).isZero();
        assertThat(fixedLog).contains("resuming after epoch 2 from");
        assertThat(job.report().get("status").asString()).isEqualTo("COMPLETED");
        assertThat(job.report().get("updatesDone").asLong()).isEqualTo(MlpJob.TOTAL_UPDATES);
        assertThat(job.learningHistory()).as("report history but samples/s")
            .isEqualTo(MlpJobRuns.uninterrupted().job().learningHistory());
    }

    /**
     * The four files bundled with the demo, copied into {@code folder} under their
     * published names.
     */
    private static Path copyOfBundledData(Path folder) throws IOException {
        Files.createDirectories(folder);
        for (FashionMnistFile file : FashionMnistFile.values()) {
            try (InputStream in = new ClassPathResource(FashionMnistFiles.BUNDLED + file.fileName()).getInputStream()) {
                Files.copy(in, folder.resolve(file.fileName()));
            }
        }
        return folder;
    }

    private static Map<String, byte[]> checkpointBytes(MlpJob job) throws IOException {
        Map<String, byte[]> bytes = new LinkedHashMap<>();
        for (Path file : job.checkpoints().files()) {
            bytes.put(file.getFileName().toString(), Files.readAllBytes(file));
        }
        return bytes;
    }

}
