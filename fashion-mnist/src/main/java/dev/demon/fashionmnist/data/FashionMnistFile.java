package dev.demon.fashionmnist.data;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.training.dataset.Dataset.Usage;

/**
 * The four files Zalando Research publishes for Fashion-MNIST, each gzipped IDX data, and
 * the artifact item under which DJL's {@link FashionMnist} reads it.
 *
 * <p>
 * IDX layout (Y. LeCun, "THE MNIST DATABASE", section "FILE FORMATS FOR THE MNIST
 * DATABASE"; Fashion-MNIST keeps it unchanged): big-endian 32-bit magic number, then one
 * 32-bit size per dimension, then the unsigned bytes. Images: magic 2051, count, 28 rows,
 * 28 columns. Labels: magic 2049, count.
 */
public enum FashionMnistFile {

    TRAIN_IMAGES("train-images-idx3-ubyte.gz", "train_data", Usage.TRAIN, Kind.IMAGES),
    TRAIN_LABELS("train-labels-idx1-ubyte.gz", "train_labels", Usage.TRAIN, Kind.LABELS),
    TEST_IMAGES("t10k-images-idx3-ubyte.gz", "test_data", Usage.TEST, Kind.IMAGES),
    TEST_LABELS("t10k-labels-idx1-ubyte.gz", "test_labels", Usage.TEST, Kind.LABELS);

    private final String fileName;

    private final String djlItem;

    private final Usage usage;

    private final Kind kind;

    FashionMnistFile(String fileName, String djlItem, Usage usage, Kind kind) {
        this.fileName = fileName;
        this.djlItem = djlItem;
        this.usage = usage;
        this.kind = kind;
    }

    /**
     * The name Zalando Research publishes the file under.
     * @return the gzipped file's name
     */
    public String fileName() {
        return fileName;
    }

    /**
     * The artifact item {@link FashionMnist#prepare} looks up for this file.
     * @return the item name, which is also the uncompressed file's name in a DJL simple
     * repository
     */
    public String djlItem() {
        return djlItem;
    }

    /**
     * The images file of a usage.
     * @param usage {@link Usage#TRAIN} or {@link Usage#TEST}
     * @return its images file
     */
    public static FashionMnistFile images(Usage usage) {
        return of(usage, Kind.IMAGES);
    }

    /**
     * The labels file of a usage.
     * @param usage {@link Usage#TRAIN} or {@link Usage#TEST}
     * @return its labels file
     */
    public static FashionMnistFile labels(Usage usage) {
        return of(usage, Kind.LABELS);
    }

    private static FashionMnistFile of(Usage usage, Kind kind) {
        for (FashionMnistFile file : values()) {
            if (file.usage == usage && file.kind == kind) {
                return file;
            }
        }
        throw new IllegalArgumentException("Fashion-MNIST has no " + usage + " set; use TRAIN or TEST");
    }

    /**
     * Checks the IDX header of the uncompressed file against its length.
     * @param uncompressed the file after gunzip
     * @param description where the gzipped file came from, for the error message
     * @return the number of records (images or labels) it holds
     * @throws InvalidDataFileException naming what is wrong when the header or length
     * does not fit
     * @throws IOException when it cannot be read
     */
    long countRecords(Path uncompressed, String description) throws IOException {
        long length = Files.size(uncompressed);
        if (length < kind.headerBytes) {
            throw notIdx(description,
                    "holds " + length + " bytes, less than the " + kind.headerBytes + "-byte IDX header");
        }
        try (InputStream in = Files.newInputStream(uncompressed); DataInputStream header = new DataInputStream(in)) {
            int magic = header.readInt();
            if (magic != kind.magic) {
                throw notIdx(description, "starts with magic number " + magic + ", expected " + kind.magic + " for IDX "
                        + kind.name().toLowerCase(Locale.ROOT) + " (wrong file under this name?)");
            }
            long count = Integer.toUnsignedLong(header.readInt());
            for (int d = 0; d < kind.imageSide; d++) {
                int side = header.readInt();
                if (side != FashionMnist.IMAGE_WIDTH) {
                    throw notIdx(description,
                            "declares images of side " + side + ", expected " + FashionMnist.IMAGE_WIDTH);
                }
            }
            long expected = kind.headerBytes + count * kind.recordBytes;
            if (length != expected) {
                throw notIdx(description, "declares " + count + " records, which take " + expected
                        + " bytes, but holds " + length + " bytes (truncated or padded)");
            }
            return count;
        }
    }

    private InvalidDataFileException notIdx(String description, String problem) {
        return new InvalidDataFileException(description, "is not Fashion-MNIST IDX data: it " + problem, null);
    }

    /** What an IDX file of Fashion-MNIST holds. */
    private enum Kind {

        IMAGES(2051, 16, FashionMnist.IMAGE_WIDTH * FashionMnist.IMAGE_HEIGHT, 2), LABELS(2049, 8, 1, 0);

        final int magic;

        final int headerBytes;

        final int recordBytes;

        /** Number of image-side dimensions following the count in the header. */
        final int imageSide;

        Kind(int magic, int headerBytes, int recordBytes, int imageSide) {
            this.magic = magic;
            this.headerBytes = headerBytes;
            this.recordBytes = recordBytes;
            this.imageSide = imageSide;
        }

    }

}
