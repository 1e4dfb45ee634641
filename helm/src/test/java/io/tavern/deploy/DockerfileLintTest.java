package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Dockerfile parses and lints clean with dockerfile-utils, run offline through npx (the image
 * cannot be built on machines without a container engine, so this is the syntax check).
 *
 * <p>On a machine with only a JDK there is no npx, and the test is skipped. CI sets
 * {@code TAVERN_TEST_REQUIRE_NODE=true}: there a missing npx fails the build instead.
 */
class DockerfileLintTest {

    /** Pinned, so a new release of the linter cannot change the verdict on an unchanged Dockerfile. */
    static final String DOCKERFILE_UTILS = "dockerfile-utils@0.16.3";

    @Test
    void dockerfileLintsCleanWithDockerfileUtils() throws IOException, InterruptedException {
        Optional<Path> npx = onPath("npx");
        if (npx.isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("TAVERN_TEST_REQUIRE_NODE"))) {
                fail("TAVERN_TEST_REQUIRE_NODE=true but npx is not on the PATH: install Node.js and npm");
            }
            assumeTrue(false, "npx not found; the Dockerfile lint needs Node.js (required when TAVERN_TEST_REQUIRE_NODE=true)");
        }

        Path logs = Files.createDirectories(Repository.buildDirectory().resolve("dockerfile-lint"));
        Path stdout = logs.resolve("stdout.txt");
        Path stderr = logs.resolve("stderr.txt");
        ProcessBuilder lint = new ProcessBuilder(npx.get().toString(), "--yes", DOCKERFILE_UTILS, "lint", "Dockerfile")
                .directory(Repository.root().toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        lint.environment().put("npm_config_update_notifier", "false");
        lint.environment().put("npm_config_fund", "false");
        Process process = lint.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("dockerfile-utils did not finish within 5 minutes; stderr: " + Files.readString(stderr, StandardCharsets.UTF_8));
        }

        String diagnostics = Files.readString(stdout, StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue())
                .as("dockerfile-utils exit code; stdout: %s; stderr: %s", diagnostics, Files.readString(stderr, StandardCharsets.UTF_8))
                .isZero();
        assertThat(diagnostics).as("dockerfile-utils reports errors and warnings on stdout").isEmpty();
    }

    private static Optional<Path> onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
