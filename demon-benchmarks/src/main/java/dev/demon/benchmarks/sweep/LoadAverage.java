package dev.demon.benchmarks.sweep;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The machine's load averages over 1, 5 and 15 minutes, as {@code uptime} shows them: how
 * busy a shared machine was around a measurement, the measured processes included.
 *
 * @param one over the last minute
 * @param five over the last 5 minutes
 * @param fifteen over the last 15 minutes
 */
public record LoadAverage(double one, double five, double fifteen) {

    /**
     * @return the load averages now, from {@code /proc/loadavg} (Linux)
     * @throws IOException when the file cannot be read
     */
    public static LoadAverage now() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return new LoadAverage(Double.parseDouble(fields[0]), Double.parseDouble(fields[1]),
                Double.parseDouble(fields[2]));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f / %.2f / %.2f", one, five, fifteen);
    }

}
