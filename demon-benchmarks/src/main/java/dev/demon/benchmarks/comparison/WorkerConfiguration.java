package dev.demon.benchmarks.comparison;

import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.config.annotation.EnableBatchIntegration;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.util.StringUtils;

/**
 * The profile {@value #PROFILE}: a process that trains the cells a manager
 * ({@link ManagerConfiguration}) sends, one at a time, for the job that
 * {@code spring.batch.job.name} names, until it is stopped. It runs no job itself
 * ({@code comparison-worker.yml}); Spring Batch's worker step
 * ({@link RemotePartitioningWorkerStepBuilderFactory}) runs each requested partition
 * against the JobRepository it shares with the manager ({@code spring.datasource.*}).
 *
 * <p>
 * A request is taken from the broker ({@code spring.artemis.broker-url}, user and
 * password) in a transacted JMS session committed once the cell's training is recorded:
 * when the worker dies mid-cell, the broker hands the request to another worker. The
 * consumer asks for one message at a time (no prefetch), so a worker never holds requests
 * that an idle worker could train.
 */
@Configuration(proxyBeanMethods = false)
@Profile(WorkerConfiguration.PROFILE)
@EnableBatchIntegration
@EnableConfigurationProperties(ArtemisProperties.class)
public class WorkerConfiguration {

    /** The profile of a worker process. */
    public static final String PROFILE = "worker";

    private static final String DEFAULT_BROKER_URL = "tcp://localhost:61616";

    /**
     * @param dataSourceUrl the JobRepository's {@code spring.datasource.url}
     * @throws JobRepositoryNotSharedException when no other process can reach it
     */
    public WorkerConfiguration(@Value("${spring.datasource.url:#{null}}") String dataSourceUrl) {
        JobRepositoryNotSharedException.requireShared(PROFILE, dataSourceUrl);
    }

    /**
     * The workers' own connection factory rather than Spring Boot's, which cannot be told
     * to turn prefetching off.
     */
    @Bean
    ActiveMQConnectionFactory cellRequestsConnectionFactory(ArtemisProperties artemis) {
        String url = StringUtils.hasText(artemis.getBrokerUrl()) ? artemis.getBrokerUrl() : DEFAULT_BROKER_URL;
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        if (StringUtils.hasText(artemis.getUser())) {
            factory.setUser(artemis.getUser());
            factory.setPassword(artemis.getPassword());
        }
        // With Artemis's default window (1 MiB of messages) the first worker to connect
        // would buffer every request of the grid.
        factory.setConsumerWindowSize(0);
        // The requests are Spring Batch's StepExecutionRequest, a Java-serialised object.
        factory.setDeserializationAllowList(
                "java.lang,org.springframework.batch.integration.partition.StepExecutionRequest");
        return factory;
    }

    @Bean("comparison-cell")
    @ConditionalOnProperty(name = "spring.batch.job.name", havingValue = ComparisonJobs.COMPARISON)
    Step comparisonCell(RemotePartitioningWorkerStepBuilderFactory workerSteps, IntegrationFlowContext flows,
            ActiveMQConnectionFactory connectionFactory, CellTasklet tasklet) {
        return workerStep("comparison-cell", workerSteps, flows, connectionFactory, tasklet);
    }

    @Bean("sensitivity-cell")
    @ConditionalOnProperty(name = "spring.batch.job.name", havingValue = ComparisonJobs.SENSITIVITY)
    Step sensitivityCell(RemotePartitioningWorkerStepBuilderFactory workerSteps, IntegrationFlowContext flows,
            ActiveMQConnectionFactory connectionFactory, CellTasklet tasklet) {
        return workerStep("sensitivity-cell", workerSteps, flows, connectionFactory, tasklet);
    }

    /**
     * The cell step of {@link ComparisonJobs}, fed by the step's request queue; Spring
     * Batch's step locator finds it by its bean name, the step's name.
     */
    private static Step workerStep(String name, RemotePartitioningWorkerStepBuilderFactory workerSteps,
            IntegrationFlowContext flows, ActiveMQConnectionFactory connectionFactory, CellTasklet tasklet) {
        DirectChannel requests = new DirectChannel();
        flows
            .registration(IntegrationFlow.from(Jms.messageDrivenChannelAdapter(connectionFactory)
                .destination(RemoteWorkers.requestQueue(name))
                .configureListenerContainer((container) -> container.sessionTransacted(true)
                    .concurrentConsumers(1)
                    .maxConcurrentConsumers(1)))
                .channel(requests)
                .get())
            .id(name + "-requests")
            // Started with the application context, once every endpoint is ready.
            .autoStartup(false)
            .register();
        return ComparisonJobs.cellStep(workerSteps.get(name).inputChannel(requests), tasklet);
    }

}
