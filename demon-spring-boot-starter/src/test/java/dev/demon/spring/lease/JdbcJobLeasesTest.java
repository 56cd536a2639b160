package dev.demon.spring.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.h2.Driver;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.demon.spring.testing.Polling;
import dev.demon.spring.testing.TakenOverLease;

/**
 * A job's lease in an H2 file JobRepository: refused while another live process holds it,
 * taken over once it expired or at once when its holder was a process of this host that
 * is gone. Other holders are simulated by their rows in {@code DEMON_LOCK}.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcJobLeasesTest {

    private static final String JOB = "fashion-mnist-mlp";

    /** Above Linux's largest possible process id (2^22): no process has it. */
    private static final long DEAD_PID = 4_194_305;

    private static final Instant SINCE = Instant.parse("2026-12-01T08:30:00Z");

    @TempDir
    Path dir;

    private DataSource dataSource;

    private JdbcTemplate jdbc;

    private final LeaseHolder self = LeaseHolder.current();

    @BeforeEach
    void jobRepository() {
        this.dataSource = new SimpleDriverDataSource(new Driver(), "jdbc:h2:file:" + this.dir.resolve("batch"), "sa",
                "");
        this.jdbc = new JdbcTemplate(this.dataSource);
        JdbcJobLeases.createTableIfMissing(this.dataSource);
    }

    private JdbcJobLeases leases() {
        return new JdbcJobLeases(this.dataSource, this.self, Duration.ofSeconds(30), Duration.ofSeconds(5));
    }

    private void holdLease(LeaseHolder holder, LocalDateTime expiredAfter) {
        this.jdbc.update(
                "INSERT INTO DEMON_LOCK (REGION, LOCK_KEY, CLIENT_ID, CREATED_DATE, EXPIRED_AFTER) VALUES (?, ?, ?, ?, ?)",
                JdbcJobLeases.REGION, UUIDConverter.getUUID(JOB).toString(), holder.clientId(),
                Timestamp.valueOf(utcNow().minusMinutes(1)), Timestamp.valueOf(expiredAfter));
    }

    private List<String> holders() {
        return this.jdbc.queryForList("SELECT CLIENT_ID FROM DEMON_LOCK", String.class);
    }

    private static LocalDateTime utcNow() {
        return LocalDateTime.now(ZoneOffset.UTC);
    }

    @Test
    void freeLeaseIsTakenUnderThisProcesssName() {
        try (Lease lease = leases().acquire(JOB)) {
            assertThat(holders()).containsExactly(this.self.clientId());
        }
    }

    @Test
    void closedLeaseIsReleased() {
        leases().acquire(JOB).close();
        assertThat(holders()).isEmpty();
    }

    @Test
    void liveLeaseOfAnotherHostIsRefusedNamingItsHolder() {
        LeaseHolder other = new LeaseHolder("build-7", 1234, SINCE);
        holdLease(other, utcNow().plusSeconds(20));
        assertThatExceptionOfType(LeaseHeldException.class).isThrownBy(() -> leases().acquire(JOB))
            .withMessage("Job fashion-mnist-mlp is running in process 1234 on host build-7 since "
                    + "2026-12-01T08:30:00Z, which holds its lease")
            .satisfies((refusal) -> assertThat(refusal.getHolder()).isEqualTo(other));
        assertThat(holders()).containsExactly("build-7 pid 1234 since 2026-12-01T08:30:00Z");
    }

    @Test
    void liveLeaseOfAnotherProcessOfThisHostIsRefused() {
        // This test's own JVM: alive, but another holder than the one asking.
        LeaseHolder other = new LeaseHolder(this.self.host(), ProcessHandle.current().pid(), SINCE);
        holdLease(other, utcNow().plusSeconds(20));
        assertThatExceptionOfType(LeaseHeldException.class).isThrownBy(() -> leases().acquire(JOB))
            .satisfies((refusal) -> assertThat(refusal.getHolder()).isEqualTo(other));
    }

    @Test
    void expiredLeaseOfAnotherHostIsTakenOver() {
        holdLease(new LeaseHolder("build-7", 1234, SINCE), utcNow().minusSeconds(1));
        try (Lease lease = leases().acquire(JOB)) {
            assertThat(holders()).containsExactly(this.self.clientId());
        }
    }

    @Test
    void liveLeaseOfAGoneProcessOfThisHostIsTakenOverAtOnce() {
        holdLease(new LeaseHolder(this.self.host(), DEAD_PID, SINCE), utcNow().plusSeconds(20));
        try (Lease lease = leases().acquire(JOB)) {
            assertThat(holders()).containsExactly(this.self.clientId());
        }
    }

    @Test
    void liveLeaseOfAProcessIdOnAnotherHostIsRefusedWhateverRunsHereUnderThatId() {
        holdLease(new LeaseHolder("build-7", DEAD_PID, SINCE), utcNow().plusSeconds(20));
        assertThatExceptionOfType(LeaseHeldException.class).isThrownBy(() -> leases().acquire(JOB));
    }

    @Test
    void heldLeaseIsRenewedBeforeItExpires() throws Exception {
        JdbcJobLeases leases = new JdbcJobLeases(this.dataSource, this.self, Duration.ofSeconds(2),
                Duration.ofMillis(200));
        try (Lease lease = leases.acquire(JOB)) {
            Thread.sleep(3000);
            LocalDateTime expiredAfter = this.jdbc.queryForObject("SELECT EXPIRED_AFTER FROM DEMON_LOCK",
                    LocalDateTime.class);
            assertThat(expiredAfter).isAfter(utcNow());
        }
    }

    @Test
    void everyTakingOfTheLeaseHasTheNextGeneration() {
        JdbcJobLeases leases = leases();
        try (Lease first = leases.acquire(JOB)) {
            assertThat(first.generation()).isEqualTo(1);
        }
        try (Lease second = leases.acquire(JOB)) {
            assertThat(second.generation()).isEqualTo(2);
        }
    }

    @Test
    void takeoverOfAnExpiredLeaseHasTheNextGeneration() {
        try (Lease first = leases().acquire(JOB)) {
            this.jdbc.update("UPDATE DEMON_LOCK SET EXPIRED_AFTER = ?", Timestamp.valueOf(utcNow().minusSeconds(1)));
            JdbcJobLeases other = new JdbcJobLeases(this.dataSource, new LeaseHolder("build-7", 1234, SINCE),
                    Duration.ofSeconds(30), Duration.ofSeconds(5));
            try (Lease taken = other.acquire(JOB)) {
                assertThat(taken.generation()).isEqualTo(2);
            }
        }
    }

    @Test
    void leaseNotRenewedWithinItsTimeToLiveFailsItsHolder() throws Exception {
        JdbcJobLeases leases = new JdbcJobLeases(this.dataSource, this.self, Duration.ofSeconds(1),
                Duration.ofHours(1));
        try (Lease lease = leases.acquire(JOB)) {
            lease.requireHeld();
            // The database out of reach: no renewal can succeed.
            this.jdbc.execute("ALTER TABLE DEMON_LOCK RENAME TO DEMON_LOCK_AWAY");
            Thread.sleep(1100);
            assertThatExceptionOfType(LeaseLostException.class).isThrownBy(lease::requireHeld)
                .withMessageStartingWith("Job fashion-mnist-mlp is fenced: its lease was last proved ")
                .withMessageContaining(" s ago, longer than its time to live of PT1S, and cannot be renewed now");
            this.jdbc.execute("ALTER TABLE DEMON_LOCK_AWAY RENAME TO DEMON_LOCK");
            assertThatExceptionOfType(LeaseLostException.class).as("once lost, lost for good")
                .isThrownBy(lease::requireHeld);
        }
    }

    @Test
    void renewalsFailingInARowLogTheFirstFailuresStackTraceAndOnlyTheMessageOfTheOthers(CapturedOutput output) {
        JdbcJobLeases leases = new JdbcJobLeases(this.dataSource, this.self, Duration.ofSeconds(30),
                Duration.ofMillis(100));
        try (Lease lease = leases.acquire(JOB)) {
            this.jdbc.execute("ALTER TABLE DEMON_LOCK RENAME TO DEMON_LOCK_AWAY");
            Polling.until("three renewals failed", Duration.ofSeconds(30),
                    () -> output.getAll().contains("(3 in a row)") ? Optional.of(true) : Optional.empty());
            this.jdbc.execute("ALTER TABLE DEMON_LOCK_AWAY RENAME TO DEMON_LOCK");
            Polling.until("a renewal succeeded again", Duration.ofSeconds(30),
                    () -> output.getAll().contains("renewed again") ? Optional.of(true) : Optional.empty());
        }
        List<String> lines = output.getAll().lines().toList();
        assertThat(lines).filteredOn(line -> line.contains("renewing its lease failed; retrying every PT0.1S"))
            .hasSize(1);
        assertThat(lines).filteredOn(line -> line.startsWith("org.springframework.jdbc.BadSqlGrammarException"))
            .as("stack traces")
            .hasSize(1);
        assertThat(lines).filteredOn(line -> line.contains("renewing its lease failed again (2 in a row): "))
            .singleElement()
            .asString()
            .contains("bad SQL grammar");
        assertThat(lines).anyMatch(line -> line
            .matches(".* INFO .*Job fashion-mnist-mlp: its lease is renewed again " + "after \\d+ failed renewals"));
    }

    @Test
    void releasingALeaseTakenOverBeforeItsHolderFoundItLostWarnsWithoutAStackTrace(CapturedOutput output) {
        TakenOverLease lease = TakenOverLease.in(this.dir.resolve("taken-over"));
        lease.older().close();
        lease.newer().close();
        assertThat(output.getAll().lines()).filteredOn(line -> line.contains("lease not released"))
            .singleElement()
            .asString()
            .contains(" WARN ")
            .endsWith("Job synthetic: lease not released, as it was no longer this process's although no renewal "
                    + "had found it lost: Lock was released in the store due to expiration. The integrity of data "
                    + "protected by this lock may have been compromised.");
        assertThat(output.getAll()).doesNotContain("ConcurrentModificationException").doesNotContainPattern("\\tat ");
    }

    @Test
    void leaseLateToRenewIsRenewedOnTheSpotWhenStillItsHolders() throws Exception {
        JdbcJobLeases leases = new JdbcJobLeases(this.dataSource, this.self, Duration.ofSeconds(1),
                Duration.ofHours(1));
        try (Lease lease = leases.acquire(JOB)) {
            Thread.sleep(1100);
            lease.requireHeld();
            LocalDateTime expiredAfter = this.jdbc.queryForObject("SELECT EXPIRED_AFTER FROM DEMON_LOCK",
                    LocalDateTime.class);
            assertThat(expiredAfter).isAfter(utcNow());
        }
    }

    @Test
    void leaseTakenByAnotherProcessFailsItsHolderFromItsNextRenewalOn() {
        JdbcJobLeases leases = new JdbcJobLeases(this.dataSource, this.self, Duration.ofSeconds(30),
                Duration.ofMillis(100));
        try (Lease lease = leases.acquire(JOB)) {
            String taker = new LeaseHolder("build-7", 1234, SINCE).clientId();
            this.jdbc.update("UPDATE DEMON_LEASE SET GENERATION = 2, CLIENT_ID = ?", taker);
            this.jdbc.update("UPDATE DEMON_LOCK SET CLIENT_ID = ?", taker);
            LeaseLostException lost = Polling.until("the lease found lost", Duration.ofSeconds(30), () -> {
                try {
                    lease.requireHeld();
                    return Optional.empty();
                }
                catch (LeaseLostException ex) {
                    return Optional.of(ex);
                }
            });
            assertThat(lost)
                .hasMessageStartingWith("Job fashion-mnist-mlp is fenced: its lease was taken over by host build-7 "
                        + "pid 1234 (generation 2; this process held generation 1). ");
        }
    }

    @Test
    void leaseWhoseWritesFoundANewerGenerationFailsItsHolderForGood() {
        try (Lease lease = leases().acquire(JOB)) {
            lease.requireNewest(1, "report.json");
            assertThatExceptionOfType(LeaseLostException.class).isThrownBy(() -> lease.requireNewest(2, "report.json"))
                .withMessageStartingWith("Job fashion-mnist-mlp is fenced: report.json was written by a newer holder "
                        + "of its lease (generation 2, this process holds generation 1)");
            assertThatExceptionOfType(LeaseLostException.class).isThrownBy(lease::requireHeld);
        }
    }

}
