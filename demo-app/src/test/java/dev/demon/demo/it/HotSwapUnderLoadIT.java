package dev.demon.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import dev.demon.demo.it.PredictionIT.ServedPrediction;
import dev.demon.spring.io.AtomicFiles;
import dev.demon.spring.lease.Lease;
import dev.demon.spring.promotion.ChampionPointer;
import dev.demon.spring.workspace.PipelineFolder;
import dev.demon.spring.workspace.Workspace;
import dev.demon.spring.workspace.WriteWindow;

/**
 * A model swap under load. A process that trains nothing serves the MLP pipeline's best
 * model at {@code POST /predict} while {@value #CLIENTS} client threads send requests
 * back to back; meanwhile the test publishes a new model {@value #SWAPS} times, as a
 * promotion does: a new version, then the champion pointer switched to it
 * ({@link #publish}). No request fails, every answer is one model's whole prediction, and
 * every request sent after a publication has returned is answered by the new model.
 *
 * <p>
 * The two models alternate; their parameters are chosen, not trained, so that each
 * model's answer is exact and known, and a model put together from both (the first layer
 * of one, the second of the other) would answer something else again. The first layer's
 * weights are 0, so its output is its bias whatever the image: hidden unit 0 is
 * {@code a}, the others 0. The second layer's column 0 is {@code c}, its bias 0, so the
 * logits are {@code a·c}, whole numbers summed exactly in any order. Model A: a = 1, c =
 * (0, 1, …, 9), logits (0, 1, …, 9), class 9. Model B: a = 2, c = (9, 8, …, 0), logits
 * (18, 16, …, 0), class 0. Mixed: (9, 8, …, 0) or (0, 2, …, 18), neither model's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HotSwapUnderLoadIT {

    private static final String PIPELINE = MlpJob.PIPELINE;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final int CLIENTS = 4;

    private static final int SWAPS = 6;

    /** Answers the clients receive between two publications. */
    private static final int ANSWERS_PER_MODEL = 60;

    private static final Weights A = new Weights(1, new float[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 });

    private static final Weights B = new Weights(2, new float[] { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 });

    private Path checkpoints;

    private ServingProcess serving;

    private final List<Publication> publications = new ArrayList<>();

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    private float[] probabilitiesOfA;

    private float[] probabilitiesOfB;

    @BeforeAll
    void serveWhilePublishingNewModelsUnderLoad(@TempDir Path workDir) throws Exception {
        this.checkpoints = workDir.resolve("checkpoints");
        try (NDManager manager = NDManager.newBaseManager(Engine.getDefaultEngineName())) {
            this.probabilitiesOfA = manager.create(A.logits()).softmax(0).toFloatArray();
            this.probabilitiesOfB = manager.create(B.logits()).softmax(0).toFloatArray();
        }
        publish(1, A);
        this.serving = ServingProcess.start(workDir.resolve("serving"), this.checkpoints);
        byte[] image;
        try (TestSetImages testSet = new TestSetImages()) {
            image = testSet.get(0).png();
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger received = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(CLIENTS);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<Object>> running = IntStream.range(0, CLIENTS).mapToObj(client -> clients.submit(() -> {
                started.countDown();
                while (!stop.get()) {
                    long sent = System.nanoTime();
                    HttpResponse<String> response = this.serving.predict("image/png", image);
                    this.answers.add(new Answer(sent, System.nanoTime(), response.statusCode(), response.body()));
                    received.incrementAndGet();
                }
                return null;
            })).toList();
            started.await();
            for (int run = 1; run <= SWAPS + 1; run++) {
                if (run > 1) {
                    publish(run, run % 2 == 1 ? A : B);
                }
                int until = received.get() + ANSWERS_PER_MODEL;
                while (received.get() < until) {
                    assertThat(running).as(this.serving.logTail()).noneMatch(Future::isDone);
                    Thread.sleep(5);
                }
            }
            stop.set(true);
            for (Future<Object> client : running) {
                client.get(1, TimeUnit.MINUTES);
            }
            long[] millis = this.answers.stream()
                .mapToLong(answer -> (answer.received() - answer.sent()) / 1_000_000)
                .sorted()
                .toArray();
            System.out.printf("HotSwapUnderLoadIT: %d answers, %d swaps, latency median %d ms, max %d ms%n",
                    millis.length, SWAPS, millis[millis.length / 2], millis[millis.length - 1]);
        }
        finally {
            stop.set(true);
            clients.shutdownNow();
        }
    }

    @AfterAll
    void stopTheServer() {
        if (this.serving != null) {
            this.serving.close();
        }
    }

    @Test
    void everyRequestUnderLoadIsAnswered200() {
        assertThat(this.answers).hasSizeGreaterThanOrEqualTo((SWAPS + 1) * ANSWERS_PER_MODEL);
        assertThat(this.answers).as(this.serving.logTail())
            .allSatisfy(answer -> assertThat(answer.status()).as(answer.body()).isEqualTo(200));
    }

    @Test
    void everyAnswerIsExactlyTheWholePredictionOfOneModel() {
        assertThat(this.answers).allSatisfy(answer -> assertThat(modelOf(answer)).as(answer.body()).isNotNull());
    }

    @Test
    void requestSentAfterAPublicationReturnedIsAnsweredByTheNewModelAndOneAnsweredBeforeItByTheOld() {
        for (int i = 0; i < this.publications.size(); i++) {
            Publication publication = this.publications.get(i);
            long nextStarted = i + 1 < this.publications.size() ? this.publications.get(i + 1).started()
                    : Long.MAX_VALUE;
            long previousReturned = i > 0 ? this.publications.get(i - 1).returned() : Long.MIN_VALUE;
            List<Answer> after = this.answers.stream()
                .filter(answer -> answer.sent() > publication.returned() && answer.received() < nextStarted)
                .toList();
            List<Answer> before = this.answers.stream()
                .filter(answer -> answer.sent() > previousReturned && answer.received() < publication.started())
                .toList();
            assertThat(after).as("answers to requests sent after run %d's publication", i + 1).isNotEmpty();
            assertThat(after).map(this::modelOf).containsOnly(publication.weights());
            if (i > 0) {
                assertThat(before).as("answers received before run %d's publication", i + 1)
                    .isNotEmpty()
                    .map(this::modelOf)
                    .containsOnly(this.publications.get(i - 1).weights());
            }
        }
    }

    /**
     * Publishes a model as a promotion does (docs/promotion.md): the run's version saved
     * into {@code versions/run-<run>/}, replaced only once complete, then the champion
     * pointer switched to it, atomically. The one place that knows how a model comes to
     * be served.
     */
    private void publish(int run, Weights weights) throws Exception {
        long started = System.nanoTime();
        PipelineFolder pipeline = new Workspace(this.checkpoints).pipeline(PIPELINE);
        String version = "run-" + run;
        try (Model model = Model.newInstance(PIPELINE, Engine.getDefaultEngineName())) {
            Block block = SavedMlpModel.PIPELINE.model();
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));
            weights.setInto(block);
            model.setProperty("Epoch", "1");
            AtomicFiles.replaceFolder(pipeline.version(version), fresh -> model.save(fresh, PIPELINE));
        }
        new ChampionPointer(version, (long) run, run, 0, Instant.now().toString()).write(pipeline, Lease.none(),
                WriteWindow.NONE);
        this.publications.add(new Publication(weights, started, System.nanoTime()));
    }

    /** The model whose whole prediction the answer is, or null for none of them. */
    private Weights modelOf(Answer answer) {
        if (answer.status() != 200) {
            return null;
        }
        float[] probabilities = JSON.readValue(answer.body(), ServedPrediction.class).probabilities();
        return Arrays.equals(probabilities, this.probabilitiesOfA) ? A
                : Arrays.equals(probabilities, this.probabilitiesOfB) ? B : null;
    }

    /**
     * The MLP's parameters: first layer weights 0, bias {@code a} on unit 0 and 0 on the
     * others; second layer column 0 {@code c}, every other weight 0, bias 0.
     */
    record Weights(float a, float[] c) {

        float[] logits() {
            float[] logits = new float[this.c.length];
            for (int i = 0; i < logits.length; i++) {
                logits[i] = this.a * this.c[i];
            }
            return logits;
        }

        /** Into the 784-256-10 block, its parameters in order: W1, b1, W2, b2. */
        void setInto(Block block) {
            List<Parameter> parameters = block.getParameters().values();
            float[] hiddenBias = new float[256];
            hiddenBias[0] = this.a;
            float[] outputWeights = new float[10 * 256];
            for (int output = 0; output < 10; output++) {
                outputWeights[output * 256] = this.c[output];
            }
            parameters.get(0).getArray().set(new float[256 * 784]);
            parameters.get(1).getArray().set(hiddenBias);
            parameters.get(2).getArray().set(outputWeights);
            parameters.get(3).getArray().set(new float[10]);
        }

    }

    /** One request: when it was sent and answered (System.nanoTime), and the answer. */
    record Answer(long sent, long received, int status, String body) {
    }

    /** One publication: the model and when it began and returned (System.nanoTime). */
    record Publication(Weights weights, long started, long returned) {
    }

}
