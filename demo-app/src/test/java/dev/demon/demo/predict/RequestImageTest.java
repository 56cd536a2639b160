package dev.demon.demo.predict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import ai.djl.modality.cv.Image;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * What {@code POST /predict} accepts as an image, and the status it refuses everything
 * else with, before anything reaches the model.
 */
class RequestImageTest {

    @Test
    void greyPngIsReadWithItsSamplesAsTheyAre() throws Exception {
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 5, 0, 200);

        Image image = read("image/png", encode(grey, "png"));

        assertThat(image.getWidth()).isEqualTo(28);
        assertThat(((BufferedImage) image.getWrappedImage()).getRaster().getSample(3, 5, 0)).isEqualTo(200);
    }

    @Test
    void transparentPngIsReadOverBlack() throws Exception {
        BufferedImage transparent = new BufferedImage(40, 30, BufferedImage.TYPE_INT_ARGB);
        transparent.setRGB(1, 2, 0xFFFFFFFF);

        BufferedImage read = (BufferedImage) read("image/png", encode(transparent, "png")).getWrappedImage();

        assertThat(read.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0);
        assertThat(read.getRGB(1, 2) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void jpegIsRead() throws Exception {
        BufferedImage grey = new BufferedImage(300, 200, BufferedImage.TYPE_BYTE_GRAY);

        assertThat(read("image/jpeg", encode(grey, "jpeg")).getHeight()).isEqualTo(200);
    }

    @Test
    void contentTypeParametersDoNotMatter() throws Exception {
        BufferedImage grey = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);

        assertThat(read("image/png; name=shoe", encode(grey, "png")).getWidth()).isEqualTo(28);
    }

    @Test
    void bodyOfAnotherTypeIsUnsupported() {
        assertRefused("text/plain", png(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "image/png or image/jpeg");
        assertRefused("image/gif", png(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "image/gif");
    }

    @Test
    void bodyWithoutContentTypeIsUnsupported() {
        assertRefused(null, png(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "no Content-Type");
    }

    @Test
    void contentTypeThatIsNoMediaTypeIsUnsupported() {
        assertRefused("nonsense", png(), HttpStatus.UNSUPPORTED_MEDIA_TYPE, "\"nonsense\"");
    }

    @Test
    void emptyBodyIsABadRequest() {
        assertRefused("image/png", new byte[0], HttpStatus.BAD_REQUEST, "empty");
    }

    @Test
    void bodyThatIsNoImageIsABadRequest() {
        assertRefused("image/png", "hello".getBytes(StandardCharsets.UTF_8), HttpStatus.BAD_REQUEST, "not a PNG image");
    }

    @Test
    void truncatedPngIsABadRequest() {
        byte[] png = png();

        assertRefused("image/png", Arrays.copyOf(png, png.length / 2), HttpStatus.BAD_REQUEST, "not a PNG image");
    }

    @Test
    void pngSentAsJpegIsABadRequest() {
        assertRefused("image/jpeg", png(), HttpStatus.BAD_REQUEST, "not a JPEG image");
    }

    @Test
    void bodyOfTenMebibytesIsReadButOneByteMoreIsTooLarge() {
        // Without a Content-Length, as a chunked upload sends it: the limit is found by
        // reading.
        assertRefused("image/png", new byte[10 * 1024 * 1024], HttpStatus.BAD_REQUEST, "not a PNG image");
        assertRefused("image/png", new byte[10 * 1024 * 1024 + 1], HttpStatus.CONTENT_TOO_LARGE, "10 MiB");
    }

    @Test
    void declaredLengthOverTenMebibytesIsRefusedWithoutReadingTheBody() {
        ByteArrayInputStream body = new ByteArrayInputStream(png());

        assertThatThrownBy(() -> RequestImage.read("image/png", 10 * 1024 * 1024 + 1, body)).isInstanceOfSatisfying(
                RefusedImageException.class, ex -> assertThat(ex.getStatus()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
        assertThat(body.available()).as("bytes left unread").isEqualTo(png().length);
    }

    @Test
    void smallFileDeclaringAHugeImageIsTooLargeAndNotDecoded() {
        assertRefused("image/png", pngHeaderOnly(10_000, 10_000), HttpStatus.CONTENT_TOO_LARGE, "10000 × 10000");
    }

    private static Image read(String contentType, byte[] body) throws RefusedImageException, IOException {
        return RequestImage.read(contentType, -1, new ByteArrayInputStream(body));
    }

    private static void assertRefused(String contentType, byte[] body, HttpStatus status, String saying) {
        assertThatThrownBy(() -> read(contentType, body)).isInstanceOfSatisfying(RefusedImageException.class, ex -> {
            assertThat(ex.getStatus()).isEqualTo(status);
            assertThat(ex.getMessage()).contains(saying);
        });
    }

    private static byte[] png() {
        BufferedImage image = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
        for (int x = 0; x < 28; x++) {
            image.getRaster().setSample(x, x, 0, 9 * x);
        }
        return encode(image, "png");
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No " + format + " writer");
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
        return out.toByteArray();
    }

    /**
     * A PNG's signature and header chunk (8-bit grey), and no image data: all a reader
     * needs for the size.
     */
    private static byte[] pngHeaderOnly(int width, int height) {
        ByteBuffer header = ByteBuffer.allocate(13)
            .putInt(width)
            .putInt(height)
            .put((byte) 8)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0)
            .put((byte) 0);
        byte[] type = "IHDR".getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(header.array());
        return ByteBuffer.allocate(8 + 4 + 4 + 13 + 4)
            .put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' })
            .putInt(13)
            .put(type)
            .put(header.array())
            .putInt((int) crc.getValue())
            .array();
    }

}
