package dev.demon.spring.sweep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * The {@code trials.csv} beside {@code sweep.json}: a header row, then one row per trial
 * with its key, each swept parameter in a column of its own (in the sweep's declared
 * order), its status, attempts, best epoch, best objective, updates, seconds and host. A
 * figure that does not exist is an empty cell. Written as RFC 4180 says: CRLF after every
 * row, a cell holding a comma, a quote or a line break quoted, its quotes doubled.
 */
public final class TrialsCsv {

    private static final String ROW_END = "\r\n";

    private TrialsCsv() {
    }

    /**
     * The table of a sweep's trials.
     * @param report the sweep's results
     * @return the CSV text
     */
    public static String of(SweepReport report) {
        Set<String> parameters = new LinkedHashSet<>();
        report.trials().forEach(trial -> parameters.addAll(trial.parameters().keySet()));
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add("trial");
        header.addAll(parameters);
        header.addAll(List.of("status", "attempts", "best_epoch", "best_objective", "updates", "seconds", "host"));
        row(csv, header);
        for (SweepReport.Trial trial : report.trials()) {
            List<@Nullable Object> cells = new ArrayList<>();
            cells.add(trial.trial());
            parameters.forEach(name -> cells.add(trial.parameters().get(name)));
            cells.addAll(Arrays.asList(trial.status(), trial.attempts(), trial.bestEpoch(), trial.bestObjective(),
                    trial.updates(), trial.seconds(), trial.host()));
            row(csv, cells);
        }
        return csv.toString();
    }

    private static void row(StringBuilder csv, List<? extends @Nullable Object> cells) {
        csv.append(cells.stream().map(TrialsCsv::cell).collect(Collectors.joining(","))).append(ROW_END);
    }

    private static String cell(@Nullable Object value) {
        String text = Objects.toString(value, "");
        boolean quoted = text.contains(",") || text.contains("\"") || text.contains("\r") || text.contains("\n");
        return quoted ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

}
