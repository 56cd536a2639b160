package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.optimizer.OptimizerType;

/**
 * Cells written to CSV read back as the same cells, so tables can be redone from the
 * files.
 */
class CellCsvTest {

    @TempDir
    Path folder;

    @Test
    void readsBackWhatItWrote() throws IOException {
        List<CellResults.Finished> cells = List.of(
                new CellResults.Finished(
                        new Cell(ModelKind.CNN, OptimizerType.ADAM, "long", 5, Method.LR_ONE_CYCLE, 3, 1.0E-4f, 0.9f),
                        new CellResult(0.1024, 0.301234, 0.25, 44.5, false)),
                new CellResults.Finished(
                        new Cell(ModelKind.MLP, OptimizerType.SGDM, "short", 2, Method.MOMENTUM_COSINE, 1, 0.3f, 0.99f),
                        new CellResult(0.9, Double.NaN, Double.NaN, 1.25, true)));
        Path file = folder.resolve("cells.csv");

        CellCsv.write(cells, file);

        assertThat(CellCsv.read(file)).isEqualTo(cells);
    }

}
