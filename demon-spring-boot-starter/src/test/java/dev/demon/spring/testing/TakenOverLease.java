package dev.demon.spring.testing;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.h2.Driver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import dev.demon.spring.lease.JdbcJobLeases;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.lease.LeaseHolder;

/**
 * A job's lease taken over while its older holder still counts it as proved, as happens
 * when the taker's clock runs ahead of the holder's: the older holder takes the lease
 * (generation 1), its row's expiry is moved into the past, as the taker's clock sees it,
 * and a holder on host {@code build-7} takes the lease (generation 2). Only the
 * generation on disk can then stop the older holder's writes.
 */
public final class TakenOverLease implements AutoCloseable {

    /** The job whose lease it is. */
    public static final String JOB = "synthetic";

    private final Lease older;

    private final Lease newer;

    private TakenOverLease(Lease older, Lease newer) {
        this.older = older;
        this.newer = newer;
    }

    /**
     * Takes the lease twice in an H2 database in {@code folder}.
     * @param folder where the database goes
     * @return both holdings, to be closed on this thread
     */
    public static TakenOverLease in(Path folder) {
        DataSource dataSource = new SimpleDriverDataSource(new Driver(), "jdbc:h2:file:" + folder.resolve("batch"),
                "sa", "");
        JdbcJobLeases.createTableIfMissing(dataSource);
        Duration timeToLive = Duration.ofSeconds(30);
        Lease older = new JdbcJobLeases(dataSource, LeaseHolder.current(), timeToLive, Duration.ofSeconds(5))
            .acquire(JOB);
        new JdbcTemplate(dataSource)
            .update("UPDATE DEMON_LOCK SET EXPIRED_AFTER = DATEADD('MINUTE', -1, EXPIRED_AFTER)");
        Lease newer = new JdbcJobLeases(dataSource,
                new LeaseHolder("build-7", 1234, Instant.parse("2026-12-01T08:30:00Z")), timeToLive,
                Duration.ofSeconds(5))
            .acquire(JOB);
        return new TakenOverLease(older, newer);
    }

    /**
     * @return the holding whose lease was taken over: generation 1, still proved by its
     * own clock
     */
    public Lease older() {
        return this.older;
    }

    /**
     * @return the holding that took it over: generation 2
     */
    public Lease newer() {
        return this.newer;
    }

    @Override
    public void close() {
        this.newer.close();
        this.older.close();
    }

}
