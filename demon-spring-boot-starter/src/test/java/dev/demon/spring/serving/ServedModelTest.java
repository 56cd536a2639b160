package dev.demon.spring.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.translate.TranslateException;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.FileSystemUtils;

import dev.demon.spring.io.AtomicFiles;

/**
 * A served model predicts with the model its folder holds on disk, and follows the folder
 * when it is replaced. The models are single linear layers y = W·x + b with small whole
 * weights, saved with DJL's {@code Model.save}, so every prediction is exact: here x =
 * (1, 2, 3, 4).
 */
class ServedModelTest {

    private static final String NAME = "linear";

    private static final float[] X = { 1, 2, 3, 4 };

    /**
     * Picks features 1, 2 and 4, times 1, 2 and 3, plus 1 on the last: y = (1, 4, 13).
     */
    private static final float[][] PICKING = { { 1, 0, 0, 0 }, { 0, 2, 0, 0 }, { 0, 0, 0, 3 } };

    private static final float[] PICKING_BIAS = { 0, 0, 1 };

    /** Sums all features, and their first two, minus 1: y = (10, 3, -1). */
    private static final float[][] SUMMING = { { 1, 1, 1, 1 }, { 1, 1, 0, 0 }, { 0, 0, 0, 0 } };

    private static final float[] SUMMING_BIAS = { 0, 0, -1 };

    @TempDir
    Path checkpoints;

    private final List<Block> blocks = new CopyOnWriteArrayList<>();

    private ServedModel<Request, float[]> served;

    @AfterEach
    void closeTheServedModel() {
        if (served != null) {
            served.close();
        }
    }

    @Test
    void predictsNothingBeforeTheFolderHoldsAModel() throws TranslateException {
        served = serve(checkpoints.resolve("best-model"));

        assertThat(served.predict(new Request(X))).isEmpty();
        assertThat(blocks).as("no model loaded").isEmpty();
    }

    @Test
    void predictsWithTheModelSavedInTheFolder() throws Exception {
        Path folder = checkpoints.resolve("best-model");
        save(folder, PICKING, PICKING_BIAS);
        served = serve(folder);

        assertThat(served.predict(new Request(X))).hasValueSatisfying(y -> assertThat(y).containsExactly(1, 4, 13));
    }

    @Test
    void keepsTheLoadedModelWhileTheFolderIsUnchanged() throws Exception {
        Path folder = checkpoints.resolve("best-model");
        save(folder, PICKING, PICKING_BIAS);
        served = serve(folder);

        for (int i = 0; i < 3; i++) {
            served.predict(new Request(X));
        }

        assertThat(blocks).hasSize(1);
    }

    @Test
    void servesTheNewModelOnceTheFolderIsReplaced() throws Exception {
        Path folder = checkpoints.resolve("best-model");
        save(folder, PICKING, PICKING_BIAS);
        served = serve(folder);
        served.predict(new Request(X));

        // Same file name and size: only the files themselves differ.
        save(folder, SUMMING, SUMMING_BIAS);

        assertThat(served.predict(new Request(X))).hasValueSatisfying(y -> assertThat(y).containsExactly(10, 3, -1));
    }

    @Test
    void predictionUnderWayFinishesOnItsModelWhichIsClosedOnceItHas() throws Exception {
        Path folder = checkpoints.resolve("best-model");
        save(folder, PICKING, PICKING_BIAS);
        served = serve(folder);
        CountDownLatch translating = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        CompletableFuture<Optional<float[]>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return served.predict(new Request(X, () -> {
                    translating.countDown();
                    await(proceed);
                }));
            }
            catch (TranslateException ex) {
                throw new IllegalStateException(ex);
            }
        });
        await(translating);

        save(folder, SUMMING, SUMMING_BIAS);
        Optional<float[]> fast = served.predict(new Request(X));
        boolean oldClosedWhileInUse = released(blocks.get(0));
        proceed.countDown();

        assertThat(fast).hasValueSatisfying(y -> assertThat(y).containsExactly(10, 3, -1));
        assertThat(slow.get(30, TimeUnit.SECONDS)).hasValueSatisfying(y -> assertThat(y).containsExactly(1, 4, 13));
        assertThat(oldClosedWhileInUse).isFalse();
        assertThat(released(blocks.get(0))).isTrue();
        assertThat(released(blocks.get(1))).isFalse();
    }

    @Test
    void predictsNothingOnceTheFolderIsGoneAndClosesTheModel() throws Exception {
        Path folder = checkpoints.resolve("best-model");
        save(folder, PICKING, PICKING_BIAS);
        served = serve(folder);
        served.predict(new Request(X));

        FileSystemUtils.deleteRecursively(folder);

        assertThat(served.predict(new Request(X))).isEmpty();
        assertThat(released(blocks.get(0))).isTrue();
    }

    @Test
    void servesTheFolderAnInterruptedReplaceLeftAsideWithoutMovingIt() throws Exception {
        Path folder = checkpoints.resolve("best-model");
        save(folder, PICKING, PICKING_BIAS);
        Path aside = checkpoints.resolve(".best-model.old");
        Files.move(folder, aside);
        served = serve(folder);

        assertThat(served.predict(new Request(X))).hasValueSatisfying(y -> assertThat(y).containsExactly(1, 4, 13));
        assertThat(folder).doesNotExist();
        assertThat(aside).isDirectory();
    }

    @Test
    void modelThatDoesNotFitTheBlockIsRefusedNamingTheFolder() throws Exception {
        Path folder = checkpoints.resolve("best-model");
        AtomicFiles.replaceFolder(folder, fresh -> Files.writeString(fresh.resolve(NAME + "-0001.params"), "no model"));
        served = serve(folder);

        assertThatThrownBy(() -> served.predict(new Request(X))).isInstanceOf(ModelLoadingException.class)
            .hasMessageContaining(folder.toString())
            .extracting(ex -> ((ModelLoadingException) ex).getFolder())
            .isEqualTo(folder);
    }

    @Test
    void closingClosesTheModelAndRefusesFurtherPredictions() throws Exception {
        Path folder = checkpoints.resolve("best-model");
        save(folder, PICKING, PICKING_BIAS);
        served = serve(folder);
        served.predict(new Request(X));

        served.close();

        assertThat(released(blocks.get(0))).isTrue();
        assertThatThrownBy(() -> served.predict(new Request(X))).isInstanceOf(IllegalStateException.class);
    }

    private ServedModel<Request, float[]> serve(Path folder) {
        return ServedModel.builder(Request.class, float[].class)
            .setModelFolder(folder)
            .setModelName(NAME)
            .setBlocks(() -> {
                Block block = newBlock();
                blocks.add(block);
                return block;
            })
            .setTranslator(new FeaturesTranslator())
            .build();
    }

    private static Block newBlock() {
        return Linear.builder().setUnits(3).build();
    }

    /**
     * Saves y = W·x + b as the starter saves a model: Model.save, replacing the folder
     * whole.
     */
    private static void save(Path folder, float[][] weight, float[] bias) throws IOException {
        try (Model model = Model.newInstance(NAME)) {
            Block block = newBlock();
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, X.length));
            block.getParameters().get("weight").getArray().set(flatten(weight));
            block.getParameters().get("bias").getArray().set(bias);
            model.setProperty("Epoch", "1");
            AtomicFiles.replaceFolder(folder, fresh -> model.save(fresh, NAME));
        }
    }

    private static float[] flatten(float[][] rows) {
        float[] flat = new float[rows.length * rows[0].length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * rows[0].length, rows[i].length);
        }
        return flat;
    }

    private static boolean released(Block block) {
        return block.getParameters().get("weight").getArray().isReleased();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gave up waiting");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The features to predict for, and what to do while the translator prepares them.
     *
     * @param features x
     * @param whileTranslating runs inside the prediction, before the model is called
     */
    record Request(float[] features, Runnable whileTranslating) {

        Request(float[] features) {
            this(features, () -> {
            });
        }
    }

    /** x in, y out. */
    private static final class FeaturesTranslator implements Translator<Request, float[]> {

        @Override
        public NDList processInput(TranslatorContext ctx, Request input) {
            input.whileTranslating().run();
            return new NDList(ctx.getNDManager().create(input.features()));
        }

        @Override
        public float[] processOutput(TranslatorContext ctx, NDList list) {
            return list.singletonOrThrow().toFloatArray();
        }

    }

}
