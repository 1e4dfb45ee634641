package io.tavern.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where an account password comes from when no one can type it: the file named by
 * {@code --password-file} (its first line), else the environment variable {@value #ENVIRONMENT}.
 * Never from a command-line argument, which other users of the machine can read in the process
 * list.
 */
final class PasswordSource {

    static final String ENVIRONMENT = "TAVERN_PASSWORD";

    private PasswordSource() {
    }

    static Optional<String> withoutTerminal(Path passwordFile, Map<String, String> environment) throws IOException {
        if (passwordFile != null) {
            String content = Files.readString(passwordFile, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String firstLine = end < 0 ? content : content.substring(0, end);
            return Optional.of(firstLine.endsWith("\r") ? firstLine.substring(0, firstLine.length() - 1) : firstLine);
        }
        String fromEnvironment = environment.get(ENVIRONMENT);
        return fromEnvironment == null || fromEnvironment.isEmpty() ? Optional.empty() : Optional.of(fromEnvironment);
    }
}
