package io.tavern.server.admin.security;

import io.tavern.server.admin.Operator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the operators file ({@code tavern.admin.operators-file}, in Kubernetes a mounted Secret): one
 * operator a line, three fields separated by white space, the name, the role and the token:
 * <pre>
 * # name   role       token, or sha256: and the token's SHA-256 digest in hex
 * alice    admin      sha256:5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
 * bob      moderator  sha256:...
 * carol    viewer     a-token-of-at-least-16-characters
 * </pre>
 * Blank lines and lines starting with {@code #} are ignored. A name is 1-64 letters, digits, '.', '_',
 * '@' or '-'; a role is {@code viewer}, {@code moderator} or {@code admin}. A digest
 * ({@code printf %s "$TOKEN" | sha256sum}) keeps the tokens themselves out of the file. Any line that is
 * not right stops the start-up, naming the file and the line but never the token.
 */
final class OperatorsFile {

    private OperatorsFile() {
    }

    static List<OperatorCredential> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read tavern.admin.operators-file " + file, e);
        }
        List<OperatorCredential> operators = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                operators.add(parse(line));
            } catch (IllegalArgumentException wrong) {
                throw new IllegalStateException("tavern.admin.operators-file " + file + ", line " + (i + 1) + ": "
                        + wrong.getMessage());
            }
        }
        if (operators.isEmpty()) {
            throw new IllegalStateException("tavern.admin.operators-file " + file + " names no operator");
        }
        return operators;
    }

    private static OperatorCredential parse(String line) {
        String[] fields = line.split("\\s+");
        if (fields.length != 3) {
            throw new IllegalArgumentException("expected 3 fields (name role token), found " + fields.length);
        }
        Operator operator;
        try {
            operator = new Operator(fields[0]);
        } catch (IllegalArgumentException badName) {
            throw new IllegalArgumentException("an operator name must be " + Operator.VALID_NAME);
        }
        return new OperatorCredential(operator, OperatorRole.fromWord(fields[1]), AdminToken.parse(fields[2]));
    }
}
