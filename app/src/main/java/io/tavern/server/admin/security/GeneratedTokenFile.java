package io.tavern.server.admin.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Hands a generated admin token to whoever runs the server, and to no one else: it is written to a file
 * only the server's user can read ({@code rw-------}), never to the log, which is shipped, kept and read
 * by many. The file is made under a temporary name with those permissions from its creation, then moved
 * into place, so there is no moment at which another user could open it.
 */
final class GeneratedTokenFile {

    private GeneratedTokenFile() {
    }

    /** Writes {@code token} (and a newline) to {@code file}, replacing what was there. */
    static void write(Path file, String token) {
        Path target = file.toAbsolutePath();
        try {
            Files.createDirectories(target.getParent());
            Path written = Files.createTempFile(target.getParent(), ".admin-token", ".tmp", ownerOnly());
            try {
                if (!posix()) {
                    restrictToOwner(written);
                }
                Files.writeString(written, token + "\n", StandardCharsets.UTF_8);
                Files.move(written, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(written);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the generated admin token to " + target
                    + "; set tavern.admin.generated-token-file to a writable path, or configure a token", e);
        }
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<?>[] ownerOnly() {
        return posix()
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    private static void restrictToOwner(Path file) throws IOException {
        java.io.File plain = file.toFile();
        boolean restricted = plain.setReadable(false, false) && plain.setReadable(true, true)
                && plain.setWritable(false, false) && plain.setWritable(true, true);
        if (!restricted) {
            throw new IOException("cannot restrict " + file + " to its owner");
        }
    }
}
