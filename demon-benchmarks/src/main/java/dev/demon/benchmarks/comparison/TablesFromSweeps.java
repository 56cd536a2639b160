package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Renders the comparison tables from the sweeps' {@code sweep.json} files, without
 * training: to redo a report after a change of the statistics, or to merge the settings
 * of runs made on several machines. Usage: {@code run.sh tables <sweep.json> ...}; the
 * tables go to standard output.
 */
public final class TablesFromSweeps {

    private TablesFromSweeps() {
    }

    /**
     * @param args the {@code sweep.json} files of the comparison's sweeps, one per
     * setting
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: run.sh tables <sweep.json> [<sweep.json> ...]");
            System.exit(2);
        }
        List<Path> files = Stream.of(args).map(Path::of).toList();
        System.out.print(new ComparisonTable(SweepResults.trials(files)).toMarkdown());
    }

}
