package dev.demon.benchmarks.comparison;

import java.time.Duration;

import jakarta.jms.ConnectionFactory;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilderFactory;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.integration.dsl.context.IntegrationFlowContext;
import org.springframework.integration.jms.dsl.Jms;

/**
 * Has the cells trained by worker processes (Spring Batch remote partitioning): each
 * partition's {@code StepExecutionRequest} goes to the JMS queue
 * {@link #requestQueue(String)} of its step, one message per cell, and the manager learns
 * the results by polling the shared JobRepository, where the workers record them.
 */
public class RemoteWorkers implements CellDistribution {

    private final RemotePartitioningManagerStepBuilderFactory managerSteps;

    private final IntegrationFlowContext flows;

    private final ConnectionFactory connectionFactory;

    private final Duration pollInterval;

    /**
     * @param managerSteps Spring Batch's builders of manager steps
     * @param flows where the flow to the broker is registered
     * @param connectionFactory the broker
     * @param pollInterval how often the JobRepository is read for the cells' statuses
     */
    public RemoteWorkers(RemotePartitioningManagerStepBuilderFactory managerSteps, IntegrationFlowContext flows,
            ConnectionFactory connectionFactory, Duration pollInterval) {
        this.managerSteps = managerSteps;
        this.flows = flows;
        this.connectionFactory = connectionFactory;
        this.pollInterval = pollInterval;
    }

    /**
     * The queue that carries the requests of a cell step's partitions.
     * @param cellStepName the step that trains one partition
     * @return the queue's name
     */
    public static String requestQueue(String cellStepName) {
        return cellStepName + "-requests";
    }

    @Override
    public Step cellsStep(String name, Step cellStep, CellPartitioner partitioner, int gridSize) {
        DirectChannel requests = new DirectChannel();
        this.flows
            .registration(IntegrationFlow.from(requests)
                .handle(Jms.outboundAdapter(this.connectionFactory).destination(requestQueue(cellStep.getName())))
                .get())
            .id(name + "-requests")
            // Started with the application context, once every endpoint is ready.
            .autoStartup(false)
            .register();
        return this.managerSteps.get(name)
            .partitioner(cellStep.getName(), partitioner)
            .gridSize(gridSize)
            .outputChannel(requests)
            .pollInterval(this.pollInterval.toMillis())
            .build();
    }

}
