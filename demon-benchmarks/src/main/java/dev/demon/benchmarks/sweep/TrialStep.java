package dev.demon.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One trial of a measured sweep as the JobRepository recorded it: its step execution's
 * start, relative to the sweep job's start, and its start-to-end seconds. A remote
 * trial's step is recorded by the worker that trained it.
 *
 * @param trial the trial's name, such as {@code trial-0001}
 * @param startSecond seconds from the sweep job's start to the trial step's
 * @param seconds the trial step's start-to-end seconds
 */
public record TrialStep(String trial, double startSecond, double seconds) {

    /**
     * @return seconds from the sweep job's start to the trial step's end
     */
    public double endSecond() {
        return startSecond + seconds;
    }

    /**
     * Writes trials one per line, as {@link #readFrom} reads them.
     * @param file the file
     * @param trials the trials
     * @throws IOException when the file cannot be written
     */
    public static void writeTo(Path file, List<TrialStep> trials) throws IOException {
        Files.writeString(file, trials.stream()
            .map(step -> String.format(Locale.ROOT, "%s %.3f %.3f%n", step.trial, step.startSecond, step.seconds))
            .collect(Collectors.joining()));
    }

    /**
     * @param file a file {@link #writeTo} wrote
     * @return its trials, in its order
     * @throws IOException when the file cannot be read
     */
    public static List<TrialStep> readFrom(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(line -> {
            String[] fields = line.trim().split(" ");
            return new TrialStep(fields[0], Double.parseDouble(fields[1]), Double.parseDouble(fields[2]));
        }).toList();
    }

}
