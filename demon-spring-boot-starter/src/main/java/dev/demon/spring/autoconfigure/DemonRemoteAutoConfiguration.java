package dev.demon.spring.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Set;

import jakarta.jms.ConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.BeanFactoryStepLocator;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.artemis.autoconfigure.ArtemisAutoConfiguration;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.artemis.autoconfigure.ArtemisProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.dsl.Jms;
import org.springframework.messaging.MessageChannel;
import org.springframework.util.StringUtils;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.remote.BrokerCredentials;
import dev.demon.spring.remote.EmbeddedBrokerExposedException;
import dev.demon.spring.remote.JobRepositoryNotSharedException;
import dev.demon.spring.remote.RemoteRole;
import dev.demon.spring.remote.RemoteTrialPartitionHandler;
import dev.demon.spring.remote.TrialClaim;
import dev.demon.spring.remote.TrialRequestListenerContainer;
import dev.demon.spring.sweep.TrialPartitionHandlers;
import dev.demon.spring.workspace.Workspace;

/**
 * Auto-configuration of sweeps across machines ({@code demon.remote.role}), active with
 * {@code demon.enabled=true} and Spring Batch Integration, Spring Integration JMS and the
 * Artemis client on the class path (the application adds
 * {@code spring-boot-starter-artemis}, {@code spring-batch-integration} and
 * {@code spring-integration-jms}):
 *
 * <ul>
 * <li>a manager sends its sweeps' trials to the JMS queue {@code demon.remote.queue}
 * ({@link RemoteTrialPartitionHandler}), through Spring Boot's Artemis connection
 * factory; its embedded broker, unless {@code spring.artemis.broker-url} names another,
 * accepts the workers on {@code demon.remote.broker.host}:{@code port} and keeps every
 * request until a worker has trained it;
 * <li>a worker takes the requests of that queue one at a time, in a transacted session
 * committed once the trial is recorded, and trains each behind a {@link TrialClaim}.
 * </ul>
 * Both refuse to start without a JobRepository other processes reach
 * ({@link JobRepositoryNotSharedException}).
 */
@AutoConfiguration(after = { DemonBatchAutoConfiguration.class, DemonLeaseAutoConfiguration.class,
        ArtemisAutoConfiguration.class })
@ConditionalOnBooleanProperty("demon.enabled")
@ConditionalOnClass({ StepExecutionRequestHandler.class, Jms.class, ActiveMQConnectionFactory.class })
@EnableConfigurationProperties(DemonProperties.class)
public final class DemonRemoteAutoConfiguration {

    /**
     * How long a request that came back (its worker died or failed to record it) waits
     * before the broker delivers it again.
     */
    static final Duration REDELIVERY_DELAY = Duration.ofSeconds(1);

    /** The manager: its sweeps' trials go to the workers. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "demon.remote.role", havingValue = "manager")
    @EnableIntegration
    @EnableConfigurationProperties(ArtemisProperties.class)
    static class Manager {

        Manager(@Value("${spring.datasource.url:#{null}}") @Nullable String dataSourceUrl) {
            JobRepositoryNotSharedException.requireShared(RemoteRole.MANAGER, dataSourceUrl);
        }

        @Bean
        @ConditionalOnMissingBean(name = "demonTrialRequests")
        DirectChannel demonTrialRequests() {
            return new DirectChannel();
        }

        @Bean
        @ConditionalOnMissingBean(name = "demonTrialRequestsFlow")
        @ConditionalOnBean(ConnectionFactory.class)
        IntegrationFlow demonTrialRequestsFlow(DirectChannel demonTrialRequests, ConnectionFactory connectionFactory,
                DemonProperties properties) {
            return IntegrationFlow.from(demonTrialRequests)
                .handle(Jms.outboundAdapter(connectionFactory).destination(properties.remote().queue()))
                .get();
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean({ JobLeases.class, RunningExecutions.class, JobRepository.class })
        TrialPartitionHandlers remoteTrialPartitionHandlers(JobRepository jobRepository, JobLeases leases,
                RunningExecutions executions, MessageChannel demonTrialRequests, DemonProperties properties) {
            DemonProperties.Remote remote = properties.remote();
            RemoteTrialPartitionHandler.RemoteSettings settings = new RemoteTrialPartitionHandler.RemoteSettings(
                    remote.pollInterval(), remote.timeout(), remote.maxAttempts());
            return (plan, trial) -> new RemoteTrialPartitionHandler(plan.name(), plan.trialStepName(),
                    plan.trials().size(), demonTrialRequests, jobRepository, leases, executions, settings);
        }

        /**
         * Adds a TCP acceptor for the workers to the embedded broker, which Spring Boot
         * gives only an in-VM one, and keeps every request until a worker has trained its
         * trial: Artemis's default would drop a request delivered ten times (to a dead
         * letter address that this broker does not have). An address other hosts reach
         * needs credentials.
         */
        @Bean
        @ConditionalOnClass(EmbeddedActiveMQ.class)
        @ConditionalOnMissingBean(name = "demonWorkerAcceptor")
        ArtemisConfigurationCustomizer demonWorkerAcceptor(DemonProperties properties, ArtemisProperties artemis) {
            DemonProperties.Broker broker = properties.remote().broker();
            return (configuration) -> {
                boolean credentials = StringUtils.hasText(artemis.getUser())
                        && StringUtils.hasText(artemis.getPassword());
                if (!isLoopback(broker.host()) && !credentials) {
                    throw new EmbeddedBrokerExposedException(broker.host());
                }
                try {
                    configuration.addAcceptorConfiguration("demon-workers",
                            "tcp://" + broker.host() + ":" + broker.port());
                }
                catch (Exception ex) {
                    throw new IllegalStateException("Bad broker address " + broker.host() + ":" + broker.port()
                            + " (demon.remote.broker.host, demon.remote.broker.port)", ex);
                }
                if (credentials) {
                    // The one user may do everything; BrokerCredentials authenticates it.
                    configuration.setSecurityEnabled(true);
                    configuration.putSecurityRoles("#",
                            Set.of(new Role("demon", true, true, true, true, true, true, true, true, true, true)));
                }
                configuration.addAddressSetting("#", new AddressSettings().setMaxDeliveryAttempts(-1)
                    .setRedeliveryDelay(REDELIVERY_DELAY.toMillis()));
            };
        }

        /**
         * With {@code spring.artemis.user} and {@code spring.artemis.password}, the
         * embedded broker lets in only connections that give them (and the manager's own
         * in-VM one).
         */
        @Bean
        @ConditionalOnClass(EmbeddedActiveMQ.class)
        static BeanPostProcessor demonBrokerCredentials(ObjectProvider<ArtemisProperties> artemis) {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (!(bean instanceof EmbeddedActiveMQ broker)) {
                        return bean;
                    }
                    ArtemisProperties properties = artemis.getIfAvailable();
                    if (properties != null && StringUtils.hasText(properties.getUser())
                            && StringUtils.hasText(properties.getPassword())) {
                        broker
                            .setSecurityManager(new BrokerCredentials(properties.getUser(), properties.getPassword()));
                    }
                    return bean;
                }
            };
        }

        private static boolean isLoopback(String host) {
            try {
                return InetAddress.getByName(host).isLoopbackAddress();
            }
            catch (UnknownHostException ex) {
                return false;
            }
        }

    }

    private static final Logger logger = LoggerFactory.getLogger(DemonRemoteAutoConfiguration.class);

    private static @Nullable String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

    /** A worker: trains the trials managers send, one at a time. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "demon.remote.role", havingValue = "worker")
    @EnableIntegration
    @EnableConfigurationProperties(ArtemisProperties.class)
    static class Worker {

        private static final String DEFAULT_BROKER_URL = "tcp://localhost:61616";

        Worker(@Value("${spring.datasource.url:#{null}}") @Nullable String dataSourceUrl) {
            JobRepositoryNotSharedException.requireShared(RemoteRole.WORKER, dataSourceUrl);
        }

        /**
         * The worker's own connection factory rather than Spring Boot's, which cannot be
         * told to turn prefetching off.
         */
        @Bean
        @ConditionalOnMissingBean(name = "demonTrialRequestsConnectionFactory")
        ActiveMQConnectionFactory demonTrialRequestsConnectionFactory(ArtemisProperties artemis) {
            String url = StringUtils.hasText(artemis.getBrokerUrl()) ? artemis.getBrokerUrl() : DEFAULT_BROKER_URL;
            ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
            if (StringUtils.hasText(artemis.getUser())) {
                factory.setUser(artemis.getUser());
                factory.setPassword(artemis.getPassword());
            }
            // With Artemis's default window (1 MiB of messages) the first worker to
            // connect would buffer every request of the sweep.
            factory.setConsumerWindowSize(0);
            // The requests are Spring Batch's StepExecutionRequest, a Java-serialised
            // object.
            factory.setDeserializationAllowList("java.lang," + StepExecutionRequest.class.getName());
            return factory;
        }

        @Bean
        @ConditionalOnMissingBean
        @ConditionalOnBean({ JobLeases.class, RunningExecutions.class, JobRepository.class, Workspace.class })
        TrialClaim trialClaim(JobRepository jobRepository, JobLeases leases, RunningExecutions executions,
                Workspace workspace, DemonProperties properties, BeanFactory beanFactory) {
            // A trial's step is a bean named as the step (SweepJobRegistrar).
            BeanFactoryStepLocator steps = new BeanFactoryStepLocator();
            steps.setBeanFactory(beanFactory);
            return new TrialClaim(jobRepository, leases, executions, steps, workspace,
                    properties.remote().maxAttempts());
        }

        /**
         * The queue's requests, one at a time, each in a transacted session committed
         * once its trial is recorded: when the worker dies mid-trial, the broker hands
         * the request to another worker. The listener waits quietly for a broker that is
         * away ({@link TrialRequestListenerContainer}).
         */
        @Bean
        @ConditionalOnMissingBean(name = "demonTrialClaimsFlow")
        @ConditionalOnBean(TrialClaim.class)
        IntegrationFlow demonTrialClaimsFlow(ActiveMQConnectionFactory demonTrialRequestsConnectionFactory,
                TrialClaim claim, DemonProperties properties) {
            TrialRequestListenerContainer container = new TrialRequestListenerContainer();
            container.setConnectionFactory(demonTrialRequestsConnectionFactory);
            container.setDestinationName(properties.remote().queue());
            container.setSessionTransacted(true);
            container.setConcurrentConsumers(1);
            container.setMaxConcurrentConsumers(1);
            // One line for a request that goes back to the broker.
            container.setErrorHandler(
                    (failure) -> logger.warn("A trial request goes back to the broker: {}", rootMessage(failure)));
            return IntegrationFlow.from(Jms.messageDrivenChannelAdapter(container))
                .handle(StepExecutionRequest.class, (request, headers) -> {
                    claim.claim(request);
                    return null;
                })
                .get();
        }

    }

}
