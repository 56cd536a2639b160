package dev.demon.benchmarks.serving;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.inference.Predictor;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import dev.demon.fashionmnist.pipeline.FashionMnistTranslator;
import dev.demon.benchmarks.stats.Samples;
import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;
import dev.demon.fashionmnist.pipeline.FashionMnistCnn;
import dev.demon.fashionmnist.pipeline.FashionMnistMlp;
import dev.demon.spring.pipeline.PipelineDefinition;
import dev.demon.spring.serving.ServedModel;
import dev.demon.spring.serving.ServedModels;
import dev.demon.spring.workspace.Workspace;

/**
 * The starter's serving against a bare DJL {@link Predictor} loop, in one JVM: for each
 * of the demo's pipelines, a saved model (freshly initialised parameters: the time does
 * not depend on their values) is classified by
 * <ul>
 * <li>a bare loop, each thread with its own {@code Predictor} kept for all its requests
 * (DJL's {@code ZooModel} loaded with {@code Criteria}, the same translator);</li>
 * <li>the same with a new {@code Predictor} per request, and with a pool of
 * {@code Predictor}s (as many as processors) the threads borrow from;</li>
 * <li>the starter's {@link ServedModel#predict}, called in process, and the same handed
 * to ten threads that take the predictions in turn, as Tomcat's request threads do;</li>
 * <li>{@code POST /predict/<pipeline>} ({@link PredictionEndpoint}) on the embedded
 * server, from {@code java.net.http} clients: a PNG decoded, scaled, classified and
 * answered as JSON, as the demo does; the same with the prediction handed to a few reused
 * threads; and the HTTP path alone, without the prediction.</li>
 * </ul>
 * Every side first runs unmeasured until the JIT has compiled its code ({@link #warmUp}).
 * Then each runs closed-loop ({@link ClosedLoop}) at concurrency 1, 4 and 16 for a fixed
 * time; the sides alternate within each repetition, the order rotated from one repetition
 * to the next, so that a drift of the shared machine's load hits them alike. Reported:
 * the medians over repetitions of throughput, p50 and p99 latency, their spread, the
 * per-repetition ratios of each side's throughput to the bare loop's, the whole process's
 * CPU time and context switches per request ({@link ProcessUsage}: on a machine others
 * share, what a request costs when its throughput is whatever share of the cores the
 * process gets), and the memory one more served model takes (resident set and heap).
 *
 * <p>
 * System properties: {@code benchmarks.pipelines} (default
 * {@code fashion-mnist-cnn,fashion-mnist-mlp}), {@code benchmarks.concurrency} (default
 * {@code 1,4,16}), {@code benchmarks.repetitions} (default 5), {@code benchmarks.seconds}
 * per side and repetition (default 2), {@code benchmarks.sides} (the names of
 * {@link Side} to run, default all), {@code benchmarks.output} (default
 * {@code target/benchmarks}).
 */
@SpringBootApplication
@Import({ FashionMnistCnn.class, FashionMnistMlp.class, FashionMnistDatasets.class })
@EnableConfigurationProperties(FashionMnistProperties.class)
public class ServingBenchmark {

    /** Served models made to measure the memory one more takes. */
    private static final int MEMORY_MODELS = 16;

    /** Tomcat's default {@code server.tomcat.threads.min-spare}. */
    private static final int TOMCAT_IDLE_THREADS = 10;

    /** The JIT compilation per side and round below which the warm-up ends. */
    private static final long QUIET_COMPILATION_MILLIS = 20;

    /** The most warm-up rounds. */
    private static final int WARM_UP_ROUNDS = 20;

    enum Side {

        BARE("bare Predictor loop (one per thread)"), PER_REQUEST("bare, a Predictor per request"),
        POOL("bare, a pool of Predictors"), SERVED_MODEL("ServedModel.predict (in process)"),
        HANDED_OFF("ServedModel.predict, handed to 10 threads in turn, as Tomcat does"),
        HTTP("POST /predict (HTTP, PNG, JSON)"),
        HTTP_REUSED_THREADS("POST /predict, the prediction handed to a few reused threads"),
        HTTP_DECODE("POST /decode: the HTTP path without predicting");

        private final String label;

        Side(String label) {
            this.label = label;
        }

    }

    /**
     * @param args Spring Boot arguments
     * @throws Exception when a run fails
     */
    public static void main(String[] args) throws Exception {
        if (System.getProperty("ai.djl.offline") == null) {
            System.setProperty("ai.djl.offline", "true");
        }
        List<String> pipelines = List
            .of(System.getProperty("benchmarks.pipelines", "fashion-mnist-cnn,fashion-mnist-mlp").split(","));
        int[] concurrencies = Arrays.stream(System.getProperty("benchmarks.concurrency", "1,4,16").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
        int repetitions = Integer.getInteger("benchmarks.repetitions", 5);
        Duration window = Duration
            .ofMillis((long) (1000 * Double.parseDouble(System.getProperty("benchmarks.seconds", "2"))));
        Path output = Path.of(System.getProperty("benchmarks.output", "target/benchmarks"));
        Path checkpoints = Files.createTempDirectory("serving-benchmark");
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "# Serving: POST /predict against a bare DJL Predictor loop%n%n%d processors, engine %s, "
                        + "%d repetitions of %.1f s per side and concurrency, sides alternating%n",
                Runtime.getRuntime().availableProcessors(), Engine.getDefaultEngineName(), repetitions,
                window.toMillis() / 1000.0));
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ServingBenchmark.class)
            .properties("demon.enabled=true", "spring.batch.job.enabled=false", "demon.page.enabled=false",
                    "demon.checkpoint.dir=" + checkpoints, "server.address=127.0.0.1", "server.port=0",
                    "spring.main.banner-mode=off")
            .run(args)) {
            ServedModels servedModels = context.getBean(ServedModels.class);
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            for (String pipeline : pipelines) {
                PipelineDefinition definition = servedModels.pipeline(pipeline);
                saveInitialisedModel(new Workspace(checkpoints).pipeline(pipeline).bestModel(), pipeline, definition);
                report.append(benchmark(pipeline, definition, servedModels, context.getBean(PredictionEndpoint.class),
                        port, concurrencies, repetitions, window));
                report.append(memoryPerServedModel(pipeline, servedModels));
            }
        }
        System.out.println(report);
        Files.createDirectories(output);
        Files.writeString(output.resolve("serving.md"), report);
    }

    private static void saveInitialisedModel(Path folder, String name, PipelineDefinition definition)
            throws IOException {
        try (Model model = Model.newInstance(name, Engine.getDefaultEngineName())) {
            Block block = definition.model();
            model.setBlock(block);
            block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));
            model.setProperty("Epoch", "1");
            Files.createDirectories(folder);
            model.save(folder, name);
        }
    }

    private static String benchmark(String pipeline, PipelineDefinition definition, ServedModels servedModels,
            PredictionEndpoint endpoint, int port, int[] concurrencies, int repetitions, Duration window)
            throws Exception {
        BufferedImage picture = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                picture.getRaster().setSample(x, y, 0, (x * 9 + y * 5) % 256);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        Image image = ImageFactory.getInstance().fromImage(picture);
        Translator<Image, Classifications> translator = FashionMnistTranslator.of(definition);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT, "%n## %s%n", pipeline));
        try (ZooModel<Image, Classifications> model = Criteria.builder()
            .setTypes(Image.class, Classifications.class)
            .optModelPath(servedModels.bestModelFolder(pipeline))
            .optModelName(pipeline)
            .optBlock(definition.model())
            .optTranslator(translator)
            .optEngine(Engine.getDefaultEngineName())
            .build()
            .loadModel();
                ServedModel<Image, Classifications> served = servedModels.bestModel(pipeline, Image.class,
                        Classifications.class, translator)) {
            int poolSize = Runtime.getRuntime().availableProcessors();
            BlockingQueue<Predictor<Image, Classifications>> pool = new ArrayBlockingQueue<>(poolSize);
            for (int i = 0; i < poolSize; i++) {
                pool.add(model.newPredictor());
            }
            List<Predictor<Image, Classifications>> perThread = new CopyOnWriteArrayList<>();
            ThreadLocal<Predictor<Image, Classifications>>[] own = new ThreadLocal[1];
            Map<Side, ClosedLoop.Call> calls = new EnumMap<>(Side.class);
            calls.put(Side.BARE, () -> own[0].get().predict(image));
            calls.put(Side.PER_REQUEST, () -> {
                try (Predictor<Image, Classifications> predictor = model.newPredictor()) {
                    predictor.predict(image);
                }
            });
            calls.put(Side.POOL, () -> {
                Predictor<Image, Classifications> predictor = pool.take();
                try {
                    predictor.predict(image);
                }
                finally {
                    pool.add(predictor);
                }
            });
            calls.put(Side.SERVED_MODEL, () -> served.predict(image).orElseThrow());
            // Idle threads take tasks in turn (a LinkedBlockingQueue wakes the one
            // waiting
            // longest), as Tomcat's do.
            ExecutorService handOff = Executors.newFixedThreadPool(TOMCAT_IDLE_THREADS);
            calls.put(Side.HANDED_OFF, () -> handOff.submit(() -> served.predict(image).orElseThrow()).get());
            HttpRequest predict = post(port, "/predict/" + pipeline, png.toByteArray());
            HttpRequest predictOnReusedThreads = post(port, "/predict/" + pipeline + "/reused-threads",
                    png.toByteArray());
            HttpRequest decode = post(port, "/decode/" + pipeline, png.toByteArray());
            calls.put(Side.HTTP, () -> send(http, predict));
            calls.put(Side.HTTP_REUSED_THREADS, () -> send(http, predictOnReusedThreads));
            calls.put(Side.HTTP_DECODE, () -> send(http, decode));
            Side[] sides = Arrays.stream(Side.values())
                .filter(side -> List.of(System.getProperty("benchmarks.sides", side.name()).split(","))
                    .contains(side.name()))
                .toArray(Side[]::new);
            SideRun run = (side, concurrency) -> {
                own[0] = ThreadLocal.withInitial(() -> {
                    Predictor<Image, Classifications> predictor = model.newPredictor();
                    perThread.add(predictor);
                    return predictor;
                });
                endpoint.meanMillisAndReset();
                ClosedLoop.Result result = ClosedLoop.run(concurrency, window, calls.get(side));
                if (side == Side.HTTP) {
                    double[] millis = endpoint.meanMillisAndReset();
                    result = result.withServerMillis(millis[0], millis[1]);
                }
                perThread.forEach(Predictor::close);
                perThread.clear();
                return result;
            };
            report.append(warmUp(sides, run, Arrays.stream(concurrencies).max().orElse(1)));
            for (int concurrency : concurrencies) {
                Map<Side, List<ClosedLoop.Result>> results = new EnumMap<>(Side.class);
                // Unmeasured: the first predictions and server threads at this
                // concurrency.
                for (int repetition = -1; repetition < repetitions; repetition++) {
                    for (int i = 0; i < sides.length; i++) {
                        Side side = sides[Math.floorMod(repetition + i, sides.length)];
                        ClosedLoop.Result result = run.run(side, concurrency);
                        if (repetition >= 0) {
                            results.computeIfAbsent(side, s -> new ArrayList<>()).add(result);
                        }
                    }
                }
                report.append(table(concurrency, results));
            }
            pool.forEach(Predictor::close);
            handOff.shutdownNow();
        }
        return report.toString();
    }

    private static HttpRequest post(int port, String path, byte[] png) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "image/png")
            .POST(HttpRequest.BodyPublishers.ofByteArray(png))
            .build();
    }

    private static void send(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + response.statusCode());
        }
    }

    /** One unmeasured or measured run of a side. */
    @FunctionalInterface
    private interface SideRun {

        ClosedLoop.Result run(Side side, int concurrency) throws Exception;

    }

    /**
     * Runs every side, unmeasured, round after round, until the JIT compiles almost
     * nothing more: a round that added less than {@value #QUIET_COMPILATION_MILLIS} ms of
     * compilation per side, at most {@value #WARM_UP_ROUNDS} rounds. A fixed warm-up is
     * not enough: the bare loop's code is the served model's, hot after the first
     * seconds, while the HTTP path (Tomcat, Spring MVC, Jackson, the HTTP client) has
     * thousands of methods, each compiled by C2 only after thousands of calls; at a few
     * hundred requests per second that takes a minute or more, and until then the
     * requests run partly interpreted while C2 takes one of the cores.
     */
    private static String warmUp(Side[] sides, SideRun run, int concurrency) throws Exception {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long started = System.nanoTime();
        long compiledBefore = jit.getTotalCompilationTime();
        int round = 0;
        long lastRound;
        do {
            round++;
            long before = jit.getTotalCompilationTime();
            for (Side side : sides) {
                run.run(side, concurrency);
            }
            lastRound = jit.getTotalCompilationTime() - before;
        }
        while (lastRound >= QUIET_COMPILATION_MILLIS * sides.length && round < WARM_UP_ROUNDS);
        return String.format(Locale.ROOT,
                "%nWarm-up at concurrency %d: %d rounds of every side, %.0f s, %.1f s of JIT compilation, "
                        + "%d ms in the last round%n",
                concurrency, round, (System.nanoTime() - started) / 1e9,
                (jit.getTotalCompilationTime() - compiledBefore) / 1e3, lastRound);
    }

    static String table(int concurrency, Map<Side, List<ClosedLoop.Result>> results) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%nconcurrency %d%n%n"
                + "| side | requests/s median (min–max) | p50 ms | p99 ms | errors | throughput / bare loop, median of "
                + "the repetitions' ratios (min–max) | server: in the handler / in predict, mean ms "
                + "| process per request: CPU ms / context switches | threads |%n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|%n", concurrency));
        List<Double> bare = throughputs(results.getOrDefault(Side.BARE, List.of()));
        for (Map.Entry<Side, List<ClosedLoop.Result>> entry : results.entrySet()) {
            List<Double> throughputs = throughputs(entry.getValue());
            Samples requests = Samples.of(throughputs);
            String ratio = "–";
            if (!bare.isEmpty()) {
                Samples ratios = Samples.ofRatios(throughputs, bare);
                ratio = String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", ratios.median(), ratios.min(), ratios.max());
            }
            double handler = median(entry.getValue(), ClosedLoop.Result::handlerMillis);
            String server = Double.isNaN(handler) ? "–" : String.format(Locale.ROOT, "%.2f / %.2f", handler,
                    median(entry.getValue(), ClosedLoop.Result::predictMillis));
            table.append(String.format(Locale.ROOT,
                    "| %s | %.0f (%.0f–%.0f) | %.2f | %.2f | %d | %s | %s | %.2f / %.1f | %.0f |%n",
                    entry.getKey().label, requests.median(), requests.min(), requests.max(),
                    median(entry.getValue(), ClosedLoop.Result::p50Millis),
                    median(entry.getValue(), ClosedLoop.Result::p99Millis),
                    entry.getValue().stream().mapToInt(ClosedLoop.Result::errors).sum(), ratio, server,
                    median(entry.getValue(), ClosedLoop.Result::cpuMillisPerRequest),
                    median(entry.getValue(), ClosedLoop.Result::switchesPerRequest),
                    median(entry.getValue(), ClosedLoop.Result::threads)));
        }
        return table.toString();
    }

    private static double median(List<ClosedLoop.Result> results, ToDoubleFunction<ClosedLoop.Result> figure) {
        return Samples.of(results.stream().mapToDouble(figure).toArray()).median();
    }

    private static List<Double> throughputs(List<ClosedLoop.Result> results) {
        return results.stream().map(ClosedLoop.Result::requestsPerSecond).toList();
    }

    /**
     * The resident set and the heap that {@value #MEMORY_MODELS} more served models of
     * the pipeline take, each loaded by a first prediction, per model.
     */
    private static String memoryPerServedModel(String pipeline, ServedModels servedModels) throws Exception {
        PipelineDefinition definition = servedModels.pipeline(pipeline);
        Image image = ImageFactory.getInstance().fromImage(new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY));
        long heapBefore = heapAfterGc();
        long rssBefore = residentBytes();
        List<ServedModel<Image, Classifications>> models = new ArrayList<>();
        for (int i = 0; i < MEMORY_MODELS; i++) {
            ServedModel<Image, Classifications> model = servedModels.bestModel(pipeline, Image.class,
                    Classifications.class, FashionMnistTranslator.of(definition));
            model.predict(image);
            models.add(model);
        }
        // No collection between the two resident set readings: one gives memory back to
        // the system and the resident set shrinks.
        long rss = residentBytes() - rssBefore;
        long heap = heapAfterGc() - heapBefore;
        models.forEach(ServedModel::close);
        long parameters = Files.size(Files.list(servedModels.bestModelFolder(pipeline))
            .filter(file -> file.toString().endsWith(".params"))
            .findFirst()
            .orElseThrow());
        return String.format(Locale.ROOT,
                "%nMemory per served model (%d more loaded): resident set %.1f MiB, heap %.2f MiB; "
                        + "the parameter file: %.1f MiB%n",
                MEMORY_MODELS, rss / (double) MEMORY_MODELS / (1 << 20), heap / (double) MEMORY_MODELS / (1 << 20),
                parameters / (double) (1 << 20));
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** VmRSS of /proc/self/status, Linux only; 0 elsewhere. */
    private static long residentBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return 0;
        }
        return Files.readAllLines(status)
            .stream()
            .filter(line -> line.startsWith("VmRSS:"))
            .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
            .findFirst()
            .orElse(0);
    }

}
