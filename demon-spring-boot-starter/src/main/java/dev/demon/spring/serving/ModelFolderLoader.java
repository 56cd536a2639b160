package dev.demon.spring.serving;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

import ai.djl.ModelException;
import ai.djl.engine.Engine;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.jspecify.annotations.Nullable;

import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.workspace.GenerationalName;

/**
 * Loads the model a folder holds with DJL's {@link Criteria}, from where the model is now
 * (by default the newest lease generation's folder of that name,
 * {@link GenerationalName#newestFolder}: {@code best-model.g000005} for
 * {@code best-model}; for a pipeline, its champion), reading it again while the folder
 * changes under the load (a newer run's appearing), so that what is loaded is one whole
 * model.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
final class ModelFolderLoader<I, O> {

    private static final Logger logger = LoggerFactory.getLogger(ModelFolderLoader.class);

    /** Loads tried in a row while the folder keeps changing under them. */
    private static final int ATTEMPTS = 3;

    private final Path folder;

    private final Supplier<Path> currentFolder;

    private final String modelName;

    private final Supplier<Block> blocks;

    private final Class<I> input;

    private final Class<O> output;

    private final Translator<I, O> translator;

    private final @Nullable String engine;

    ModelFolderLoader(Path folder, Supplier<Path> currentFolder, String modelName, Supplier<Block> blocks,
            Class<I> input, Class<O> output, Translator<I, O> translator, @Nullable String engine) {
        this.folder = folder;
        this.currentFolder = currentFolder;
        this.modelName = modelName;
        this.blocks = blocks;
        this.input = input;
        this.output = output;
        this.translator = translator;
        this.engine = engine;
    }

    /**
     * Loads the model the folder holds now.
     * @return the model, held once by the caller; null when the folder holds no model
     * @throws ModelLoadingException when it holds one that cannot be loaded, or that
     * changed on every attempt
     */
    @Nullable LoadedModel<I, O> load() {
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
                return new LoadedModel<>(model, before.get());
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
        Optional<Path> readable = AtomicFiles.readableFolder(currentFolder.get());
        return readable.isPresent() ? ModelFiles.in(readable.get()) : Optional.empty();
    }

    boolean isOnDisk(ModelFiles files) {
        try {
            return filesOnDisk().map(files::sameFiles).orElse(false);
        }
        catch (IOException ex) {
            return false;
        }
    }

}
