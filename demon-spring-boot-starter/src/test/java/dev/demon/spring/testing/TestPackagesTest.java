package dev.demon.spring.testing;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class TestPackagesTest {

    @Test
    void aMissingProgramFailsNamingItsPackageAndTheInstallScript(@TempDir Path empty) {
        assertThatIllegalStateException()
            .isThrownBy(() -> TestPackages.program("demon-no-such-program", "demon-no-such-package",
                    List.of(empty.resolve("demon-no-such-program"))))
            .withMessage("demon-no-such-program not found: the tests need Debian's demon-no-such-package package; "
                    + "run .ci/install-test-packages as root before the test command (.ci/run does)");
    }

    @Test
    void aProgramOffThePathIsFoundWhereItsPackagePutsIt() {
        Path shell = Path.of("/bin/sh");
        assertThat(TestPackages.program("demon-no-such-program", "dash", List.of(Path.of("/nonexistent/sh"), shell)))
            .isEqualTo(shell);
    }

}
