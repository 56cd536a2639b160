package dev.demon.spring.autoconfigure;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;

import dev.demon.spring.lease.JdbcJobLeases;
import dev.demon.spring.lease.JobLeases;

/**
 * Auto-configuration of the job leases, active with {@code demon.enabled=true}, a
 * DataSource (the JobRepository's) and Spring Integration's JDBC locks on the class path:
 * the leases live in that database's {@code DEMON_LOCK} table, created when missing, so
 * that every process sharing the JobRepository sees them, with the time to live
 * {@code demon.lease.time-to-live}.
 */
@AutoConfiguration(after = { DataSourceAutoConfiguration.class, BatchJdbcAutoConfiguration.class },
        before = DemonBatchAutoConfiguration.class)
@ConditionalOnBooleanProperty("demon.enabled")
@ConditionalOnClass(JdbcLockRegistry.class)
@ConditionalOnBean(DataSource.class)
@EnableConfigurationProperties(DemonProperties.class)
public final class DemonLeaseAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JobLeases jobLeases(DataSource dataSource, DemonProperties properties) {
        // Create-if-missing rather than spring.batch.jdbc.initialize-schema: a
        // JobRepository whose Batch schema was created by hand still gets the one table a
        // lease needs.
        JdbcJobLeases.createTableIfMissing(dataSource);
        return new JdbcJobLeases(dataSource, properties.lease().timeToLive());
    }

}
