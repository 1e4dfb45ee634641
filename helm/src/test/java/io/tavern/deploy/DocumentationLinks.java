package io.tavern.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The repository's Markdown, checked the way a reader of a fresh clone meets it: every relative link
 * must reach a file or directory inside the repository, and a link to a heading of a Markdown file
 * must name a heading that file has. Links with a scheme ({@code https:}, {@code mailto:}) are not
 * followed: the check runs offline and must stay fast.
 */
final class DocumentationLinks {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    /** Build output, dependencies and tool folders are not documentation. */
    private static boolean skipped(Path directory) {
        String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
        return name.equals("target") || name.equals("node_modules") || name.startsWith(".");
    }

    private final Path root;
    private final Map<Path, MarkdownDocument> documents = new HashMap<>();

    DocumentationLinks(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Every Markdown file of the repository, relative to its root, in a stable order. */
    List<Path> markdownFiles() {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(root) && skipped(dir)
                            ? FileVisitResult.SKIP_SUBTREE
                            : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (file.getFileName().toString().endsWith(".md")) {
                        files.add(root.relativize(file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files.stream().sorted().toList();
    }

    /** One line per problem, {@code file:line: target: what is wrong}; empty when every link works. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Path file : markdownFiles()) {
            MarkdownDocument document = document(root.resolve(file));
            for (MarkdownDocument.Reference link : document.links()) {
                String problem = problemWith(document, link.target());
                if (problem != null) {
                    problems.add(file + ":" + link.line() + ": " + link.target() + ": " + problem);
                }
            }
            for (MarkdownDocument.Reference path : document.unlinkedPaths()) {
                problems.add(file + ":" + path.line() + ": [" + path.target() + "]: a path in brackets that is not a link;"
                        + " write [text](path)");
            }
        }
        return problems;
    }

    private String problemWith(MarkdownDocument from, String target) {
        if (target.isEmpty()) {
            return "empty link";
        }
        if (SCHEME.matcher(target).find() || target.startsWith("//")) {
            return null;
        }
        int hash = target.indexOf('#');
        String path = decode(hash < 0 ? target : target.substring(0, hash));
        String anchor = hash < 0 ? null : decode(target.substring(hash + 1));
        if (path.startsWith("/")) {
            return "an absolute path; a link must be relative to the file it is in";
        }
        Path resolved = path.isEmpty() ? from.file() : from.file().getParent().resolve(path).normalize();
        if (!resolved.startsWith(root)) {
            return "leaves the repository (" + resolved + "); a clone does not have it";
        }
        if (!Files.exists(resolved)) {
            return "no such file in the repository";
        }
        if (anchor != null && !anchor.isEmpty() && resolved.getFileName().toString().endsWith(".md")) {
            MarkdownDocument to = document(resolved);
            if (!to.anchors().contains(anchor)) {
                return "no heading with anchor #" + anchor + " in " + root.relativize(resolved);
            }
        }
        return null;
    }

    private MarkdownDocument document(Path file) {
        return documents.computeIfAbsent(file, f -> {
            try {
                return MarkdownDocument.read(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Percent-decoding for paths: a {@code +} stays a plus sign. */
    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
