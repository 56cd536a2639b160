package dev.demon.benchmarks.comparison;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Every finished cell as one CSV row, for whoever wants to redo the statistics. */
final class CellCsv {

    private CellCsv() {}

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
}
