package dev.demon.spring.workspace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.springframework.util.FileSystemUtils;

import dev.demon.spring.lease.Lease;

/**
 * A file or folder that every holder of a job's lease writes under a name of its own: its
 * lease generation is part of the name, {@code <stem>.g<generation><extension>} with at
 * least six digits ({@code report.g000005.json}, {@code best-model.g000005},
 * {@code epoch-0003.g000005.ckpt}). Generation 0 (no lease) writes the name without it
 * ({@code report.json}), so a file written before generations were named reads as
 * generation 0.
 *
 * <p>
 * Why in the name: a holder checks that no newer holder has written, then writes; a
 * holder paused between the two (a GC pause, SIGSTOP) while its lease is taken over would
 * replace the newer holder's file of the same name (Kleppmann, "How to do distributed
 * locking", 2016: a check before the write is not fencing). With the generation in the
 * name, holders never share a name, so none replaces another's file, and a reader takes
 * the newest generation ({@link #newest()}). This is the one place that knows the naming;
 * {@link PipelineFolder} and {@link SweepFolder} say which names there are.
 *
 * @param folder the folder the name is in
 * @param stem the name without generation and extension, such as {@code report}
 * @param extension what follows the generation, such as {@code .json}; empty for a folder
 */
public record GenerationalName(Path folder, String stem, String extension) {

    /** What precedes the generation in a name. */
    private static final String MARK = ".g";

    /** A name with an unknown stem: no dot in it, not hidden. */
    private static final String ANY_STEM = "[^.]+";

    /**
     * The name written by the holder of one generation.
     * @param generation the writer's lease generation, 0 without a lease
     * @return {@code <folder>/<stem>.g<generation><extension>}, or
     * {@code <folder>/<stem><extension>} for generation 0
     */
    public Path of(long generation) {
        return folder.resolve(fileName(stem, generation, extension));
    }

    /**
     * The file name of a stem as one generation writes it.
     * @param stem the name without generation and extension
     * @param generation the writer's lease generation, 0 without a lease
     * @param extension what follows the generation, empty for a folder
     * @return {@code <stem>.g<generation><extension>}, or {@code <stem><extension>} for
     * generation 0
     */
    public static String fileName(String stem, long generation, String extension) {
        return generation == 0 ? stem + extension : String.format("%s%s%06d%s", stem, MARK, generation, extension);
    }

    /**
     * A file name split into its stem and generation, for names whose stem varies (a
     * checkpoint's names its epoch).
     *
     * @param stem the name without generation and extension
     * @param generation the generation, 0 for a name without one
     */
    public record Parsed(String stem, long generation) {

        /**
         * Splits a file name.
         * @param fileName the name
         * @param extension the extension it must end with
         * @return its stem and generation; empty when it does not end with the extension
         * or is hidden (a temporary file)
         */
        public static Optional<Parsed> of(String fileName, String extension) {
            return parse(fileName, ANY_STEM, extension);
        }

    }

    /**
     * The generation of an entry of this name.
     * @param path a file or folder
     * @return its generation (0 for the name without one); empty when it is not of this
     * name
     */
    public OptionalLong generationOf(Path path) {
        return parse(path.getFileName().toString(), Pattern.quote(stem), extension)
            .map(parsed -> OptionalLong.of(parsed.generation()))
            .orElse(OptionalLong.empty());
    }

    /**
     * Every entry of this name in the folder, the newest generation first.
     * @return the entries; empty when the folder does not exist
     * @throws IOException when the folder cannot be listed
     */
    public List<Path> all() throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(entry -> generationOf(entry).isPresent())
                .sorted(Comparator.comparingLong((Path entry) -> generationOf(entry).getAsLong()).reversed())
                .toList();
        }
    }

    /**
     * What a reader reads: the entry of the newest generation there is.
     * @return it; the name of generation 0 when there is none (or the folder cannot be
     * listed), which then does not exist
     */
    public Path newest() {
        try {
            List<Path> all = all();
            return all.isEmpty() ? of(0) : all.get(0);
        }
        catch (IOException ex) {
            return of(0);
        }
    }

    /**
     * The folder a reader of a folder's name reads: that of the newest generation there
     * is.
     * @param folder a folder as generation 0 names it, such as
     * {@code <pipeline>/best-model}
     * @return {@code <pipeline>/best-model.g<generation>} of the highest generation there
     * is, or {@code folder} itself when there is no other
     */
    public static Path newestFolder(Path folder) {
        Path absolute = folder.toAbsolutePath();
        return new GenerationalName(absolute.getParent(), absolute.getFileName().toString(), "").newest();
    }

    /**
     * The generation of the newest entry of this name.
     * @return it, 0 when there is none
     * @throws IOException when the folder cannot be listed
     */
    public long newestGeneration() throws IOException {
        List<Path> all = all();
        return all.isEmpty() ? 0 : generationOf(all.get(0)).getAsLong();
    }

    /**
     * After a writer has written its entry: deletes the entries of this name of older
     * generations, which its entry supersedes, so that they do not pile up run after run.
     * Only older generations' entries are deleted, never a newer holder's; an older
     * holder still paused in its write may add its entry afterwards, which then stays
     * until the next writer. An entry that cannot be deleted stays too.
     * @param generation the writer's generation
     * @return what was deleted
     * @throws IOException when the folder cannot be listed
     */
    public List<Path> deleteOlderThan(long generation) throws IOException {
        List<Path> deleted = new ArrayList<>();
        for (Path entry : all()) {
            if (generationOf(entry).getAsLong() < generation) {
                try {
                    FileSystemUtils.deleteRecursively(entry);
                    deleted.add(entry);
                }
                catch (IOException ex) {
                    // Still superseded: readers take the newer entry.
                }
            }
        }
        return deleted;
    }

    /**
     * Before a new run (a new job instance) writes: deletes every entry of these names of
     * a higher generation than the run's lease. A new run's generation counts from its
     * JobRepository, and a new run starts only under a lease proved just now, so such an
     * entry is from another JobRepository (one deleted, or another database); kept, a
     * reader would take it for the newest. The entries are listed before the lease is
     * proved: listed while the lease was held, none can be a newer holder's.
     * @param names the names to clean
     * @param lease the new run's lease
     * @return what was deleted
     * @throws IOException when a folder cannot be listed or an entry deleted
     * @throws dev.demon.spring.lease.LeaseLostException when the lease cannot be proved;
     * nothing is then deleted
     */
    public static List<Path> deleteOfAnotherJobRepository(Collection<GenerationalName> names, Lease lease)
            throws IOException {
        List<Path> newer = new ArrayList<>();
        for (GenerationalName name : names) {
            for (Path entry : name.all()) {
                if (name.generationOf(entry).getAsLong() > lease.generation()) {
                    newer.add(entry);
                }
            }
        }
        lease.requireHeld();
        for (Path entry : newer) {
            FileSystemUtils.deleteRecursively(entry);
        }
        return newer;
    }

    private static Optional<Parsed> parse(String fileName, String stemPattern, String extension) {
        Matcher matcher = Pattern
            .compile("(" + stemPattern + ")(?:" + Pattern.quote(MARK) + "(\\d{1,18}))?" + Pattern.quote(extension))
            .matcher(fileName);
        if (!matcher.matches() || fileName.startsWith(".")) {
            return Optional.empty();
        }
        return Optional
            .of(new Parsed(matcher.group(1), matcher.group(2) != null ? Long.parseLong(matcher.group(2)) : 0));
    }

}
