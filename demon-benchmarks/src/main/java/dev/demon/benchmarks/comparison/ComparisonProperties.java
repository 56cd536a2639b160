package dev.demon.benchmarks.comparison;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which of the starter's sweeps ({@code demon.sweeps.*}, declared in
 * {@code comparison-<profile>.yml}) make each grid of the benchmarks, prefix
 * {@code comparison}.
 *
 * @param grids each grid's sweeps in the order they run and their settings are reported:
 * {@code comparison} (one sweep per setting, named {@code <model>-<optimizer>-<budget>},
 * the methods its variants) and {@code sensitivity} (sweeps whose variants are the
 * methods and whose parameters include {@code learning-rate.initial} and
 * {@code momentum.beta-init})
 * @param outputDir where the reports and heatmaps are written
 */
@ConfigurationProperties("comparison")
public record ComparisonProperties(@DefaultValue Map<String, List<String>> grids,
        @DefaultValue("target/benchmarks") Path outputDir) {

    /**
     * The sweeps of a grid.
     * @param grid {@code comparison} or {@code sensitivity}
     * @return its sweeps, in order
     * @throws IllegalArgumentException when the active profiles declare no such grid
     */
    public List<String> sweeps(String grid) {
        List<String> sweeps = grids.get(grid);
        if (sweeps == null || sweeps.isEmpty()) {
            throw new IllegalArgumentException("comparison.grids." + grid + " names no sweep; grids: " + grids.keySet()
                    + " (choose a profile: --spring.profiles.active=smoke, medium or full)");
        }
        return sweeps;
    }

}
