package dev.demon.benchmarks.comparison;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The worker step of a partition: trains the partition's cell and stores its result
 * beside it in the step's execution context, which the JobRepository keeps: a finished
 * cell is never trained again when the job restarts.
 */
public class CellTasklet implements Tasklet {

    private static final Logger logger = LoggerFactory.getLogger(CellTasklet.class);

    private final CellTraining training;

    /**
     * @param training trains a cell
     */
    public CellTasklet(CellTraining training) {
        this.training = training;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        ExecutionContext context = contribution.getStepExecution().getExecutionContext();
        Cell cell = Cell.readFrom(context);
        CellResult result = training.train(cell);
        result.writeTo(context);
        logger.info("{}: test error {} ({} s{})", cell.key(), String.format("%.4f", result.testError()),
                String.format("%.1f", result.seconds()), result.diverged() ? ", diverged" : "");
        return RepeatStatus.FINISHED;
    }

}
