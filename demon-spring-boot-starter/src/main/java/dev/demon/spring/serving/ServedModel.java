package dev.demon.spring.serving;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import ai.djl.ModelException;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.demon.spring.io.AtomicFiles;

/**
 * The model a folder holds on disk, as DJL's {@code Model.save} wrote it (a completed
 * job's {@code best-model/}, say), predicting with the newest one there: loaded with
 * DJL's {@link Criteria} ({@code optModelPath(folder)}, a new block of the model's
 * architecture, the caller's {@link Translator}) on the first prediction, kept, and
 * loaded again when the folder's parameter files change, as when a newer run replaces the
 * folder. A model replaced this way is closed once the last prediction that started on it
 * has ended.
 *
 * <p>
 * Thread-safe: predictions run concurrently, each with its own DJL {@link Predictor};
 * checking the folder and loading a changed model are serialised. The folder is only
 * read: a folder that an interrupted replace left aside is read where it is
 * ({@link AtomicFiles#readableFolder}), and a model whose files change while it is being
 * read is read again.
 *
 * <pre>{@code
 * ServedModel<Image, Classifications> model = ServedModel.builder(Image.class, Classifications.class)
 *         .setModelFolder(Path.of("demon-checkpoints/fashion-mnist-cnn/best-model"))
 *         .setModelName("fashion-mnist-cnn").setBlocks(pipeline::model).setTranslator(translator).build();
 * Optional<Classifications> prediction = model.predict(image);   // empty: no model saved yet
 * }</pre>
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public final class ServedModel<I, O> implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(ServedModel.class);

    /** Loads tried in a row while the folder keeps changing under them. */
    private static final int ATTEMPTS = 3;

    private final Path folder;

    private final String modelName;

    private final Supplier<Block> blocks;

    private final Class<I> input;

    private final Class<O> output;

    private final Translator<I, O> translator;

    private final String engine;

    private Loaded<I, O> current;

    private boolean closed;

    private ServedModel(Builder<I, O> builder) {
        folder = Objects.requireNonNull(builder.folder, "modelFolder");
        modelName = Objects.requireNonNull(builder.modelName, "modelName");
        blocks = Objects.requireNonNull(builder.blocks, "blocks");
        translator = Objects.requireNonNull(builder.translator, "translator");
        input = builder.input;
        output = builder.output;
        engine = builder.engine;
    }

    /**
     * Starts building a served model.
     * @param input the class of the inputs
     * @param output the class of the outputs
     * @param <I> the input type
     * @param <O> the output type
     * @return a builder
     */
    public static <I, O> Builder<I, O> builder(Class<I> input, Class<O> output) {
        return new Builder<>(Objects.requireNonNull(input, "input"), Objects.requireNonNull(output, "output"));
    }

    /**
     * Predicts with the model the folder holds now, loading it first when it is new.
     * @param request the input
     * @return the prediction, or empty when the folder holds no model (yet)
     * @throws TranslateException when the translator or the model fails on this input
     * @throws ModelLoadingException when the folder holds a model that cannot be loaded
     * @throws IllegalStateException once closed
     */
    public Optional<O> predict(I request) throws TranslateException {
        Loaded<I, O> loaded = acquire();
        if (loaded == null) {
            return Optional.empty();
        }
        try (Predictor<I, O> predictor = loaded.model().newPredictor()) {
            return Optional.of(predictor.predict(request));
        }
        finally {
            loaded.release();
        }
    }

    /**
     * The folder this serves the model of.
     * @return the model folder
     */
    public Path getModelFolder() {
        return folder;
    }

    /**
     * Closes the model now, or, if predictions are using it, when the last of them ends.
     */
    @Override
    public synchronized void close() {
        closed = true;
        retire();
    }

    private synchronized Loaded<I, O> acquire() {
        if (closed) {
            throw new IllegalStateException("The served model of " + folder + " is closed");
        }
        if (current == null || !isOnDisk(current.files())) {
            Loaded<I, O> fresh = load();
            retire();
            current = fresh;
        }
        if (current == null) {
            return null;
        }
        current.retain();
        return current;
    }

    private Loaded<I, O> load() {
        Exception failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<ModelFiles> before;
            try {
                before = filesOnDisk();
            }
            catch (IOException ex) {
                // The folder was being replaced while it was listed.
                failure = ex;
                continue;
            }
            if (before.isEmpty()) {
                return null;
            }
            ZooModel<I, O> model = null;
            failure = null;
            try {
                model = criteria(before.get().folder()).loadModel();
            }
            catch (IOException | ModelException | RuntimeException ex) {
                failure = ex;
            }
            if (isOnDisk(before.get())) {
                if (model == null) {
                    throw new ModelLoadingException(folder,
                            "The model in " + before.get().folder() + " cannot be loaded: " + failure, failure);
                }
                logger.info("{}: serving the model in {} ({})", modelName, before.get().folder(),
                        before.get().parameters().stream().map(ModelFiles.ParameterFile::name).toList());
                return new Loaded<>(model, before.get());
            }
            // Replaced while it was read: what was read may be either model, or half of
            // each.
            if (model != null) {
                model.close();
            }
        }
        throw new ModelLoadingException(folder,
                "The model in " + folder + " changed every time it was read (" + ATTEMPTS + " times)", failure);
    }

    private Criteria<I, O> criteria(Path modelFolder) {
        return Criteria.builder()
            .setTypes(input, output)
            .optModelPath(modelFolder)
            .optModelName(modelName)
            .optBlock(blocks.get())
            .optTranslator(translator)
            .optEngine(engine != null ? engine : Engine.getDefaultEngineName())
            .build();
    }

    private Optional<ModelFiles> filesOnDisk() throws IOException {
        Optional<Path> readable = AtomicFiles.readableFolder(folder);
        return readable.isPresent() ? ModelFiles.in(readable.get()) : Optional.empty();
    }

    private boolean isOnDisk(ModelFiles files) {
        try {
            return filesOnDisk().map(files::sameFiles).orElse(false);
        }
        catch (IOException ex) {
            return false;
        }
    }

    /**
     * Drops this served model's own hold on the current model; called with the lock held.
     */
    private void retire() {
        if (current != null) {
            current.release();
            current = null;
        }
    }

    /**
     * A loaded model and how many hold it: the served model while it is current, plus
     * each prediction running on it. The last to let go closes it.
     */
    private record Loaded<I, O>(ZooModel<I, O> model, ModelFiles files, AtomicInteger holders) {

        Loaded(ZooModel<I, O> model, ModelFiles files) {
            this(model, files, new AtomicInteger(1));
        }

        /** Only while current, so never after the count reached 0. */
        void retain() {
            holders.incrementAndGet();
        }

        void release() {
            if (holders.decrementAndGet() == 0) {
                model.close();
            }
        }
    }

    /**
     * Builds a {@link ServedModel}; {@code set} methods are required, {@code opt} ones
     * optional, as in DJL.
     *
     * @param <I> the input type
     * @param <O> the output type
     */
    public static final class Builder<I, O> {

        private final Class<I> input;

        private final Class<O> output;

        private Path folder;

        private String modelName;

        private Supplier<Block> blocks;

        private Translator<I, O> translator;

        private String engine;

        private Builder(Class<I> input, Class<O> output) {
            this.input = input;
            this.output = output;
        }

        /**
         * Sets the folder {@code Model.save} writes the model to; it need not exist yet.
         * @param modelFolder the folder
         * @return this builder
         */
        public Builder<I, O> setModelFolder(Path modelFolder) {
            this.folder = modelFolder;
            return this;
        }

        /**
         * Sets the model's name, the prefix of its parameter files
         * ({@code <name>-NNNN.params}): the pipeline's name for a model the starter
         * saved.
         * @param modelName the name
         * @return this builder
         */
        public Builder<I, O> setModelName(String modelName) {
            this.modelName = modelName;
            return this;
        }

        /**
         * Sets where the blocks the parameters are loaded into come from: a new,
         * uninitialised block of the model's architecture on every call
         * ({@code PipelineDefinition::model}), since a model being replaced may still be
         * predicting with its own.
         * @param blocks makes the blocks
         * @return this builder
         */
        public Builder<I, O> setBlocks(Supplier<Block> blocks) {
            this.blocks = blocks;
            return this;
        }

        /**
         * Sets the translator that turns an input into the model's and its output into
         * the prediction; it must be thread-safe, as DJL's own translators are.
         * @param translator the translator
         * @return this builder
         */
        public Builder<I, O> setTranslator(Translator<I, O> translator) {
            this.translator = translator;
            return this;
        }

        /**
         * Sets the engine, by default DJL's default engine when a model is loaded.
         * @param engine the engine's name, such as {@code MXNet}
         * @return this builder
         */
        public Builder<I, O> optEngine(String engine) {
            this.engine = engine;
            return this;
        }

        /**
         * Builds the served model; nothing is loaded until the first prediction.
         * @return the served model
         */
        public ServedModel<I, O> build() {
            return new ServedModel<>(this);
        }

    }

}
