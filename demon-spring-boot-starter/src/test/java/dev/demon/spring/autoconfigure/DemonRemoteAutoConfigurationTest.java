package dev.demon.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;

import jakarta.jms.ConnectionFactory;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.boot.artemis.autoconfigure.ArtemisConfigurationCustomizer;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.jms.inbound.JmsMessageDrivenEndpoint;
import org.springframework.integration.jms.outbound.JmsSendingMessageHandler;
import org.springframework.integration.jms.dsl.Jms;

import dev.demon.spring.job.RunningExecutions;
import dev.demon.spring.lease.JobLeases;
import dev.demon.spring.remote.EmbeddedBrokerExposedException;
import dev.demon.spring.remote.JobRepositoryNotSharedException;
import dev.demon.spring.remote.TrialClaim;
import dev.demon.spring.sweep.TrialPartitionHandlers;
import dev.demon.spring.workspace.Workspace;

/**
 * A manager gets the partition handlers that send trials to the broker and the embedded
 * broker's acceptor; a worker gets the claim and the flow that feeds it; neither without
 * {@code demon.remote.role}, the remote libraries, or a shared JobRepository.
 */
class DemonRemoteAutoConfigurationTest {

    private static final String SHARED = "spring.datasource.url=jdbc:postgresql://db-host:5432/demon";

    @TempDir
    Path folder;

    private ApplicationContextRunner runner() {
        JobRepository jobRepository = mock(JobRepository.class);
        return new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DemonRemoteAutoConfiguration.class))
            .withBean(JobRepository.class, () -> jobRepository)
            .withBean(JobLeases.class, JobLeases::none)
            .withBean(RunningExecutions.class, () -> new RunningExecutions(jobRepository))
            .withBean(Workspace.class, () -> new Workspace(this.folder))
            .withBean(ConnectionFactory.class, () -> mock(ConnectionFactory.class))
            .withPropertyValues("demon.enabled=true", SHARED);
    }

    private ApplicationContextRunner manager() {
        return runner().withPropertyValues("demon.remote.role=manager");
    }

    private ApplicationContextRunner worker() {
        // A broker nobody listens on: the worker's listener retries in the background.
        return runner().withPropertyValues("demon.remote.role=worker", "spring.artemis.broker-url=tcp://127.0.0.1:1");
    }

    @Test
    void aManagerSendsItsTrialsToTheWorkersAndTakesNone() {
        manager().run((context) -> {
            assertThat(context).hasSingleBean(JmsSendingMessageHandler.class)
                .doesNotHaveBean(JmsMessageDrivenEndpoint.class);
            assertThat(context).hasSingleBean(TrialPartitionHandlers.class)
                .hasBean("demonTrialRequests")
                .hasBean("demonTrialRequestsFlow")
                .hasBean("demonWorkerAcceptor")
                .hasBean("demonBrokerCredentials")
                .doesNotHaveBean(TrialClaim.class)
                .doesNotHaveBean("demonTrialClaimsFlow");
        });
    }

    @Test
    void aWorkerClaimsTrialsOneAtATimeWithoutPrefetching() {
        worker().run((context) -> {
            assertThat(context).hasSingleBean(TrialClaim.class)
                .hasSingleBean(JmsMessageDrivenEndpoint.class)
                .hasBean("demonTrialClaimsFlow")
                .doesNotHaveBean(TrialPartitionHandlers.class)
                .doesNotHaveBean("demonWorkerAcceptor");
            ActiveMQConnectionFactory factory = context.getBean("demonTrialRequestsConnectionFactory",
                    ActiveMQConnectionFactory.class);
            assertThat(factory.getConsumerWindowSize()).isZero();
            assertThat(factory.getDeserializationAllowList())
                .isEqualTo("java.lang,org.springframework.batch.integration.partition.StepExecutionRequest");
        });
    }

    @Test
    void withoutARoleThereIsNothingRemote() {
        runner().run((context) -> assertThat(context).doesNotHaveBean(TrialPartitionHandlers.class)
            .doesNotHaveBean(TrialClaim.class)
            .doesNotHaveBean(IntegrationFlow.class));
    }

    @Test
    void withoutDemonEnabledThereIsNothingRemote() {
        manager().withPropertyValues("demon.enabled=false")
            .run((context) -> assertThat(context).doesNotHaveBean(TrialPartitionHandlers.class));
    }

    @Test
    void withoutSpringBatchIntegrationThereIsNothingRemote() {
        manager().withClassLoader(new FilteredClassLoader(StepExecutionRequestHandler.class))
            .run((context) -> assertThat(context).doesNotHaveBean(TrialPartitionHandlers.class));
    }

    @Test
    void withoutSpringIntegrationJmsThereIsNothingRemote() {
        worker().withClassLoader(new FilteredClassLoader(Jms.class))
            .run((context) -> assertThat(context).doesNotHaveBean(TrialClaim.class));
    }

    @Test
    void withoutTheArtemisClientThereIsNothingRemote() {
        worker().withClassLoader(new FilteredClassLoader(ActiveMQConnectionFactory.class))
            .run((context) -> assertThat(context).doesNotHaveBean(TrialClaim.class));
    }

    @Test
    void withoutTheArtemisServerAManagerEmbedsNoAcceptor() {
        manager().withClassLoader(new FilteredClassLoader(EmbeddedActiveMQ.class))
            .run((context) -> assertThat(context).hasSingleBean(TrialPartitionHandlers.class)
                .doesNotHaveBean("demonWorkerAcceptor"));
    }

    @Test
    void theApplicationsPartitionHandlersReplaceTheStartersOwn() {
        TrialPartitionHandlers own = TrialPartitionHandlers.localThreads();
        manager().withBean(TrialPartitionHandlers.class, () -> own)
            .run((context) -> assertThat(context).getBean(TrialPartitionHandlers.class).isSameAs(own));
    }

    @Test
    void theApplicationsRequestChannelAndFlowReplaceTheStartersOwn() {
        IntegrationFlow own = (flow) -> flow.nullChannel();
        manager().withBean("demonTrialRequestsFlow", IntegrationFlow.class, () -> own).run((context) -> {
            assertThat(context).hasBean("demonTrialRequestsFlow");
            // The starter's flow ends in a JMS sending handler; the application's has
            // none.
            assertThat(context).doesNotHaveBean(JmsSendingMessageHandler.class);
        });
    }

    @Test
    void theApplicationsAcceptorReplacesTheStartersOwn() {
        ArtemisConfigurationCustomizer own = (configuration) -> {
        };
        manager().withBean("demonWorkerAcceptor", ArtemisConfigurationCustomizer.class, () -> own)
            .run((context) -> assertThat(context).getBean("demonWorkerAcceptor").isSameAs(own));
    }

    @Test
    void theApplicationsClaimReplacesTheStartersOwn() {
        worker().withBean("ownClaim", TrialClaim.class, () -> mock(TrialClaim.class))
            .run((context) -> assertThat(context).getBeanNames(TrialClaim.class).containsExactly("ownClaim"));
    }

    @Test
    void theApplicationsWorkerConnectionFactoryReplacesTheStartersOwn() {
        ActiveMQConnectionFactory own = new ActiveMQConnectionFactory("tcp://127.0.0.1:1");
        worker().withBean("demonTrialRequestsConnectionFactory", ActiveMQConnectionFactory.class, () -> own)
            .run((context) -> assertThat(context).getBean("demonTrialRequestsConnectionFactory").isSameAs(own));
    }

    @Test
    void theApplicationsClaimsFlowReplacesTheStartersOwn() {
        IntegrationFlow own = (flow) -> flow.nullChannel();
        worker().withBean("demonTrialClaimsFlow", IntegrationFlow.class, () -> own).run((context) -> {
            assertThat(context).hasBean("demonTrialClaimsFlow");
            // The starter's flow starts with a JMS listener; the application's has none.
            assertThat(context).doesNotHaveBean(JmsMessageDrivenEndpoint.class);
        });
    }

    @Test
    void aManagerRefusesAJobRepositoryOfItsOwn() {
        manager().withPropertyValues("spring.datasource.url=jdbc:h2:file:./demon-checkpoints/batch")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(JobRepositoryNotSharedException.class)
                .hasMessageContaining("jdbc:h2:file:./demon-checkpoints/batch"));
    }

    @Test
    void aWorkerRefusesAJobRepositoryOfItsOwn() {
        worker().withPropertyValues("spring.datasource.url=jdbc:h2:mem:batch")
            .run((context) -> assertThat(context).hasFailed()
                .getFailure()
                .rootCause()
                .isInstanceOf(JobRepositoryNotSharedException.class));
    }

    @Test
    void theEmbeddedBrokerListensForWorkersOnLoopbackAndKeepsEveryRequest() {
        manager().withPropertyValues("demon.remote.broker.port=61999").run((context) -> {
            Configuration configuration = new ConfigurationImpl();
            context.getBean("demonWorkerAcceptor", ArtemisConfigurationCustomizer.class).customize(configuration);
            assertThat(configuration.getAcceptorConfigurations()).singleElement().satisfies((acceptor) -> {
                assertThat(acceptor.getName()).isEqualTo("demon-workers");
                assertThat(acceptor.getParams()).containsEntry("host", "127.0.0.1").containsEntry("port", "61999");
            });
            assertThat(configuration.getAddressSettings().get("#").getMaxDeliveryAttempts()).isEqualTo(-1);
            assertThat(configuration.getAddressSettings().get("#").getRedeliveryDelay()).isEqualTo(1000);
        });
    }

    @Test
    void anEmbeddedBrokerOpenToOtherHostsWithoutCredentialsIsRefused() {
        manager().withPropertyValues("demon.remote.broker.host=0.0.0.0")
            .run((context) -> assertThatThrownBy(
                    () -> context.getBean("demonWorkerAcceptor", ArtemisConfigurationCustomizer.class)
                        .customize(new ConfigurationImpl()))
                .isInstanceOf(EmbeddedBrokerExposedException.class)
                .hasMessage(
                        "The embedded broker would listen on 0.0.0.0, which other hosts reach, without credentials"));
    }

    @Test
    void anEmbeddedBrokerOpenToOtherHostsWithCredentialsRequiresThem() {
        manager()
            .withPropertyValues("demon.remote.broker.host=0.0.0.0", "spring.artemis.user=demon",
                    "spring.artemis.password=secret")
            .run((context) -> {
                Configuration configuration = new ConfigurationImpl();
                context.getBean("demonWorkerAcceptor", ArtemisConfigurationCustomizer.class).customize(configuration);
                assertThat(configuration.getAcceptorConfigurations()).singleElement()
                    .satisfies((acceptor) -> assertThat(acceptor.getParams()).containsEntry("host", "0.0.0.0"));
                assertThat(configuration.isSecurityEnabled()).isTrue();
            });
    }

}
