package dev.demon.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A run of {@link MlpJob} sent SIGTERM ({@link Process#destroy()} on Linux, what
 * Kubernetes sends before it evicts a pod) a quarter into epoch 2, as long after the
 * start of epoch 2 as epoch 1 took, divided by four; then the same command run again.
 *
 * @param stopExitCode the exit value of the process that received SIGTERM
 * @param stopSeconds from SIGTERM to the process's exit
 * @param stopLog its output
 * @param batchesAtStop the batches of epoch 2 it trained before stopping
 * @param checkpointsAfterStop the checkpoint files it left, newest first
 * @param resumedExitCode the exit code of the second run
 * @param resumedLog its output
 */
record SigtermDuringEpochTwo(int stopExitCode, double stopSeconds, String stopLog, long batchesAtStop,
        List<String> checkpointsAfterStop, int resumedExitCode, String resumedLog) {

    private static final Pattern EPOCH_ONE_SPEED = Pattern
        .compile(MlpJob.PIPELINE + " epoch 1/" + MlpJob.EPOCHS + ": .*, (\\d+) samples/s");

    private static final Pattern STOPPED = Pattern
        .compile(MlpJob.PIPELINE + ": stopped (\\d+) of " + MlpJob.BATCHES_PER_EPOCH + " batches into epoch 2");

    /**
     * Runs the scenario.
     * @param job the job, with its checkpoint folder and JobRepository
     * @param workDir receives the two runs' working folders
     * @return what happened
     */
    static SigtermDuringEpochTwo run(MlpJob job, Path workDir) throws IOException, InterruptedException {
        Path stopDir = Files.createDirectories(workDir.resolve("stopped"));
        Process process = job.startUntilLogged(MlpJob.stepStarted(1), stopDir);
        try {
            waitUntilLogged(process, stopDir, MlpJob.stepStarted(2));
            // A quarter into epoch 2 at epoch 1's training speed: the time since epoch
            // 1's
            // step started also holds the data's loading and the model's initialisation,
            // which on a fast machine take longer than a whole epoch.
            Matcher speed = EPOCH_ONE_SPEED.matcher(Files.readString(DemoJar.log(stopDir)));
            if (!speed.find()) {
                throw new IllegalStateException("No speed of epoch 1 in " + DemoJar.log(stopDir));
            }
            double epochSeconds = MlpJob.TRAINING_SAMPLES / Double.parseDouble(speed.group(1));
            TimeUnit.NANOSECONDS.sleep((long) (epochSeconds / 4 * 1e9));
            long sigterm = System.nanoTime();
            process.destroy();
            // A bound against a hung JVM only: how long the stop took is reported, not
            // asserted.
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("SIGTERM did not end the demo; see " + DemoJar.log(stopDir));
            }
            double stopSeconds = (System.nanoTime() - sigterm) / 1e9;
            String stopLog = Files.readString(DemoJar.log(stopDir));
            Matcher stopped = STOPPED.matcher(stopLog);
            long batches = stopped.find() ? Long.parseLong(stopped.group(1)) : -1;
            List<String> checkpoints = job.checkpoints()
                .files()
                .stream()
                .map(file -> file.getFileName().toString())
                .toList();
            Path resumeDir = Files.createDirectories(workDir.resolve("resumed"));
            int resumedExitCode = job.run(resumeDir);
            return new SigtermDuringEpochTwo(process.exitValue(), stopSeconds, stopLog, batches, checkpoints,
                    resumedExitCode, Files.readString(DemoJar.log(resumeDir)));
        }
        finally {
            process.destroyForcibly();
        }
    }

    private static void waitUntilLogged(Process process, Path workDir, String line)
            throws IOException, InterruptedException {
        while (!Files.readString(DemoJar.log(workDir)).contains(line)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The demo exited before logging " + line);
            }
            Thread.sleep(5);
        }
    }

    /** The name of the checkpoint written when the process stopped. */
    String stopCheckpoint() {
        return String.format("epoch-0002-batch-%06d.g000001.ckpt", batchesAtStop);
    }

}
