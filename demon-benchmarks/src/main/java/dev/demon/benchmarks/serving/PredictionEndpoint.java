package dev.demon.benchmarks.serving;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.translate.TranslateException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.demon.fashionmnist.pipeline.FashionMnistTranslator;
import dev.demon.spring.serving.ServedModel;
import dev.demon.spring.serving.ServedModels;

/**
 * {@code POST /predict/<pipeline>}: what the demo's {@code PredictionController} does for
 * a request, for any pipeline of Fashion-MNIST images: the PNG body decoded (in memory),
 * scaled to 28 × 28, classified by the pipeline's best model from the starter's
 * {@link ServedModels} (one {@link ServedModel} per pipeline, kept), the answer as JSON.
 * And two variants of it that tell where the time goes: the prediction on a few reused
 * threads, and no prediction at all.
 */
@RestController
class PredictionEndpoint implements DisposableBean {

    private final ServedModels models;

    private final Map<String, ServedModel<Image, Classifications>> served = new ConcurrentHashMap<>();

    /**
     * Time spent in {@link ServedModel#predict} and in the whole handler, in nanoseconds,
     * and requests.
     */
    private final LongAdder predictNanos = new LongAdder();

    private final LongAdder handlerNanos = new LongAdder();

    private final LongAdder requests = new LongAdder();

    /**
     * Threads that predict for {@code POST /predict/<pipeline>/reused-threads}, the one
     * idle longest last: a {@link SynchronousQueue} in its default (unfair) mode hands a
     * task to the thread that began waiting last, so that a few threads, kept busy, do
     * all the predictions; as many as two per processor, the caller's own thread when all
     * are busy.
     */
    private final ExecutorService reusedThreads = new ThreadPoolExecutor(0,
            2 * Runtime.getRuntime().availableProcessors(), 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
            new ThreadPoolExecutor.CallerRunsPolicy());

    PredictionEndpoint(ServedModels models) {
        this.models = models;
    }

    /**
     * {@code POST /decode/<pipeline>}: the HTTP path without the prediction, the PNG
     * decoded and an answer of the same size.
     * @param pipeline the pipeline, only named in the answer
     * @param png the image
     * @return an answer of the size of a prediction's
     * @throws IOException when the body is no PNG
     */
    @PostMapping(path = "/decode/{pipeline}", consumes = "image/png")
    ResponseEntity<Answer> decode(@PathVariable String pipeline, @RequestBody byte[] png) throws IOException {
        Image image = scaled(png);
        return ResponseEntity.ok(new Answer(pipeline, Integer.toString(image.getWidth()), new float[10]));
    }

    /**
     * {@code POST /predict/<pipeline>/reused-threads}: {@link #predict}, the prediction
     * handed to {@link #reusedThreads} instead of made in Tomcat's request thread, which
     * is a different one for every request (Tomcat's idle threads take requests in turn).
     * @param pipeline the pipeline
     * @param png the image
     * @return the prediction
     * @throws IOException when the body is no PNG
     * @throws TranslateException when the prediction fails
     */
    @PostMapping(path = "/predict/{pipeline}/reused-threads", consumes = "image/png")
    ResponseEntity<Answer> predictOnReusedThreads(@PathVariable String pipeline, @RequestBody byte[] png)
            throws IOException, TranslateException {
        Image image = scaled(png);
        ServedModel<Image, Classifications> model = servedModel(pipeline);
        Optional<Classifications> classifications;
        try {
            classifications = reusedThreads.submit(() -> model.predict(image)).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new TranslateException(ex);
        }
        catch (ExecutionException ex) {
            throw new TranslateException(ex.getCause());
        }
        return answer(pipeline, classifications);
    }

    @PostMapping(path = "/predict/{pipeline}", consumes = "image/png")
    ResponseEntity<Answer> predict(@PathVariable String pipeline, @RequestBody byte[] png)
            throws IOException, TranslateException {
        long started = System.nanoTime();
        Image image = scaled(png);
        ServedModel<Image, Classifications> model = servedModel(pipeline);
        long predicting = System.nanoTime();
        Optional<Classifications> classifications = model.predict(image);
        predictNanos.add(System.nanoTime() - predicting);
        ResponseEntity<Answer> answer = answer(pipeline, classifications);
        handlerNanos.add(System.nanoTime() - started);
        requests.increment();
        return answer;
    }

    private ServedModel<Image, Classifications> servedModel(String pipeline) {
        return served.computeIfAbsent(pipeline, name -> models.bestModel(name, Image.class, Classifications.class,
                FashionMnistTranslator.of(models.pipeline(name))));
    }

    private static Image scaled(byte[] png) throws IOException {
        return ImageFactory.getInstance()
            .fromImage(decode(png))
            .resize(FashionMnist.IMAGE_WIDTH, FashionMnist.IMAGE_HEIGHT, false);
    }

    private static ResponseEntity<Answer> answer(String pipeline, Optional<Classifications> classifications) {
        if (classifications.isEmpty()) {
            return ResponseEntity.status(503).build();
        }
        Classifications.Classification best = classifications.get().best();
        float[] probabilities = new float[classifications.get().items().size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = classifications.get().getProbabilities().get(i).floatValue();
        }
        return ResponseEntity.ok(new Answer(pipeline, best.getClassName(), probabilities));
    }

    @Override
    public void destroy() {
        reusedThreads.shutdownNow();
    }

    /**
     * The mean milliseconds per request in the handler and, of those, in
     * {@link ServedModel#predict}, since the last call; then starts counting again.
     * @return the handler's and predict's mean milliseconds
     */
    double[] meanMillisAndReset() {
        long count = Math.max(1, requests.sumThenReset());
        return new double[] { handlerNanos.sumThenReset() / 1e6 / count, predictNanos.sumThenReset() / 1e6 / count };
    }

    /**
     * Decodes as the demo's {@code RequestImage} does, from memory: ImageIO's own
     * {@code ImageIO.read(InputStream)} caches the stream in a temporary file per image.
     */
    private static BufferedImage decode(byte[] png) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByMIMEType("image/png").next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in, true, true);
            return reader.read(0);
        }
        finally {
            reader.dispose();
        }
    }

    /**
     * The answer, as large as the demo's.
     *
     * @param pipeline the pipeline
     * @param label the best class
     * @param probabilities the probabilities of the ten classes
     */
    record Answer(String pipeline, String label, float[] probabilities) {
    }

}
