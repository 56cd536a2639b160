package dev.demon.spring.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A folder's files and their bytes, for comparing saved folders byte for byte. */
public final class FolderContents {

    private FolderContents() {
    }

    /**
     * @param folder a folder of files
     * @return every file's name and bytes, by name
     * @throws IOException when the folder cannot be read
     */
    public static Map<String, byte[]> of(Path folder) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                contents.put(file.getFileName().toString(), Files.readAllBytes(file));
            }
        }
        return contents;
    }

}
