package dev.demon.demo.predict;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.modality.Classifications;
import ai.djl.modality.cv.Image;
import ai.djl.translate.TranslateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.demon.fashionmnist.pipeline.FashionMnistTranslator;
import dev.demon.spring.serving.ModelLoadingException;
import dev.demon.spring.serving.ServedModel;
import dev.demon.spring.serving.ServedModels;

/**
 * {@code POST /predict}: the Fashion-MNIST class of a PNG or JPEG image, by the best
 * model of the pipeline {@code spring.batch.job.name} selects, read from
 * {@code <demon.checkpoint.dir>/<pipeline>/best-model.g<generation>/} of the newest lease
 * generation. The image, of any size, is scaled to 28 × 28, turned grey and prepared by
 * the pipeline's own {@code inputPipeline()}, as its training images were. Like
 * Fashion-MNIST's, the article should be light on a dark background.
 *
 * <p>
 * Answers {@link Prediction}, or {@link PredictionError} with 503 until a run of the
 * pipeline has completed, 415, 413 or 400 for a body that is not an acceptable image
 * ({@link RequestImage}).
 */
@RestController
public class PredictionController {

    private static final Logger logger = LoggerFactory.getLogger(PredictionController.class);

    private final String pipeline;

    private final ServedModel<Image, Classifications> model;

    /**
     * @param models the trained models, from the Demon starter
     * @param pipeline the pipeline whose best model predicts
     */
    public PredictionController(ServedModels models, @Value("${spring.batch.job.name}") String pipeline) {
        this.pipeline = pipeline;
        this.model = models.bestModel(pipeline, Image.class, Classifications.class,
                FashionMnistTranslator.of(models.pipeline(pipeline)));
    }

    /**
     * Classifies the image in the body.
     * @param request the request, whose body is read here so that at most 10 MiB of it is
     * @return the prediction, or why there is none
     */
    @PostMapping("/predict")
    public ResponseEntity<?> predict(HttpServletRequest request)
            throws RefusedImageException, IOException, TranslateException {
        Image image = RequestImage.read(request.getContentType(), request.getContentLengthLong(),
                request.getInputStream());
        // DJL's resize hands back the image itself when it has the size already, its
        // pixels untouched.
        Image scaled = image.resize(FashionMnist.IMAGE_WIDTH, FashionMnist.IMAGE_HEIGHT, false);
        Optional<Classifications> classifications = model.predict(scaled);
        if (classifications.isEmpty()) {
            // Where the model will be is the server's business: the message names no
            // path.
            return error(HttpStatus.SERVICE_UNAVAILABLE,
                    "No model of " + pipeline + " yet: one is served as soon as a run of it has completed");
        }
        return ResponseEntity.ok(Prediction.of(pipeline, classifications.get()));
    }

    @ExceptionHandler
    ResponseEntity<PredictionError> refused(RefusedImageException ex) {
        return error(ex.getStatus(), ex.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<PredictionError> unloadable(ModelLoadingException ex) {
        logger.error("{}: cannot serve the model in {}", pipeline, ex.getFolder(), ex);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "The model of " + pipeline + " cannot be loaded");
    }

    @ExceptionHandler
    ResponseEntity<PredictionError> failed(TranslateException ex) {
        logger.error("{}: prediction failed", pipeline, ex);
        return error(HttpStatus.INTERNAL_SERVER_ERROR, "The prediction failed");
    }

    private static ResponseEntity<PredictionError> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(new PredictionError(message));
    }

}
