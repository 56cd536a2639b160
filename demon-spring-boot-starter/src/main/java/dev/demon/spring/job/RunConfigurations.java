package dev.demon.spring.job;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.demon.schedule.MomentumSchedule;
import dev.demon.spring.optimizer.DemonOptimizerFactory;
import dev.demon.spring.optimizer.LearningRateTrackerFactory;
import dev.demon.spring.optimizer.OptimizerType;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.pipeline.TrainingPipeline;
import dev.demon.spring.training.RunConfiguration;
import dev.demon.spring.training.TrainingSettings;

/**
 * Makes the {@link RunConfiguration} a pipeline trains with, the one place that layers
 * the training settings. For each setting the first that sets it wins:
 * <ol>
 * <li>the extra settings of the run (a sweep's trial; none for a plain job);
 * <li>{@code demon.pipelines.<name>.*}, the pipeline's overrides;
 * <li>the global {@code demon.*} properties;
 * <li>the pipeline's annotation, for the epochs and the batch size.
 * </ol>
 *
 * <p>
 * The application's {@link DemonOptimizerFactory} builds the optimizers as long as
 * neither the run nor the pipeline sets an optimizer setting; otherwise the optimizer,
 * learning rate and weight decay are built from the layered settings, with the learning
 * rate of the optimizer in force by default (0.0001 for a pipeline switched to adam). The
 * momentum schedule stays the application's {@link MomentumSchedule} bean unless the run
 * or the pipeline sets a {@code momentum.*} setting.
 */
public class RunConfigurations {

    private final DemonOptimizerFactory optimizers;

    private final TrainingSettings global;

    private final Map<String, TrainingSettings> pipelines;

    private final String engine;

    /**
     * Creates the configurations of an application's pipelines.
     * @param optimizers the application's optimizer factory, with its momentum schedule
     * @param global the global {@code demon.*} training settings: every one that has a
     * default set (only the learning rate, epochs, batch size and seed may be unset)
     * @param pipelines the settings of {@code demon.pipelines.<name>.*}, by pipeline name
     * @param pipelineNames the names of the {@code @TrainingPipeline}s there are
     * @param engine the DJL name of the engine the runs train on
     * @throws UnknownPipelineException when {@code pipelines} names a pipeline there is
     * not
     */
    public RunConfigurations(DemonOptimizerFactory optimizers, TrainingSettings global,
            Map<String, TrainingSettings> pipelines, Collection<String> pipelineNames, String engine) {
        List<String> unknown = pipelines.keySet()
            .stream()
            .filter(name -> !pipelineNames.contains(name))
            .sorted()
            .toList();
        if (!unknown.isEmpty()) {
            throw new UnknownPipelineException(unknown, pipelineNames.stream().sorted().toList());
        }
        if (global.optimizer() == null || global.momentumSchedule() == null || global.betaInit() == null
                || global.decayStart() == null || global.learningRateSchedule() == null
                || global.weightDecay() == null) {
            throw new IllegalArgumentException(
                    "The global settings must set every setting that has a default, got " + global);
        }
        this.optimizers = optimizers;
        this.global = global;
        this.pipelines = Map.copyOf(pipelines);
        this.engine = engine;
    }

    /**
     * The configuration of a run of a pipeline.
     * @param declaration the pipeline's annotation
     * @param definition the pipeline bean (its settings come from the annotation and the
     * properties alone today)
     * @param extra the run's own settings, over the pipeline's;
     * {@link TrainingSettings#NONE} for a plain job
     * @return the configuration in force
     * @throws IllegalArgumentException when the annotation's epochs or batch size, in
     * force, is below 1
     */
    public RunConfiguration of(TrainingPipeline declaration, PipelineDefinition definition, TrainingSettings extra) {
        TrainingSettings overrides = extra.orElse(pipelines.getOrDefault(declaration.name(), TrainingSettings.NONE));
        TrainingSettings settings = overrides.orElse(global);
        int epochs = (settings.epochs() != null) ? settings.epochs() : declaration.epochs();
        int batchSize = (settings.batchSize() != null) ? settings.batchSize() : declaration.batchSize();
        if (epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("@TrainingPipeline " + declaration.name() + " needs epochs >= 1 and "
                    + "batchSize >= 1, got epochs = " + epochs + " and batchSize = " + batchSize);
        }
        return new RunConfiguration(optimizers(overrides, settings), epochs, batchSize, settings.seed(), engine);
    }

    private DemonOptimizerFactory optimizers(TrainingSettings overrides, TrainingSettings settings) {
        MomentumSchedule schedule = overrides.setsMomentum()
                ? settings.momentumSchedule().create(settings.betaInit(), settings.decayStart())
                : optimizers.getMomentumSchedule();
        if (overrides.optimizer() == null && overrides.initialLearningRate() == null
                && overrides.learningRateSchedule() == null && overrides.plateauPatience() == null
                && overrides.weightDecay() == null) {
            return (schedule == optimizers.getMomentumSchedule()) ? optimizers : new DemonOptimizerFactory(
                    optimizers.getType(), schedule, optimizers.getLearningRates(), optimizers.getWeightDecay());
        }
        OptimizerType type = settings.optimizer();
        float learningRate = (settings.initialLearningRate() != null) ? settings.initialLearningRate()
                : type.defaultLearningRate();
        return new DemonOptimizerFactory(type, schedule, new LearningRateTrackerFactory(settings.learningRateSchedule(),
                learningRate, plateauPatience(settings)), settings.weightDecay());
    }

    private static int plateauPatience(TrainingSettings settings) {
        return (settings.plateauPatience() != null) ? settings.plateauPatience()
                : LearningRateTrackerFactory.DEFAULT_PLATEAU_PATIENCE;
    }

}
