package dev.demon.spring.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.demon.spring.testing.TrainingRun;

/**
 * The job's lease cannot be renewed for longer than its time to live (1 s here) while
 * update 8, in epoch 2, runs: the database's lease table is out of reach, as from a
 * process cut off from its database. The holder stops at the next batch boundary: no
 * further update, no checkpoint, no report, and the job ends FAILED with a non-zero exit
 * code.
 */
class FencedJobTest {

    @TempDir
    static Path folder;

    private static TrainingRun fenced;

    @BeforeAll
    static void loseTheLeaseDuringUpdateEight() {
        fenced = TrainingRun.startDoingDuring(folder, 8, FencedJobTest::cutOffTheLeaseTableForLongerThanItsLife,
                context -> leaseTable(context).execute("ALTER TABLE DEMON_LOCK_AWAY RENAME TO DEMON_LOCK"),
                "--demon.lease.time-to-live=1s");
    }

    private static void cutOffTheLeaseTableForLongerThanItsLife(ConfigurableApplicationContext context) {
        leaseTable(context).execute("ALTER TABLE DEMON_LOCK RENAME TO DEMON_LOCK_AWAY");
        try {
            Thread.sleep(1200);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static JdbcTemplate leaseTable(ConfigurableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class));
    }

    @Test
    void holderStopsAtTheNextBatchBoundaryAfterTheUpdateDuringWhichItsLeaseLapsed() {
        assertThat(fenced.updates()).last().isEqualTo(8L);
    }

    @Test
    void jobEndsFailedNamingTheFencingWithANonZeroExitCode() {
        assertThat(fenced.status()).isEqualTo(BatchStatus.FAILED);
        assertThat(fenced.exitCode()).isNotZero();
        assertThat(fenced.stepFailures()).singleElement()
            .asString()
            .contains("Job synthetic is fenced: its lease was last proved ")
            .contains("longer than its time to live of PT1S");
    }

    @Test
    void fencedHolderWritesNoCheckpointAndNoReport() {
        assertThat(fenced.checkpoints()).extracting(file -> file.getFileName().toString())
            .containsExactly("epoch-0001.g000001.ckpt");
        assertThat(fenced.report()).isNull();
    }

}
