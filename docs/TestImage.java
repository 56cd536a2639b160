import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

import javax.imageio.ImageIO;

/**
 * Writes one of Fashion-MNIST's test images, from the file the demo bundles, as a 28 × 28 grey PNG: an image to send
 * to the demo's {@code POST /predict}. Run from the repository's root with Java's source launcher:
 * {@code java docs/TestImage.java 0 shoe.png} (test image 0 is an ankle boot).
 *
 * <p>
 * The file is in the IDX format of MNIST (http://yann.lecun.com/exdb/mnist/): a magic number, the image count, the rows
 * and the columns as big-endian ints, then each image's pixels row by row, one unsigned byte each.
 */
public class TestImage {

    private static final Path TEST_IMAGES = Path.of("fashion-mnist/src/main/resources/fashion-mnist/t10k-images-idx3-ubyte.gz");

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("Usage: java docs/TestImage.java <index, 0 to 9999> <file.png>");
            System.exit(2);
        }
        int index = Integer.parseInt(args[0]);
        if (!Files.isRegularFile(TEST_IMAGES)) {
            System.err.println("No " + TEST_IMAGES + ": run this from the repository's root");
            System.exit(1);
        }
        try (InputStream file = Files.newInputStream(TEST_IMAGES);
                DataInputStream idx = new DataInputStream(new GZIPInputStream(file))) {
            int magic = idx.readInt();
            int count = idx.readInt();
            int rows = idx.readInt();
            int columns = idx.readInt();
            if (magic != 0x803 || index < 0 || index >= count) {
                throw new IllegalArgumentException("No image " + index + " in " + TEST_IMAGES + " (" + count + " images)");
            }
            idx.skipNBytes((long) index * rows * columns);
            byte[] pixels = idx.readNBytes(rows * columns);
            BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, columns, rows, pixels);
            ImageIO.write(image, "png", Path.of(args[1]).toFile());
        }
    }

}
