package dev.demon.spring.lease;

import java.time.Duration;
import java.util.ConcurrentModificationException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.util.UUIDConverter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Job leases kept with Spring Integration's {@link JdbcLockRegistry} in the
 * JobRepository's database, table {@code DEMON_LOCK}: a job's lease is the lock keyed by
 * its name, whose client id names the holder ({@link LeaseHolder}).
 *
 * <ul>
 * <li>A lease is renewed every {@link #RENEWAL} and lives {@link #TIME_TO_LIVE} after its
 * last renewal, so a holder that died without releasing it (kill -9, power loss) loses it
 * then, and the registry hands it to the next process that asks.
 * <li>A holder on this host whose process is gone has lost its lease at once: its row is
 * deleted and the lease taken, so a restart after kill -9 on the same machine waits for
 * no time to live.
 * <li>Each taking of a lease draws the next generation of the job from table
 * {@code DEMON_LEASE}, the fencing token its holder writes with its checkpoints and
 * reports ({@link Lease#generation()}).
 * <li>A holder proves its lease by renewing it: once a time to live has passed, by
 * {@link System#nanoTime()}, since the start of its last successful renewal,
 * {@link Lease#requireHeld()} renews it on the spot, and when that fails too, or once a
 * renewal finds the lease taken, the lease is lost for good and
 * {@link Lease#requireHeld()} fails. The monotonic clock, unlike the wall clock, counts
 * the time the process was frozen, and nothing an administrator or NTP does to the wall
 * clock moves it.
 * </ul>
 */
public class JdbcJobLeases implements JobLeases {

    /**
     * How long a lease lives after its last renewal. The registry compares expiry times
     * written by the holder's clock with the taker's clock, so the time to live must stay
     * well above the clock skew between machines (NTP keeps it under a second) and above
     * a few missed renewals (a long GC pause, a database fail-over); a takeover after a
     * crash on another host waits at most this long.
     */
    public static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);

    /** How often a held lease is renewed: six times per time to live. */
    public static final Duration RENEWAL = Duration.ofSeconds(5);

    /** The registry's region: keeps the starter's locks apart from an application's. */
    static final String REGION = "demon-jobs";

    private static final Logger logger = LoggerFactory.getLogger(JdbcJobLeases.class);

    private final JdbcTemplate jdbc;

    private final DefaultLockRepository repository;

    private final JdbcLockRegistry registry;

    private final LeaseHolder self;

    private final Duration timeToLive;

    private final Duration renewal;

    /**
     * Creates the leases of this process with the default time to live and renewal.
     * @param dataSource the JobRepository's database, where {@code DEMON_LOCK} exists
     * (see {@link #createTableIfMissing(DataSource)})
     */
    public JdbcJobLeases(DataSource dataSource) {
        this(dataSource, LeaseHolder.current(), TIME_TO_LIVE, RENEWAL);
    }

    /**
     * Creates the leases of a holder.
     * @param dataSource the JobRepository's database, where {@code DEMON_LOCK} exists
     * @param self the holder this process is
     * @param timeToLive how long a lease lives after its last renewal
     * @param renewal how often a held lease is renewed, well under the time to live
     */
    public JdbcJobLeases(DataSource dataSource, LeaseHolder self, Duration timeToLive, Duration renewal) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.repository = new DefaultLockRepository(dataSource, self.clientId());
        this.repository.setPrefix("DEMON_");
        this.repository.setRegion(REGION);
        this.repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
        this.repository.afterPropertiesSet();
        this.repository.afterSingletonsInstantiated();
        this.registry = new JdbcLockRegistry(this.repository, timeToLive);
        this.self = self;
        this.timeToLive = timeToLive;
        this.renewal = renewal;
    }

    /**
     * Creates the {@code DEMON_LOCK} table unless it exists.
     * @param dataSource the JobRepository's database
     */
    public static void createTableIfMissing(DataSource dataSource) {
        new ResourceDatabasePopulator(new ClassPathResource("schema.sql", JdbcJobLeases.class)).execute(dataSource);
    }

    /**
     * Creates the leases of this process with the default renewal: six per time to live.
     * @param dataSource the JobRepository's database, where {@code DEMON_LOCK} exists
     * @param timeToLive how long a lease lives after its last renewal
     */
    public JdbcJobLeases(DataSource dataSource, Duration timeToLive) {
        this(dataSource, LeaseHolder.current(), timeToLive, timeToLive.dividedBy(6));
    }

    @Override
    public Lease acquire(String jobName) {
        DistributedLock lock = this.registry.obtain(jobName);
        // A failed attempt throws, or removes a holder that is gone; the third attempt is
        // for a holder that lets go between our attempt and our look.
        for (int attempt = 1; attempt <= 3; attempt++) {
            // The lease lives a time to live from the moment the database stamps it,
            // which is after this.
            long attemptStart = System.nanoTime();
            if (lock.tryLock()) {
                long generation;
                try {
                    generation = nextGeneration(jobName);
                }
                catch (RuntimeException ex) {
                    lock.unlock();
                    throw ex;
                }
                logger.info("Job {}: lease taken by {}, generation {}", jobName, this.self.clientId(), generation);
                RenewedLease lease = new RenewedLease(jobName, lock, generation, attemptStart);
                return lease;
            }
            Optional<String> clientId = holderOf(jobName);
            if (clientId.isEmpty()) {
                continue;
            }
            LeaseHolder holder = LeaseHolder.parse(clientId.get())
                .orElseThrow(() -> new IllegalStateException(
                        "Job " + jobName + ": its lease is held by an unknown client " + clientId.get()));
            if (!holder.isGoneFrom(this.self.host())) {
                throw new LeaseHeldException(jobName, holder, this.timeToLive);
            }
            logger.warn("Job {}: the lease of process {} on this host is taken over, as that process is gone", jobName,
                    holder.pid());
            this.jdbc.update("DELETE FROM DEMON_LOCK WHERE REGION = ? AND LOCK_KEY = ? AND CLIENT_ID = ?", REGION,
                    lockKey(jobName), clientId.get());
        }
        throw new IllegalStateException("Job " + jobName + ": its lease could not be taken");
    }

    /**
     * Counts one more holder of a job's lease, which this process holds: no other process
     * takes the same generation.
     */
    private long nextGeneration(String jobName) {
        String clientId = this.self.clientId();
        if (this.jdbc.update("UPDATE DEMON_LEASE SET GENERATION = GENERATION + 1, CLIENT_ID = ? "
                + "WHERE REGION = ? AND LOCK_KEY = ?", clientId, REGION, lockKey(jobName)) == 0) {
            this.jdbc.update("INSERT INTO DEMON_LEASE (REGION, LOCK_KEY, GENERATION, CLIENT_ID) VALUES (?, ?, 1, ?)",
                    REGION, lockKey(jobName), clientId);
        }
        return this.jdbc.queryForObject("SELECT GENERATION FROM DEMON_LEASE WHERE REGION = ? AND LOCK_KEY = ?",
                Long.class, REGION, lockKey(jobName));
    }

    private Optional<String> holderOf(String jobName) {
        List<String> holders = this.jdbc.queryForList(
                "SELECT CLIENT_ID FROM DEMON_LOCK WHERE REGION = ? AND LOCK_KEY = ?", String.class, REGION,
                lockKey(jobName));
        return holders.stream().findFirst();
    }

    /** The lock key the registry stores for a job: a UUID of its name. */
    private static String lockKey(String jobName) {
        return UUIDConverter.getUUID(jobName).toString();
    }

    /**
     * A held lock renewed on a daemon thread until closed, and proved by its renewals.
     */
    private final class RenewedLease implements Lease {

        private final String jobName;

        private final DistributedLock lock;

        private final long generation;

        private final ScheduledExecutorService renewals;

        /** {@link System#nanoTime()} when the latest successful renewal began. */
        private volatile long provedAt;

        /** Why the lease is lost, or null while it is held. */
        private volatile String lost;

        /** Renewals failed in a row, counted on the renewal thread only. */
        private int failedRenewals;

        RenewedLease(String jobName, DistributedLock lock, long generation, long provedAt) {
            this.jobName = jobName;
            this.lock = lock;
            this.generation = generation;
            this.provedAt = provedAt;
            this.renewals = Executors.newSingleThreadScheduledExecutor((task) -> {
                Thread thread = new Thread(task, "lease-" + jobName);
                thread.setDaemon(true);
                return thread;
            });
            long period = JdbcJobLeases.this.renewal.toMillis();
            this.renewals.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
        }

        private void renew() {
            if (this.lost != null) {
                return;
            }
            try {
                renewNow();
                if (this.failedRenewals > 0) {
                    logger.info("Job {}: its lease is renewed again after {} failed renewals", this.jobName,
                            this.failedRenewals);
                    this.failedRenewals = 0;
                }
            }
            catch (RuntimeException ex) {
                // The next renewal may succeed: the lease outlives several missed ones.
                // The first failure of a run of them carries its stack trace; the rest,
                // six per time to live, only their message.
                this.failedRenewals++;
                if (this.failedRenewals == 1) {
                    logger.warn("Job {}: renewing its lease failed; retrying every {}", this.jobName,
                            JdbcJobLeases.this.renewal, ex);
                }
                else {
                    logger.warn("Job {}: renewing its lease failed again ({} in a row): {}", this.jobName,
                            this.failedRenewals, ex.getMessage());
                }
            }
        }

        /**
         * Renews the lease now. The renewal waits for a connection while the database is
         * away, and proves the lease from its start only: the database stamps the new
         * expiry later.
         */
        private void renewNow() {
            long start = System.nanoTime();
            // The repository, not the lock: the lock renews only on the thread that
            // holds it, which is busy training.
            if (JdbcJobLeases.this.repository.renew(lockKey(this.jobName), JdbcJobLeases.this.timeToLive)) {
                this.provedAt = start;
            }
            else {
                lose(takerOfTheLease());
            }
        }

        /**
         * Why a renewal found the lease no longer this process's: the latest holder the
         * lease table names, when it is newer than this one.
         */
        private String takerOfTheLease() {
            try {
                List<Map<String, Object>> latest = JdbcJobLeases.this.jdbc.queryForList(
                        "SELECT GENERATION, CLIENT_ID FROM DEMON_LEASE WHERE REGION = ? AND LOCK_KEY = ?", REGION,
                        lockKey(this.jobName));
                if (!latest.isEmpty()) {
                    long generation = ((Number) latest.get(0).get("GENERATION")).longValue();
                    String clientId = String.valueOf(latest.get(0).get("CLIENT_ID"));
                    if (generation > this.generation) {
                        return "its lease was taken over by " + name(clientId) + " (generation " + generation
                                + "; this process held generation " + this.generation + ")";
                    }
                }
                Optional<String> holder = holderOf(this.jobName);
                if (holder.isPresent()) {
                    return "its lease is held by " + name(holder.get()) + " (this process held generation "
                            + this.generation + ")";
                }
            }
            catch (RuntimeException ex) {
                // The renewal has just answered: a failed look only loses the taker's
                // name.
                logger.debug("Job {}: cannot read who holds its lease now", this.jobName, ex);
            }
            return "its lease expired in the database and is no longer this process's (generation " + this.generation
                    + ")";
        }

        /** {@code host <host> pid <pid>} for a holder's client id, or the id as it is. */
        private static String name(String clientId) {
            return LeaseHolder.parse(clientId)
                .map((holder) -> "host " + holder.host() + " pid " + holder.pid())
                .orElse(clientId);
        }

        /**
         * Fences this holder for good. Logged at INFO only: the lease is the fenced
         * work's to report, once, when it stops ({@link LeaseLostException}); this line
         * tells when the loss was found.
         */
        private void lose(String reason) {
            if (this.lost == null) {
                this.lost = reason;
                logger.info("Job {}: {}; this process stops it at the next batch boundary and writes nothing more "
                        + "for it", this.jobName, reason);
            }
        }

        @Override
        public long generation() {
            return this.generation;
        }

        @Override
        public void requireHeld() {
            long unproved = System.nanoTime() - this.provedAt;
            if (this.lost == null && unproved >= JdbcJobLeases.this.timeToLive.toNanos()) {
                // The renewals fell behind (the database was away, the process frozen):
                // still the holder's row, the lease was nobody else's meanwhile.
                try {
                    renewNow();
                }
                catch (RuntimeException ex) {
                    lose(String.format(
                            "its lease was last proved %.1f s ago, longer than its time to live of %s, "
                                    + "and cannot be renewed now (%s), so another process may hold it",
                            unproved / 1e9, JdbcJobLeases.this.timeToLive, ex.getMessage()));
                }
            }
            String reason = this.lost;
            if (reason != null) {
                throw new LeaseLostException(this.jobName, reason);
            }
        }

        @Override
        public void requireNewest(long generationOnDisk, String where) {
            if (generationOnDisk > this.generation) {
                lose(where + " was written by a newer holder of its lease (generation " + generationOnDisk
                        + ", this process holds generation " + this.generation + ")");
            }
            requireHeld();
        }

        /**
         * Releases the lease. A lease another process took has nothing in the database to
         * release: the lock's row is the taker's, and the registry's "released in the
         * store" failure says only that, so it is logged without its stack trace (at INFO
         * when this holder already knew its lease lost); the lock is unlocked all the
         * same, which frees it in this process (and deletes the row, when it is still
         * this holder's).
         */
        @Override
        public void close() {
            this.renewals.shutdownNow();
            try {
                this.lock.unlock();
                logger.info("Job {}: lease released", this.jobName);
            }
            catch (ConcurrentModificationException ex) {
                if (this.lost != null) {
                    logger.info("Job {}: lease not released, as it was no longer this process's: {}", this.jobName,
                            this.lost);
                }
                else {
                    // Taken over once expired by the taker's clock, before a renewal here
                    // found it lost (clocks apart): the generations on disk fenced the
                    // writes meanwhile. The registry's message says all there is.
                    logger.warn("Job {}: lease not released, as it was no longer this process's although no renewal "
                            + "had found it lost: {}", this.jobName, ex.getMessage());
                }
            }
            catch (RuntimeException ex) {
                logger.warn("Job {}: releasing its lease failed; it expires within {}", this.jobName,
                        JdbcJobLeases.this.timeToLive, ex);
            }
        }

    }

}
