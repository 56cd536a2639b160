package dev.demon.spring.serving;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * What identifies the model a folder holds: its parameter files, each by name, size,
 * modification time and file key (the inode on Unix). A replaced folder has new files, so
 * a newer run's model differs here even when it has the same name and size, as a
 * same-architecture model of the same epoch does; reading these takes one listing, cheap
 * enough for every prediction.
 *
 * @param folder the folder the files are in
 * @param parameters the {@code .params} files, by name
 */
record ModelFiles(Path folder, List<ParameterFile> parameters) {

    /**
     * One parameter file as the file system describes it.
     *
     * @param name the file's name
     * @param size its size in bytes
     * @param modified its modification time
     * @param key the file system's key of the file, or null where there is none
     */
    record ParameterFile(String name, long size, FileTime modified, @Nullable Object key) {
    }

    /**
     * The parameter files in a folder.
     * @param folder the folder
     * @return its files, or empty when it holds no {@code .params} file
     * @throws IOException when the folder cannot be listed, or a file vanishes while it
     * is
     */
    static Optional<ModelFiles> in(Path folder) throws IOException {
        List<Path> paths;
        try (Stream<Path> files = Files.list(folder)) {
            paths = files.filter(file -> file.getFileName().toString().endsWith(".params")).sorted().toList();
        }
        List<ParameterFile> parameters = new ArrayList<>();
        for (Path path : paths) {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            parameters.add(new ParameterFile(path.getFileName().toString(), attributes.size(),
                    attributes.lastModifiedTime(), attributes.fileKey()));
        }
        return parameters.isEmpty() ? Optional.empty() : Optional.of(new ModelFiles(folder, List.copyOf(parameters)));
    }

    /**
     * Whether two listings show the same files, wherever the folder holding them was: a
     * folder moved aside by a replace keeps its files.
     * @param other another listing
     * @return true when the parameter files are the same
     */
    boolean sameFiles(ModelFiles other) {
        return other != null && Objects.equals(parameters, other.parameters);
    }
}
