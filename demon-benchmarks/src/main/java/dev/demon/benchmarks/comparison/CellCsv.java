package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.demon.spring.optimizer.OptimizerType;

/**
 * Every finished cell as one CSV row, for whoever wants to redo the statistics; and back.
 */
final class CellCsv {

    private CellCsv() {
    }

    static void write(List<CellResults.Finished> finished, Path file) throws IOException {
        StringBuilder out = new StringBuilder(
                "setting,model,optimizer,budget,epochs,method,seed,learning_rate,beta_init,test_error,test_loss,"
                        + "train_loss,seconds,diverged\n");
        for (CellResults.Finished cell : finished) {
            Cell c = cell.cell();
            CellResult r = cell.result();
            out.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%s,%d,%s,%s,%.6f,%.6f,%.6f,%.2f,%s%n", c.setting(),
                    c.model().label(), c.optimizer().propertyValue(), c.budget(), c.epochs(), c.method().label(),
                    c.seed(), c.learningRate(), c.betaInit(), r.testError(), r.testLoss(), r.trainLoss(), r.seconds(),
                    r.diverged()));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out);
    }

    /**
     * Reads the cells {@link #write} wrote.
     * @param file a cells CSV
     * @return its cells, in file order
     * @throws IOException when the file cannot be read or a row is not a cell
     */
    static List<CellResults.Finished> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<CellResults.Finished> cells = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] f = lines.get(i).split(",", -1);
            try {
                Cell cell = new Cell(enumOf(ModelKind.class, f[1]), enumOf(OptimizerType.class, f[2]), f[3],
                        Integer.parseInt(f[4]), enumOf(Method.class, f[5]), Integer.parseInt(f[6]),
                        Float.parseFloat(f[7]), Float.parseFloat(f[8]));
                cells.add(new CellResults.Finished(cell,
                        new CellResult(Double.parseDouble(f[9]), Double.parseDouble(f[10]), Double.parseDouble(f[11]),
                                Double.parseDouble(f[12]), Boolean.parseBoolean(f[13]))));
            }
            catch (RuntimeException ex) {
                throw new IOException(file + " line " + (i + 1) + " is not a cell: " + lines.get(i), ex);
            }
        }
        return cells;
    }

    /** The constant whose label (lowercase, dashed) is {@code label}. */
    private static <E extends Enum<E>> E enumOf(Class<E> type, String label) {
        return Enum.valueOf(type, label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }

}
