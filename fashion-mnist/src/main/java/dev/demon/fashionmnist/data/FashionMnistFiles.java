package dev.demon.fashionmnist.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import ai.djl.basicdataset.cv.classification.FashionMnist;
import ai.djl.repository.Repository;
import ai.djl.training.dataset.Dataset.Usage;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.jspecify.annotations.Nullable;

/**
 * The four gzipped Fashion-MNIST files, either bundled on the class path under
 * {@value #BUNDLED} or in a folder of the user's.
 *
 * <p>
 * DJL's {@link FashionMnist} reads uncompressed IDX files from a {@link Repository},
 * under the artifact items {@link FashionMnistFile#djlItem()}; a DJL simple repository (a
 * plain folder, no {@code metadata.json}) names its items after the folder's files. So
 * this class gunzips the files of one usage into such a folder, checking each on the way,
 * and lets DJL do the reading.
 */
public class FashionMnistFiles {

    /** Class-path folder of the copy shipped with the demo. */
    public static final String BUNDLED = "fashion-mnist/";

    private final @Nullable Path dir;

    /**
     * @param dir folder holding the four files under their published names, or
     * {@code null} for the bundled copy
     */
    public FashionMnistFiles(@Nullable Path dir) {
        this.dir = dir;
    }

    /**
     * Gunzips the images and labels of {@code usage} into {@code folder} and opens it as
     * a DJL repository.
     * @param usage {@link Usage#TRAIN} or {@link Usage#TEST}
     * @param folder an empty folder, which must outlive the dataset's {@code prepare()}
     * @return a repository {@link FashionMnist.Builder#optRepository} can read
     * @throws InvalidDataFileException naming the file when one is missing, not gzip,
     * truncated, not IDX of 28×28 images, or when images and labels disagree in number
     * @throws IOException when {@code folder} cannot be written
     */
    public Repository unpack(Usage usage, Path folder) throws IOException {
        FashionMnistFile images = FashionMnistFile.images(usage);
        FashionMnistFile labels = FashionMnistFile.labels(usage);
        long imageCount = unpack(images, folder);
        long labelCount = unpack(labels, folder);
        if (imageCount != labelCount) {
            throw new InvalidDataFileException(describe(labels),
                    "holds " + labelCount + " labels but " + images.fileName() + " holds " + imageCount + " images",
                    null);
        }
        return Repository.newInstance("fashion-mnist-" + usage.name().toLowerCase(Locale.ROOT), folder);
    }

    private long unpack(FashionMnistFile file, Path folder) throws IOException {
        Resource resource = resource(file);
        if (!resource.exists()) {
            throw new InvalidDataFileException(describe(file), "is missing", null);
        }
        Path target = folder.resolve(file.djlItem());
        try (InputStream in = new GZIPInputStream(resource.getInputStream())) {
            Files.copy(in, target);
        }
        catch (ZipException | EOFException e) {
            // GZIPInputStream's ways of saying "not gzip", "corrupt" and "truncated".
            throw new InvalidDataFileException(describe(file), "is not a valid gzip file: " + e.getMessage(), e);
        }
        return file.countRecords(target, describe(file));
    }

    private Resource resource(FashionMnistFile file) {
        return dir == null ? new ClassPathResource(BUNDLED + file.fileName())
                : new FileSystemResource(dir.resolve(file.fileName()));
    }

    private String describe(FashionMnistFile file) {
        return dir == null ? "bundled " + BUNDLED + file.fileName()
                : dir.resolve(file.fileName()).toAbsolutePath().toString();
    }

}
