package dev.demon.benchmarks.serving;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
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
 */
@RestController
class PredictionEndpoint {

    private final ServedModels models;

    private final Map<String, ServedModel<Image, Classifications>> served = new ConcurrentHashMap<>();

    /**
     * Time spent in {@link ServedModel#predict} and in the whole handler, in nanoseconds,
     * and requests.
     */
    private final LongAdder predictNanos = new LongAdder();

    private final LongAdder handlerNanos = new LongAdder();

    private final LongAdder requests = new LongAdder();

    PredictionEndpoint(ServedModels models) {
        this.models = models;
    }

    @PostMapping(path = "/predict/{pipeline}", consumes = "image/png")
    ResponseEntity<Answer> predict(@PathVariable String pipeline, @RequestBody byte[] png)
            throws IOException, TranslateException {
        long started = System.nanoTime();
        Image image = ImageFactory.getInstance()
            .fromImage(decode(png))
            .resize(FashionMnist.IMAGE_WIDTH, FashionMnist.IMAGE_HEIGHT, false);
        ServedModel<Image, Classifications> model = served.computeIfAbsent(pipeline, name -> models.bestModel(name,
                Image.class, Classifications.class, FashionMnistTranslator.of(models.pipeline(name))));
        long predicting = System.nanoTime();
        Optional<Classifications> classifications = model.predict(image);
        predictNanos.add(System.nanoTime() - predicting);
        if (classifications.isEmpty()) {
            return ResponseEntity.status(503).build();
        }
        Classifications.Classification best = classifications.get().best();
        float[] probabilities = new float[classifications.get().items().size()];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = classifications.get().getProbabilities().get(i).floatValue();
        }
        ResponseEntity<Answer> answer = ResponseEntity.ok(new Answer(pipeline, best.getClassName(), probabilities));
        handlerNanos.add(System.nanoTime() - started);
        requests.increment();
        return answer;
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
