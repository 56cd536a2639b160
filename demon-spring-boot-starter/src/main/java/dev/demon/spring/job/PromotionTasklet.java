package dev.demon.spring.job;

import java.time.Clock;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.demon.spring.lease.LeaseLostException;
import dev.demon.spring.promotion.ModelPromotion;
import dev.demon.spring.promotion.PromotionSettings;
import dev.demon.spring.report.PromotionDecision;
import dev.demon.spring.workspace.WriteWindow;

/**
 * The work of step {@code <pipeline>-promotion}, after the epoch steps: the run's best
 * model challenges the one served for the pipeline ({@link ModelPromotion},
 * {@code docs/promotion.md}). The decision goes into the step's execution context under
 * {@value #DECISION} before the champion pointer is switched; Spring Batch hands a
 * restarted step the context of its failed execution, so a rerun after a crash takes the
 * recorded decision instead of deciding again, and switches at most once. The step's exit
 * description says what was decided.
 */
class PromotionTasklet implements Tasklet {

    /** Execution-context key: the decision, as JSON. */
    static final String DECISION = "demon.promotion.decision";

    private final TrainingJobListener training;

    private final RunningExecutions executions;

    private final ModelPromotion promotion;

    PromotionTasklet(TrainingJobListener training, RunningExecutions executions, PromotionSettings settings,
            WriteWindow switchWindow) {
        this.training = training;
        this.executions = executions;
        this.promotion = new ModelPromotion(training.getPlan(), training.pipelineFolder(), settings, switchWindow,
                Clock.systemUTC());
    }

    /**
     * The name of a pipeline's promotion step.
     * @param pipeline the pipeline's name
     * @return {@code <pipeline>-promotion}
     */
    static String stepName(String pipeline) {
        return pipeline + "-promotion";
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        StepExecution step = contribution.getStepExecution();
        ExecutionContext context = step.getExecutionContext();
        PromotionDecision decision;
        try {
            RunningExecution running = executions.of(step.getJobExecution());
            running.lease().requireHeld();
            PromotionDecision recorded = context.containsKey(DECISION)
                    ? ModelPromotion.fromJson(context.getString(DECISION)) : null;
            ModelPromotion.Run run = new ModelPromotion.Run(training.checkpoints(running), running.lease(),
                    training.configuration().byProperty(), training.lastEpoch(running),
                    step.getJobExecution().getJobInstance().getInstanceId(), step.getJobExecutionId());
            decision = promotion.promote(run, recorded, made -> {
                context.putString(DECISION, ModelPromotion.toJson(made));
                // Now, not when the step ends: a crash before the switch must find it.
                executions.jobRepository().updateExecutionContext(step);
            });
        }
        catch (LeaseLostException ex) {
            return FencedStep.end(step, ex, executions.jobRepository());
        }
        contribution
            .setExitStatus(ExitStatus.COMPLETED.addExitDescription((decision.promoted() ? "Promoted " : "Rejected ")
                    + decision.challenger().version() + ": " + decision.reason()));
        return RepeatStatus.FINISHED;
    }

}
