package dev.demon.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What one {@link SweepSideProcess} measured.
 *
 * @param jobSeconds the job executions' start-to-end seconds, added up
 * @param wallSeconds the applications' whole runs, start-up and shut-down included
 * @param trainingStepSeconds the steps that train (trial or epoch steps), added up
 * @param trials the trials trained
 */
public record SideResult(double jobSeconds, double wallSeconds, double trainingStepSeconds, int trials) {

    /**
     * @param file the line {@link SweepSideProcess} wrote
     * @return what it says
     * @throws IOException when the file cannot be read
     */
    public static SideResult readFrom(Path file) throws IOException {
        String[] fields = Files.readString(file).trim().split(" ");
        return new SideResult(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2]), Integer.parseInt(fields[3]));
    }

    /**
     * What the jobs spent around the training: with concurrency 1, the job executions'
     * seconds outside the steps that train (launch, the JobRepository's step records,
     * models and reports written, a sweep's partitioning and results step).
     * @return job seconds minus training step seconds
     */
    public double outsideTrainingSeconds() {
        return jobSeconds - trainingStepSeconds;
    }

    /**
     * @return trials finished per hour of job time
     */
    public double trialsPerHour() {
        return trials * 3600 / jobSeconds;
    }

}
