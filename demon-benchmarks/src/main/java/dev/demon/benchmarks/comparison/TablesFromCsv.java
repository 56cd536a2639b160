package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the comparison tables from cell CSV files, without training: to redo a report
 * after a change of the statistics, or to merge the cells of runs made on several
 * machines. Usage: {@code run.sh tables <cells.csv> [<cells.csv> ...]}; the tables go to
 * standard output.
 */
public final class TablesFromCsv {

    private TablesFromCsv() {
    }

    /**
     * @param args the cell CSV files, as the comparison job writes them
     * @throws IOException when a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: run.sh tables <cells.csv> [<cells.csv> ...]");
            System.exit(2);
        }
        List<CellResults.Finished> cells = new ArrayList<>();
        for (String file : args) {
            cells.addAll(CellCsv.read(Path.of(file)));
        }
        System.out.print(new ComparisonTable(cells).toMarkdown());
    }

}
