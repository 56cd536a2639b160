package dev.demon.spring.serving;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import ai.djl.inference.Predictor;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.workspace.GenerationalName;

/**
 * The model a folder holds on disk, as DJL's {@code Model.save} wrote it (a completed
 * job's {@code best-model/}, say), predicting with the newest one there: that of the
 * folder of the newest lease generation of the name ({@code best-model.g000005} for
 * {@code best-model}, see {@link dev.demon.spring.workspace.GenerationalName}), loaded
 * with DJL's {@link Criteria} ({@code optModelPath(folder)}, a new block of the model's
 * architecture, the caller's {@link Translator}) on the first prediction, kept, and
 * loaded again when the parameter files change, as when a newer run saves its folder. A
 * model replaced this way is closed once the last prediction that started on it has
 * ended.
 *
 * <p>
 * Thread-safe: predictions run concurrently, each with its own DJL {@link Predictor};
 * each checks the folder without a lock, and loading a changed model is serialised. The
 * folder is only read: a folder that an interrupted replace left aside is read where it
 * is ({@link AtomicFiles#readableFolder}), and a model whose files change while it is
 * being read is read again.
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

    private final Path folder;

    private final ModelFolderLoader<I, O> loader;

    /** Written with this object's lock held; read without it by predictions. */
    private volatile @Nullable LoadedModel<I, O> current;

    private volatile boolean closed;

    private ServedModel(Builder<I, O> builder) {
        folder = Objects.requireNonNull(builder.folder, "modelFolder");
        Supplier<Path> current = (builder.currentFolder != null) ? builder.currentFolder
                : () -> GenerationalName.newestFolder(folder);
        loader = new ModelFolderLoader<>(folder, current, Objects.requireNonNull(builder.modelName, "modelName"),
                Objects.requireNonNull(builder.blocks, "blocks"), builder.input, builder.output,
                Objects.requireNonNull(builder.translator, "translator"), builder.engine);
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
        LoadedModel<I, O> loaded = acquire();
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
     * Closes the model now, or, if predictions are using it, when the last of them ends.
     */
    @Override
    public synchronized void close() {
        closed = true;
        retire();
    }

    /**
     * The model to predict with, held for the caller. The usual case, a model loaded that
     * is still the one on disk, takes no lock: the look at the folder (a listing) runs in
     * each prediction's thread at once, where under the lock concurrent predictions would
     * queue for it. A prediction that finds the folder changed takes the lock and loads
     * the new model, and every prediction that starts after a change finds it, so none is
     * answered by a model the folder no longer holds.
     */
    private @Nullable LoadedModel<I, O> acquire() {
        requireOpen();
        LoadedModel<I, O> seen = current;
        if (seen != null && loader.isOnDisk(seen.files()) && seen.tryRetain()) {
            return seen;
        }
        return acquireChanged();
    }

    private synchronized @Nullable LoadedModel<I, O> acquireChanged() {
        requireOpen();
        if (current == null || !loader.isOnDisk(current.files())) {
            LoadedModel<I, O> fresh = loader.load();
            retire();
            current = fresh;
        }
        if (current == null) {
            return null;
        }
        current.retain();
        return current;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("The served model of " + folder + " is closed");
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

        private @Nullable String engine;

        private @Nullable Supplier<Path> currentFolder;

        private Builder(Class<I> input, Class<O> output) {
            this.input = input;
            this.output = output;
        }

        /**
         * Sets the folder {@code Model.save} writes the model to, as generation 0 names
         * it ({@code <pipeline>/best-model}): the newest generation's folder of that name
         * is read ({@code best-model.g000005}). It need not exist yet.
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
         * Sets where the model is now, asked before every prediction: by default the
         * newest lease generation's folder of {@link #setModelFolder}'s name. The
         * starter's {@link ServedModels} follows a pipeline's champion
         * ({@link dev.demon.spring.promotion.ChampionFolder}) this way.
         * @param currentFolder gives the folder to read, which need not exist; null for
         * the default
         * @return this builder
         */
        public Builder<I, O> optCurrentFolder(@Nullable Supplier<Path> currentFolder) {
            this.currentFolder = currentFolder;
            return this;
        }

        /**
         * Sets the engine, by default DJL's default engine when a model is loaded.
         * @param engine the engine's name, such as {@code MXNet}
         * @return this builder
         */
        public Builder<I, O> optEngine(@Nullable String engine) {
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
