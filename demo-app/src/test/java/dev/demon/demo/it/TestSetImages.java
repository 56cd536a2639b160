package dev.demon.demo.it;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.dataset.Record;
import ai.djl.translate.Pipeline;
import ai.djl.translate.TranslateException;

import dev.demon.fashionmnist.data.FashionMnistDatasets;
import dev.demon.fashionmnist.data.FashionMnistProperties;

/**
 * Fashion-MNIST's test images, from the files the demo bundles, as image files a user
 * would send: the 28 × 28 grey image as PNG or JPEG, or enlarged to colour.
 */
final class TestSetImages implements AutoCloseable {

    /** A test image: its pixels (row by row, 0 to 255) and its label. */
    record TestImage(int index, int[] pixels, int label) {

        /**
         * The image as it is, a 28 × 28 8-bit grey PNG: lossless, so it decodes to the
         * very pixels.
         */
        byte[] png() {
            return write(grey(), "png");
        }

        /**
         * The image as a grey JPEG of quality 0.95: lossy, its pixels come back only
         * approximately.
         */
        byte[] jpeg() {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                ImageWriteParam quality = writer.getDefaultWriteParam();
                quality.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                quality.setCompressionQuality(0.95f);
                writer.setOutput(out);
                writer.write(null, new IIOImage(grey(), null, null), quality);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            finally {
                writer.dispose();
            }
            return bytes.toByteArray();
        }

        /**
         * The image enlarged {@code factor} times, each pixel a square of grey RGB, as a
         * PNG.
         */
        byte[] enlargedColourPng(int factor) {
            BufferedImage image = new BufferedImage(28 * factor, 28 * factor, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int grey = pixels[(y / factor) * 28 + x / factor];
                    image.setRGB(x, y, grey << 16 | grey << 8 | grey);
                }
            }
            return write(image, "png");
        }

        private BufferedImage grey() {
            BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setPixels(0, 0, 28, 28, pixels);
            return image;
        }

        private static byte[] write(BufferedImage image, String format) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                ImageIO.write(image, format, bytes);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
            return bytes.toByteArray();
        }
    }

    private final NDManager manager = NDManager.newBaseManager();

    private final RandomAccessDataset testSet;

    /** The 10 000 test images in file order, as stored: no transforms. */
    TestSetImages() throws IOException, TranslateException {
        this.testSet = new FashionMnistDatasets(new FashionMnistProperties(null, null, null)).testSet(1,
                new Pipeline());
    }

    /** Test image {@code index}, 0-based in file order. */
    TestImage get(int index) throws IOException {
        try (NDManager scope = this.manager.newSubManager()) {
            Record record = this.testSet.get(scope, index);
            float[] values = record.getData().singletonOrThrow().toFloatArray();
            int[] pixels = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                pixels[i] = (int) values[i];
            }
            return new TestImage(index, pixels, (int) record.getLabels().singletonOrThrow().getFloat());
        }
    }

    @Override
    public void close() {
        this.manager.close();
    }

}
