package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.demon.spring.report.ReportJson;
import dev.demon.spring.sweep.SweepReport;

/**
 * The {@code sweep.json} files the starter writes when a sweep's job ends, read back.
 */
public final class SweepResults {

    private SweepResults() {
    }

    /**
     * Reads one sweep's results.
     * @param file its {@code sweep.json}
     * @return the results, or empty when the sweep has not written any yet
     * @throws IOException when the file cannot be read
     */
    public static Optional<SweepReport> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(ReportJson.mapper().readValue(file.toFile(), SweepReport.class));
    }

    /**
     * The finished trials of several sweeps, sweep after sweep.
     * @param files their {@code sweep.json} files; a missing one adds nothing
     * @return the trials' test errors
     * @throws IOException when a file cannot be read
     */
    public static List<TrialError> trials(List<Path> files) throws IOException {
        List<TrialError> trials = new ArrayList<>();
        for (Path file : files) {
            read(file).ifPresent(report -> trials.addAll(TrialError.of(report)));
        }
        return trials;
    }

}
