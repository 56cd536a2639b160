package dev.demon.benchmarks.comparison;

import java.time.Duration;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.dsl.context.IntegrationFlowContext;

/**
 * The profile {@value #PROFILE}: the jobs' cells are trained by worker processes
 * ({@link WorkerConfiguration}) instead of local threads ({@link RemoteWorkers}).
 *
 * <p>
 * The broker is Spring Boot's embedded Artemis server, reachable by the workers on
 * {@code comparison.broker-host}:{@code comparison.broker-port}; with
 * {@code spring.artemis.broker-url} the manager uses that broker instead and embeds none
 * ({@link ExternalBrokerEnvironmentPostProcessor}). The JobRepository must be one the
 * workers share, {@code spring.datasource.*} (PostgreSQL).
 */
@Configuration(proxyBeanMethods = false)
@Profile(ManagerConfiguration.PROFILE)
@EnableBatchIntegration
public class ManagerConfiguration {

    /** The profile of the manager process. */
    public static final String PROFILE = "manager";

    private static final Duration REDELIVERY_DELAY = Duration.ofSeconds(1);

    /**
     * @param dataSourceUrl the JobRepository's {@code spring.datasource.url}
     * @throws JobRepositoryNotSharedException when no other process can reach it
     */
    public ManagerConfiguration(@Value("${spring.datasource.url:#{null}}") String dataSourceUrl) {
        JobRepositoryNotSharedException.requireShared(PROFILE, dataSourceUrl);
    }

    @Bean
    RemoteWorkers remoteWorkers(RemotePartitioningManagerStepBuilderFactory managerSteps, IntegrationFlowContext flows,
            ConnectionFactory connectionFactory, ComparisonProperties properties) {
        return new RemoteWorkers(managerSteps, flows, connectionFactory, properties.pollInterval());
    }

    /**
     * Adds a TCP acceptor for the workers to the embedded broker, which Spring Boot gives
     * only an in-VM one, and keeps every request until a worker has trained its cell:
     * Artemis's default would drop a request delivered ten times (to a dead letter
     * address that this broker does not have), and the manager would wait for it forever.
     * A request that comes back (its worker died or failed to record it) waits a second
     * before it is delivered again.
     */
    @Bean
    ArtemisConfigurationCustomizer workerAcceptor(ComparisonProperties properties) {
        return (configuration) -> {
            try {
                configuration.addAcceptorConfiguration("workers",
                        "tcp://" + properties.brokerHost() + ":" + properties.brokerPort());
            }
            catch (Exception ex) {
                throw new IllegalStateException("Bad broker address " + properties.brokerHost() + ":"
                        + properties.brokerPort() + " (comparison.broker-host, comparison.broker-port)", ex);
            }
            configuration.addAddressSetting("#",
                    new AddressSettings().setMaxDeliveryAttempts(-1).setRedeliveryDelay(REDELIVERY_DELAY.toMillis()));
        };
    }

}
