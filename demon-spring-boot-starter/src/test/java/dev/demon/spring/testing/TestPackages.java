package dev.demon.spring.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The programs the tests start from the machine's system packages (Debian's
 * {@code prometheus}, {@code postgresql}, {@code chromium}, {@code chromium-driver}),
 * which {@value #INSTALL_SCRIPT} installs before the test command. A test never installs
 * one itself: a missing program fails it, naming the script.
 */
public final class TestPackages {

    /** The script, relative to the repository's root, that installs every package. */
    public static final String INSTALL_SCRIPT = ".ci/install-test-packages";

    private TestPackages() {
    }

    /**
     * The first executable {@code name} on the PATH, else the first of {@code fallbacks}
     * that is executable.
     * @param name the program's file name, such as {@code prometheus}
     * @param debianPackage the Debian package that provides it, named in the failure
     * @param fallbacks where the package puts the program when that is off the PATH
     * @return the program
     * @throws IllegalStateException naming the package and {@value #INSTALL_SCRIPT} when
     * no candidate is executable
     */
    public static Path program(String name, String debianPackage, List<Path> fallbacks) {
        Stream<Path> onPath = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
            .filter(dir -> !dir.isEmpty())
            .map(dir -> Path.of(dir, name));
        return Stream.concat(onPath, fallbacks.stream())
            .filter(Files::isExecutable)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException(name + " not found: the tests need Debian's " + debianPackage
                    + " package; run " + INSTALL_SCRIPT + " as root before the test command (.ci/run does)"));
    }

}
