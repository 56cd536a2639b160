package dev.demon.spring.remote;

import static dev.demon.spring.remote.RemoteSweepProcesses.RUN_TIMEOUT;
import static dev.demon.spring.remote.RemoteSweepProcesses.SWEEP;
import static dev.demon.spring.remote.RemoteSweepProcesses.awaitLine;
import static dev.demon.spring.remote.RemoteSweepProcesses.awaitStarted;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.jms.Connection;
import jakarta.jms.Session;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import tools.jackson.databind.JsonNode;

import dev.demon.spring.report.ReportJson;
import dev.demon.spring.testing.ChildProcess;
import dev.demon.spring.testing.LoopbackPostgresDatabases;
import dev.demon.spring.testing.Polling;
import dev.demon.spring.workspace.Workspace;

/**
 * The faults remote partitioning users report, each on a manager embedding the broker and
 * two workers sharing a PostgreSQL JobRepository and one checkpoint folder, each a JVM of
 * its own: a request delivered twice, a worker killed with {@code kill -9} mid-trial,
 * with attempts left and without, and the manager (with the broker in it) killed once a
 * trial has completed and started again with the same command, the workers started before
 * it.
 */
class RemoteSweepFaultsIT {

    private static final String LEARNING_RATES = "0.01,0.02,0.03,0.04";

    private static final Pattern STARTED = Pattern.compile(SWEEP + " (trial-\\d{4}) \\(attempt 1\\): ");

    @RegisterExtension
    static final LoopbackPostgresDatabases postgres = new LoopbackPostgresDatabases();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path workDir;

    @Test
    void aRequestDeliveredTwiceIsNotTrainedTwice() throws Exception {
        try (RemoteSweepProcesses sweep = new RemoteSweepProcesses(workDir, postgres.database(), LEARNING_RATES)) {
            ChildProcess manager = sweep.manager("manager");
            awaitStarted(manager);
            ChildProcess first = sweep.worker("worker-1");
            ChildProcess second = sweep.worker("worker-2");
            String trial = firstTrialStarted(first);
            // The trial's request again, while it trains and its sweep runs.
            long partition = (Long) postgres.database()
                .query("SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = '" + SWEEP + "-trial:"
                        + trial + "'")
                .get(0)
                .get(0);
            sendRequest(sweep.brokerPort(), partition);

            assertThat(manager.waitForExit(RUN_TIMEOUT)).as("manager's exit code%n%s", manager.logTail()).isZero();
            String logs = Files.readString(first.log()) + Files.readString(second.log());
            assertThat(Pattern.compile(SWEEP + " " + trial + " \\(attempt").matcher(logs).results())
                .as("starts of " + trial)
                .hasSize(1);
            assertThat(
                    Pattern.compile(SWEEP + " " + trial + ": (already COMPLETED, not trained again|trained by process)")
                        .matcher(logs)
                        .results())
                .as("skipped duplicates of " + trial)
                .hasSize(1);
            assertEveryTrialCompletedOnce();
            assertThat(sweepJson(sweep).get("trials"))
                .allSatisfy(each -> assertThat(each.get("attempts").asInt()).isEqualTo(1));
        }
    }

    @Test
    void aTrialWhoseWorkerIsKilledResumesOnAnotherFromItsCheckpoint() throws Exception {
        try (RemoteSweepProcesses sweep = new RemoteSweepProcesses(workDir, postgres.database(), LEARNING_RATES)) {
            ChildProcess manager = sweep.manager("manager");
            awaitStarted(manager);
            ChildProcess killed = sweep.worker("worker-1");
            ChildProcess survivor = sweep.worker("worker-2");
            String killedTrial = killInEpochThree(killed, sweep);

            assertThat(manager.waitForExit(RUN_TIMEOUT)).as("manager's exit code%n%s", manager.logTail()).isZero();
            Matcher resumed = Pattern
                .compile(SWEEP + " " + killedTrial + " \\(attempt 2\\): \\{[^}]*\\} from epoch (\\d) of 4")
                .matcher(Files.readString(survivor.log()));
            assertThat(resumed.find()).as("the survivor resumes " + killedTrial).isTrue();
            assertThat(Integer.parseInt(resumed.group(1))).as("its first epoch").isGreaterThanOrEqualTo(2);
            assertEveryTrialCompletedOnce();
            assertThat(sweepJson(sweep).get("trials")).allSatisfy(trial -> {
                assertThat(trial.get("status").asString()).isEqualTo("COMPLETED");
                assertThat(trial.get("attempts").asInt()).as(trial.get("trial").asString())
                    .isEqualTo(trial.get("trial").asString().equals(killedTrial) ? 2 : 1);
                assertThat(trial.get("objective")).hasSize(4);
            });
        }
    }

    @Test
    void aTrialWhoseAttemptsAreSpentEndsFailedWithTheReasonAndTheSweepEnds() throws Exception {
        try (RemoteSweepProcesses sweep = new RemoteSweepProcesses(workDir, postgres.database(), LEARNING_RATES)) {
            String oneAttempt = "--demon.remote.max-attempts=1";
            ChildProcess manager = sweep.manager("manager", oneAttempt);
            awaitStarted(manager);
            ChildProcess killed = sweep.worker("worker-1", oneAttempt);
            sweep.worker("worker-2", oneAttempt);
            String killedTrial = killInEpochThree(killed, sweep);

            assertThat(manager.waitForExit(RUN_TIMEOUT)).as("manager's exit code%n%s", manager.logTail()).isNotZero();
            List<List<Object>> trials = postgres.database()
                .query("SELECT STEP_NAME, COUNT(*), MIN(STATUS), MAX(EXIT_MESSAGE) "
                        + "FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE '" + SWEEP + "-trial:%' GROUP BY STEP_NAME "
                        + "ORDER BY STEP_NAME");
            assertThat(trials).hasSize(4).allSatisfy(trial -> {
                String name = (String) trial.get(0);
                if (name.endsWith(killedTrial)) {
                    assertThat(trial.subList(1, 3)).containsExactly(1L, "FAILED");
                    assertThat((String) trial.get(3)).startsWith(killedTrial + " of sweep " + SWEEP
                            + " was started once in this execution (demon.remote.max-attempts = 1) and never ended; "
                            + "its last attempt ran on ");
                }
                else {
                    assertThat(trial.subList(1, 3)).as(name).containsExactly(1L, "COMPLETED");
                }
            });
            JsonNode results = sweepJson(sweep);
            assertThat(results.get("status").asString()).isEqualTo("FAILED");
            assertThat(results.get("trials")).allSatisfy(trial -> assertThat(trial.get("status").asString())
                .isEqualTo(trial.get("trial").asString().equals(killedTrial) ? "FAILED" : "COMPLETED"));
        }
    }

    @Test
    void aManagerKilledAndStartedAgainResumesTheSweepWithoutTrainingACompletedTrialAgain() throws Exception {
        try (RemoteSweepProcesses sweep = new RemoteSweepProcesses(workDir, postgres.database(), LEARNING_RATES)) {
            ChildProcess first = sweep.worker("worker-1");
            ChildProcess second = sweep.worker("worker-2");
            ChildProcess killed = sweep.manager("manager");
            List<String> completedBefore = Polling.until("a trial COMPLETED", RUN_TIMEOUT, () -> {
                killed.requireAlive();
                List<String> completed = completedTrials();
                return completed.isEmpty() ? Optional.empty() : Optional.of(completed);
            });
            killed.kill();

            ChildProcess restarted = sweep.manager("manager-2");
            assertThat(restarted.waitForExit(RUN_TIMEOUT)).as("restarted manager's exit code%n%s", restarted.logTail())
                .isZero();
            String logs = Files.readString(first.log()) + Files.readString(second.log());
            for (String trial : completedBefore) {
                assertThat(Pattern.compile(SWEEP + " " + trial.substring(trial.indexOf(':') + 1) + " \\(attempt")
                    .matcher(logs)
                    .results()).as("starts of " + trial).hasSize(1);
            }
            List<List<Object>> trials = postgres.database()
                .query("SELECT STEP_NAME, COUNT(*), MAX(STATUS) FROM " + "BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE '"
                        + SWEEP + "-trial:%' AND STATUS = 'COMPLETED' " + "GROUP BY STEP_NAME ORDER BY STEP_NAME");
            assertThat(trials).hasSize(4)
                .allSatisfy(trial -> assertThat(trial.get(1)).as(trial.get(0).toString()).isEqualTo(1L));
            for (String trial : completedBefore) {
                assertThat(postgres.database()
                    .query("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME = '" + trial + "'"))
                    .as("executions of " + trial)
                    .containsExactly(List.of(1L));
            }
            assertThat(sweepJson(sweep).get("status").asString()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aWorkerPausedPastItsLeaseTrainsNoFurtherEpochOnceItsTrialMovedOn() throws Exception {
        try (RemoteSweepProcesses sweep = new RemoteSweepProcesses(workDir, postgres.database(), LEARNING_RATES)) {
            String ttl = "--demon.lease.time-to-live=4s";
            ChildProcess manager = sweep.manager("manager", ttl);
            awaitStarted(manager);
            ChildProcess paused = sweep.worker("worker-1", ttl);
            ChildProcess survivor = sweep.worker("worker-2", ttl);
            String pausedTrial = inEpochThree(paused, sweep);
            paused.signal("STOP");
            try {
                awaitLine(survivor, SWEEP + " " + pausedTrial + " (attempt 2)");
            }
            finally {
                paused.signal("CONT");
            }
            long epochsBefore = epochLines(paused);
            // The line that says the trial lease was found taken over (JdbcJobLeases).
            awaitLine(paused, "this process stops it at the next batch boundary");

            assertThat(manager.waitForExit(RUN_TIMEOUT)).as("manager's exit code%n%s", manager.logTail()).isZero();
            assertThat(epochLines(paused)).as("epochs the paused worker finished").isEqualTo(epochsBefore);
            assertEveryTrialCompletedOnce();
            assertThat(sweepJson(sweep).get("trials")).allSatisfy(trial -> {
                assertThat(trial.get("attempts").asInt()).as(trial.get("trial").asString())
                    .isEqualTo(trial.get("trial").asString().equals(pausedTrial) ? 2 : 1);
                assertThat(trial.get("objective")).hasSize(4);
            });
        }
    }

    private static long epochLines(ChildProcess worker) throws IOException {
        return Files.readAllLines(worker.log())
            .stream()
            .filter(line -> line.contains(" epoch ") && line.contains(": train loss "))
            .count();
    }

    private static List<String> completedTrials() throws Exception {
        return postgres.database()
            .query("SELECT STEP_NAME FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE '" + SWEEP
                    + "-trial:%' AND STATUS = 'COMPLETED'")
            .stream()
            .map(row -> (String) row.get(0))
            .toList();
    }

    private static void assertEveryTrialCompletedOnce() throws Exception {
        assertThat(postgres.database()
            .query("SELECT STEP_NAME, COUNT(*), MIN(STATUS), MAX(STATUS) FROM BATCH_STEP_EXECUTION "
                    + "WHERE STEP_NAME LIKE '" + SWEEP + "-trial:%' GROUP BY STEP_NAME ORDER BY STEP_NAME"))
            .hasSize(4)
            .allSatisfy(trial -> assertThat(trial.subList(1, 4)).as(trial.get(0).toString())
                .containsExactly(1L, "COMPLETED", "COMPLETED"));
    }

    /** The trial a worker starts first. */
    private static String firstTrialStarted(ChildProcess worker) {
        return Polling.until("a trial started by " + worker.log().getFileName(), RUN_TIMEOUT, () -> {
            worker.requireAlive();
            Matcher started = STARTED.matcher(Files.readString(worker.log()));
            return started.find() ? Optional.of(started.group(1)) : Optional.empty();
        });
    }

    /**
     * Kills a worker with SIGKILL in its first trial once it has written the checkpoint
     * of epoch 2 (of 4): by then epoch 1 is recorded in the JobRepository.
     * @return the trial it was training
     */
    private static String killInEpochThree(ChildProcess worker, RemoteSweepProcesses sweep) throws Exception {
        String trial = inEpochThree(worker, sweep);
        worker.kill();
        return trial;
    }

    /**
     * Waits until a worker's first trial has written the checkpoint of epoch 2 (of 4): by
     * then epoch 1 is recorded in the JobRepository.
     * @return the trial
     */
    private static String inEpochThree(ChildProcess worker, RemoteSweepProcesses sweep) {
        String trial = firstTrialStarted(worker);
        Path sweepFolder = new Workspace(sweep.checkpoints()).sweep(SWEEP).folder();
        return Polling.until("the checkpoint of epoch 2 of " + trial, RUN_TIMEOUT, () -> {
            worker.requireAlive();
            return hasEpochTwoCheckpoint(sweepFolder, trial) ? Optional.of(trial) : Optional.empty();
        });
    }

    private static boolean hasEpochTwoCheckpoint(Path sweepFolder, String trial) throws IOException {
        if (!Files.isDirectory(sweepFolder)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sweepFolder)) {
            return files.anyMatch(file -> file.getParent().getFileName().toString().equals(trial)
                    && file.getFileName().toString().startsWith("epoch-0002"));
        }
    }

    private static void sendRequest(int brokerPort, long stepExecutionId) throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("tcp://127.0.0.1:" + brokerPort);
                Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            session.createProducer(session.createQueue("demon-trials"))
                .send(session.createObjectMessage(new StepExecutionRequest(SWEEP + "-trial", stepExecutionId)));
        }
    }

    private static JsonNode sweepJson(RemoteSweepProcesses sweep) throws IOException {
        return ReportJson.mapper()
            .readTree(Files.readString(new Workspace(sweep.checkpoints()).sweep(SWEEP).results()));
    }

}
