package dev.demon.spring.training;

import ai.djl.engine.Engine;
import org.jspecify.annotations.Nullable;

import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateScheduleType;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.report.TrainingConfiguration;

/**
 * How a pipeline's runs train, made once when its job is built: the optimizer with its
 * momentum schedule, learning rate and weight decay, the epochs and batch size in force,
 * the seed and the engine. Everything else is derived from it: the optimizer of each run
 * ({@link #optimizers()}), and the {@link #record() record} of the configuration that a
 * run stores in its job parameters, compares on resume and writes to {@code report.json}.
 *
 * <p>
 * The record holds the values in force, not the properties that asked for them: the
 * momentum schedule's name and parameters come from the schedule itself
 * ({@link MomentumSchedule#parameters()}), so that an application's own schedule bean is
 * recorded as what it is, and a {@code demon.momentum.*} property it ignores neither
 * shows in the report nor refuses a resume.
 *
 * @param optimizers builds the optimizer of each run: sgdm or adam, the momentum
 * schedule, the learning-rate trackers and the weight decay
 * @param epochs the epochs in force ({@code demon.epochs} or the pipeline's), &gt;= 1
 * @param batchSize the batch size in force ({@code demon.batch-size} or the pipeline's),
 * &gt;= 1
 * @param seed {@code demon.seed}, or null
 * @param engine the DJL name of the engine the runs train on, e.g. {@code MXNet}
 */
public record RunConfiguration(DemonOptimizerFactory optimizers, int epochs, int batchSize, @Nullable Integer seed,
        String engine) {

    /**
     * Checks the values.
     * @throws IllegalArgumentException when epochs or batchSize is below 1
     */
    public RunConfiguration {
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException(
                    "epochs and batchSize must be >= 1, got epochs = " + epochs + " and batchSize = " + batchSize);
        }
    }

    /**
     * The optimizer's name, as metrics tags and reports give it.
     * @return {@code sgdm} or {@code adam}
     */
    public String optimizerName() {
        return optimizers.getType().propertyValue();
    }

    /**
     * The momentum schedule's name, as metrics tags and reports give it.
     * @return its {@link MomentumSchedule#name()}
     */
    public String scheduleName() {
        return optimizers.getMomentumSchedule().name();
    }

    /**
     * The record of this configuration that runs store and report: every value that
     * changes training, and the engine with its version (which loads the engine).
     * @return the record; β_init and the decay start are null when the schedule does not
     * report them
     */
    public TrainingConfiguration record() {
        MomentumSchedule schedule = optimizers.getMomentumSchedule();
        Engine loaded = Engine.getEngine(engine);
        return new TrainingConfiguration(optimizerName(), schedule.name(),
                schedule.parameters().get(MomentumSchedule.BETA_INIT),
                schedule.parameters().get(MomentumSchedule.DECAY_START),
                optimizers.getLearningRates().getInitialValue(),
                optimizers.getLearningRates().getSchedule().propertyValue(), plateauPatience(),
                optimizers.getWeightDecay(), epochs, batchSize, seed, loaded.getEngineName(), loaded.getVersion());
    }

    /**
     * The plateau schedule's patience, recorded only with that schedule: the others do
     * not use it, so with them it is recorded as none and never refuses a resume.
     */
    private @Nullable Integer plateauPatience() {
        LearningRateTrackerFactory learningRates = optimizers.getLearningRates();
        return (learningRates.getSchedule() == LearningRateScheduleType.PLATEAU) ? learningRates.getPlateauPatience()
                : null;
    }

}
