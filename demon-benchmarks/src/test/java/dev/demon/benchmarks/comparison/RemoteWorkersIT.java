package dev.demon.benchmarks.comparison;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.LoopbackPostgres;
import dev.demon.spring.testing.Polling;

/**
 * The {@code smoke} comparison (144 cells) on a manager and two worker JVMs sharing a
 * PostgreSQL JobRepository, the manager embedding the broker; one worker is killed with
 * {@code kill -9} while it trains its third cell. The broker gives that cell to the other
 * worker, the job COMPLETES, and every cell is in the JobRepository once, with the same
 * figures, digit for digit, as the same grid trained on local threads.
 */
class RemoteWorkersIT {

    private static final Pattern TRAINING = Pattern.compile("(comparison-cell:cell-\\d{4}) (\\S+): training");

    /** Bounds against a hung build only: the whole test takes about two minutes. */
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(8);

    private static final int SMOKE_CELLS = 144;

    @TempDir
    Path workDir;

    @Test
    void jobCompletesWithEveryCellOnceAndAsOnLocalThreadsWhenAWorkerIsKilledMidCell() throws Exception {
        Path distributed = Files.createDirectories(this.workDir.resolve("distributed"));
        String killedCell;
        try (LoopbackPostgres postgres = LoopbackPostgres.start()) {
            int brokerPort = ChildProcess.freeLoopbackPort();
            List<String> jobRepository = List.of("--spring.datasource.url=" + postgres.jdbcUrl(),
                    "--spring.datasource.username=postgres");
            try (ChildProcess manager = ComparisonProcess.startSmoke("manager", distributed, "manager",
                    concat(jobRepository, "--comparison.broker-host=127.0.0.1",
                            "--comparison.broker-port=" + brokerPort,
                            "--demon.checkpoint.dir=" + distributed.resolve("jobs"),
                            "--comparison.output-dir=" + distributed.resolve("report")))) {
                // The workers start once the manager has created the schema and sends
                // cells.
                awaitLine(manager, "Executing step: [comparison-cells]");
                List<String> worker = concat(jobRepository,
                        "--spring.artemis.broker-url=tcp://127.0.0.1:" + brokerPort);
                try (ChildProcess killed = ComparisonProcess.startSmoke("worker-1", distributed, "worker",
                        concat(worker, "--demon.checkpoint.dir=" + distributed.resolve("worker-1")));
                        ChildProcess survivor = ComparisonProcess.startSmoke("worker-2", distributed, "worker",
                                concat(worker, "--demon.checkpoint.dir=" + distributed.resolve("worker-2")))) {
                    killedCell = killWhileTrainingCell(killed, 3);

                    assertThat(manager.waitForExit(RUN_TIMEOUT)).as("manager's exit code%n%s", manager.logTail())
                        .isZero();

                    String killedLog = Files.readString(killed.log());
                    String survivorLog = Files.readString(survivor.log());
                    assertThat(killedLog).as("the killed worker's log").doesNotContain(killedCell + ": test error");
                    assertThat(survivorLog).as("the surviving worker's log")
                        .contains(killedCell + ": training")
                        .contains(killedCell + ": test error");
                }
            }
            List<List<Object>> cells = postgres
                .query("SELECT STEP_NAME, COUNT(*), MIN(STATUS), MAX(STATUS) FROM BATCH_STEP_EXECUTION "
                        + "WHERE STEP_NAME LIKE 'comparison-cell:%' GROUP BY STEP_NAME");
            assertThat(cells).hasSize(SMOKE_CELLS)
                .allSatisfy(cell -> assertThat(cell.subList(1, 4)).as(cell.get(0).toString())
                    .containsExactly(1L, "COMPLETED", "COMPLETED"));
        }

        Path local = Files.createDirectories(this.workDir.resolve("local"));
        try (ChildProcess threads = ComparisonProcess.startSmoke("local", local, "",
                List.of("--demon.checkpoint.dir=" + local.resolve("jobs"),
                        "--comparison.output-dir=" + local.resolve("report")))) {
            assertThat(threads.waitForExit(RUN_TIMEOUT)).as("local run's exit code%n%s", threads.logTail()).isZero();
        }
        List<String> remoteCells = withoutSeconds(distributed.resolve("report/comparison-cells.csv"));
        assertThat(remoteCells).hasSize(SMOKE_CELLS + 1)
            .doesNotHaveDuplicates()
            .containsExactlyElementsOf(withoutSeconds(local.resolve("report/comparison-cells.csv")));
        assertThat(withoutTimes(distributed.resolve("report/comparison.md")))
            .containsExactlyElementsOf(withoutTimes(local.resolve("report/comparison.md")));
    }

    /**
     * Waits for the worker to start training its {@code n}-th cell and kills it at once:
     * a smoke cell trains for 0.2 s or more, the log is read every 10 ms.
     * @return the partition and key of the cell it was training
     */
    private static String killWhileTrainingCell(ChildProcess worker, int n) throws Exception {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            worker.requireAlive();
            List<String> started = TRAINING.matcher(Files.readString(worker.log()))
                .results()
                .map(match -> match.group(1) + " " + match.group(2))
                .toList();
            if (started.size() >= n) {
                worker.kill();
                return started.get(started.size() - 1);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("worker-1 trained fewer than " + n + " cells\n" + worker.logTail());
    }

    private static void awaitLine(ChildProcess process, String line) {
        Polling.until(line, RUN_TIMEOUT, () -> {
            process.requireAlive();
            return Files.readString(process.log()).contains(line) ? Optional.of(line) : Optional.empty();
        });
    }

    /** The cells' figures: every column of the cells' CSV but the wall time. */
    private static List<String> withoutSeconds(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        int seconds = List.of(lines.get(0).split(",")).indexOf("seconds");
        return lines.stream().map(line -> {
            String[] columns = line.split(",");
            columns[seconds] = "";
            return String.join(",", columns);
        }).toList();
    }

    /** The report's tables, without its line on the time per cell. */
    private static List<String> withoutTimes(Path report) throws IOException {
        Matcher ignored = Pattern.compile("s of training per cell").matcher("");
        return Files.readAllLines(report).stream().filter(line -> !ignored.reset(line).find()).toList();
    }

    private static List<String> concat(List<String> first, String... more) {
        return Stream.concat(first.stream(), Stream.of(more)).toList();
    }

}
