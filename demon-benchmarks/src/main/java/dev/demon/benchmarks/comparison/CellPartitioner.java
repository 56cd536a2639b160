package dev.demon.benchmarks.comparison;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per cell, named {@code cell-0001} onwards in grid order; Spring Batch
 * names the worker step executions {@code cell:cell-0001}, ... On a restart Spring Batch
 * reuses the contexts stored with the first run and reruns only partitions that did not
 * complete.
 */
public class CellPartitioner implements Partitioner {

    private final List<Cell> cells;

    /**
     * @param cells the grid
     */
    public CellPartitioner(List<Cell> cells) {
        this.cells = List.copyOf(cells);
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            ExecutionContext context = new ExecutionContext();
            cells.get(i).writeTo(context);
            partitions.put(String.format("cell-%04d", i + 1), context);
        }
        return partitions;
    }

}
