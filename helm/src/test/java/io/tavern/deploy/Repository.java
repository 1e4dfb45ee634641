package io.tavern.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the things under test live. Surefire passes the repository root and the Maven project
 * version as system properties (see helm/pom.xml), so the tests check the files the build actually
 * sees, wherever the module is built from.
 */
final class Repository {

    private Repository() {
    }

    static Path root() {
        String configured = System.getProperty("tavern.repository.root");
        Path root = configured != null ? Path.of(configured) : Path.of("..");
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("mvnw")) || !Files.isDirectory(root.resolve("helm"))) {
            throw new IllegalStateException("not the Tavern repository root: " + root);
        }
        return root;
    }

    static Path chart() {
        return root().resolve("helm/tavern");
    }

    static Path productionValues() {
        return chart().resolve("ci/production-values.yaml");
    }

    static Path dockerfile() {
        return root().resolve("Dockerfile");
    }

    static Path buildDirectory() {
        String configured = System.getProperty("tavern.build.directory");
        return configured != null ? Path.of(configured) : root().resolve("helm/target");
    }

    /** The Maven project version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String projectVersion() {
        String version = System.getProperty("tavern.project.version");
        if (version == null || version.isBlank()) {
            throw new IllegalStateException("system property tavern.project.version is not set (run the tests with Maven)");
        }
        return version;
    }

    /** The project version as a release: what the chart's version and appVersion must be. */
    static String releaseVersion() {
        return projectVersion().replaceFirst("-SNAPSHOT$", "");
    }
}
