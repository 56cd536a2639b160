package dev.demon.spring.serving;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import ai.djl.translate.Translator;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.promotion.ChampionFolder;
import dev.demon.spring.workspace.Workspace;

/**
 * The trained models of an application's pipelines, served from where completed jobs
 * saved them: each pipeline's champion, the version in
 * {@code <demon.checkpoint.dir>/<pipeline>/versions/} that its champion pointer names
 * ({@link ChampionFolder}, {@code docs/promotion.md}), else (a workspace from before
 * versions) {@code <demon.checkpoint.dir>/<pipeline>/best-model.g<generation>/} of the
 * newest lease generation; and of its sweeps, from
 * {@code <demon.checkpoint.dir>/<sweep>/best-model.g<generation>/}. Reads only those
 * folders, so it serves in a process that trains nothing
 * ({@code spring.batch.job.enabled=false}) as well as in the one that trains, and picks
 * up the model of every newer run without a restart.
 *
 * <pre>{@code
 * PipelineDefinition pipeline = servedModels.pipeline("fashion-mnist-cnn");
 * Translator<Image, Classifications> translator = ImageClassificationTranslator.builder()
 *         .optFlag(Image.Flag.GRAYSCALE).setPipeline(pipeline.inputPipeline())
 *         .optSynset(labels).optApplySoftmax(true).build();
 * ServedModel<Image, Classifications> model = servedModels.bestModel("fashion-mnist-cnn",
 *         Image.class, Classifications.class, translator);                // once, then for every request:
 * Optional<Classifications> prediction = model.predict(image);           // empty: no run has completed yet
 * }</pre>
 *
 * <p>
 * Each {@link #bestModel} call makes a {@link ServedModel} with its own copy of the
 * model: make one per translator and keep it. They are all closed with this (with the
 * application context, for the auto-configured bean).
 */
public class ServedModels implements AutoCloseable {

    private final Workspace workspace;

    private final Map<String, PipelineDefinition> pipelines;

    private final Map<String, String> pipelineBySweep;

    private final @Nullable String engine;

    private final List<ServedModel<?, ?>> served = new ArrayList<>();

    /**
     * Creates the models of the given pipelines, loaded on DJL's default engine.
     * @param workspace {@code demon.checkpoint.dir}, where the models are
     * @param pipelines the pipelines by name
     */
    public ServedModels(Workspace workspace, Map<String, PipelineDefinition> pipelines) {
        this(workspace, pipelines, null);
    }

    /**
     * Creates the models of the given pipelines, loaded on the given engine.
     * @param workspace {@code demon.checkpoint.dir}, where the models are
     * @param pipelines the pipelines by name
     * @param engine the DJL name of the engine, such as {@code PyTorch}, or null for
     * DJL's default engine
     */
    public ServedModels(Workspace workspace, Map<String, PipelineDefinition> pipelines, @Nullable String engine) {
        this(workspace, pipelines, Map.of(), engine);
    }

    /**
     * Creates the models of the given pipelines and sweeps, loaded on the given engine.
     * @param workspace {@code demon.checkpoint.dir}, where the models are
     * @param pipelines the pipelines by name
     * @param pipelineBySweep the pipeline each sweep trains, by the sweep's name
     * @param engine the DJL name of the engine, such as {@code PyTorch}, or null for
     * DJL's default engine
     */
    public ServedModels(Workspace workspace, Map<String, PipelineDefinition> pipelines,
            Map<String, String> pipelineBySweep, @Nullable String engine) {
        this.workspace = workspace;
        this.pipelines = new TreeMap<>(pipelines);
        this.pipelineBySweep = new TreeMap<>(pipelineBySweep);
        this.engine = engine;
    }

    /**
     * The names of the pipelines whose models can be served.
     * @return the names, sorted
     */
    public Set<String> pipelineNames() {
        return pipelines.keySet();
    }

    /**
     * A pipeline, for what serving needs from it, such as its
     * {@link PipelineDefinition#inputPipeline()}.
     * @param name the pipeline's name, or a sweep's, which names the pipeline it trains
     * @return the pipeline
     * @throws IllegalArgumentException when there is no such pipeline or sweep, naming
     * those there are
     */
    public PipelineDefinition pipeline(String name) {
        PipelineDefinition pipeline = pipelines.get(pipelineBySweep.getOrDefault(name, name));
        if (pipeline == null) {
            throw new IllegalArgumentException("No @TrainingPipeline nor sweep named \"" + name
                    + "\"; the pipelines are " + pipelines.keySet() + ", the sweeps " + pipelineBySweep.keySet());
        }
        return pipeline;
    }

    /**
     * The folder of a pipeline's or a sweep's best model now, the newest lease
     * generation's ({@link Workspace}).
     * @param name the pipeline's or the sweep's name
     * @return the folder, absolute, which exists once a run of the pipeline (or a sweep
     * with a best trial) has ended
     */
    public Path bestModelFolder(String name) {
        return pipelineBySweep.containsKey(name) ? workspace.sweep(name).bestModel()
                : new ChampionFolder(workspace.pipeline(name)).now();
    }

    /**
     * Serves a pipeline's best model, or a sweep's (its best trial's best epoch), loaded
     * into the pipeline's block with the given translator.
     * @param name the pipeline's or the sweep's name
     * @param input the class of the inputs
     * @param output the class of the outputs
     * @param translator the translator, thread-safe
     * @param <I> the input type
     * @param <O> the output type
     * @return the served model; it loads nothing until its first prediction
     * @throws IllegalArgumentException when there is no such pipeline or sweep
     */
    public <I, O> ServedModel<I, O> bestModel(String name, Class<I> input, Class<O> output,
            Translator<I, O> translator) {
        PipelineDefinition pipeline = pipeline(name);
        ServedModel<I, O> model = ServedModel.builder(input, output)
            // The name, not today's newest generation's folder: a newer run's is read
            // when it appears.
            .setModelFolder(pipelineBySweep.containsKey(name) ? workspace.sweep(name).bestModel(0)
                    : workspace.pipeline(name).bestModel(0))
            // A sweep's best model is its pipeline's model, saved under the pipeline's
            // name.
            .setModelName(pipelineBySweep.getOrDefault(name, name))
            // A pipeline serves its champion (docs/promotion.md), or, without a pointer,
            // the newest best-model as before.
            .optCurrentFolder(
                    pipelineBySweep.containsKey(name) ? null : new ChampionFolder(workspace.pipeline(name))::now)
            .setBlocks(pipeline::model)
            .setTranslator(translator)
            .optEngine(engine)
            .build();
        synchronized (served) {
            served.add(model);
        }
        return model;
    }

    /** Closes every model served. */
    @Override
    public void close() {
        synchronized (served) {
            served.forEach(ServedModel::close);
            served.clear();
        }
    }

}
