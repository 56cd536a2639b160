package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.demon.spring.lease.JdbcJobLeases;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.lease.Lease;

/**
 * The job leases live in the application's DataSource, whose {@code DEMON_LOCK} table is
 * created when missing; without a DataSource or Spring Integration JDBC there are none.
 */
class DemonLeaseAutoConfigurationTest {

    @TempDir
    Path folder;

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, DemonLeaseAutoConfiguration.class))
            .withPropertyValues("demon.enabled=true",
                    "spring.datasource.url=jdbc:h2:file:" + this.folder.resolve("batch"));
    }

    @Test
    void leasesAreKeptInTheDataSourceWithTheirTableCreated() {
        runner().run((context) -> {
            assertThat(context).getBean(JobLeases.class).isInstanceOf(JdbcJobLeases.class);
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM DEMON_LOCK", Integer.class)).isZero();
            assertThat(new JdbcTemplate(context.getBean(DataSource.class))
                .queryForObject("SELECT COUNT(*) FROM DEMON_LEASE", Integer.class)).isZero();
        });
    }

    @Test
    void leaseLivesForDemonLeaseTimeToLive() {
        runner().withPropertyValues("demon.lease.time-to-live=7m").run((context) -> {
            try (Lease lease = context.getBean(JobLeases.class).acquire("synthetic")) {
                LocalDateTime expiredAfter = new JdbcTemplate(context.getBean(DataSource.class))
                    .queryForObject("SELECT EXPIRED_AFTER FROM DEMON_LOCK", LocalDateTime.class);
                LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
                assertThat(expiredAfter).isBetween(now.plusMinutes(6), now.plusMinutes(7));
            }
        });
    }

    @Test
    void leasesOfTheApplicationReplaceTheStartersOwn() {
        JobLeases own = JobLeases.none();
        runner().withBean(JobLeases.class, () -> own)
            .run((context) -> assertThat(context).getBean(JobLeases.class).isSameAs(own));
    }

    @Test
    void withoutSpringIntegrationJdbcThereAreNoLeases() {
        runner().withClassLoader(new FilteredClassLoader(JdbcLockRegistry.class))
            .run((context) -> assertThat(context).doesNotHaveBean(JobLeases.class));
    }

    @Test
    void withoutDemonEnabledThereAreNoLeases() {
        runner().withPropertyValues("demon.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(JobLeases.class));
    }

}
