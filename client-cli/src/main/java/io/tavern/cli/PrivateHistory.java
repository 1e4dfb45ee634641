package io.tavern.cli;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * The chat line's history: JLine's own, with two guarantees added. A line that carries a password
 * ({@link InputLine.Command#carriesPassword}) never enters it, in memory or on disk, and one an
 * older version wrote is dropped from the file. And the file is its owner's alone (0600): created
 * so before JLine first writes it (JLine appends to it, keeping its mode), tightened if it was open
 * to others or JLine rewrote it. Whispers are in there too.
 */
final class PrivateHistory extends DefaultHistory {

    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private LineReader attachedTo;
    private boolean loading;
    private boolean droppedWhileLoading;

    @Override
    public void attach(LineReader reader) {
        if (reader == attachedTo) {
            return; // JLine attaches at every read; the file is made private once
        }
        attachedTo = reader;
        Path file = (Path) reader.getVariable(LineReader.HISTORY_FILE);
        if (file == null) {
            super.attach(reader);
            return;
        }
        try {
            ownerOnly(file);
            loading = true;
            super.attach(reader); // loads the file, line by line through internalAdd
            loading = false;
            if (droppedWhileLoading) {
                // Rewritten from what was kept, into a fresh owner-only file.
                Files.delete(file);
                ownerOnly(file);
                append(file, false);
            }
            // JLine rewrites a file it finds malformed, creating it anew with the default mode.
            ownerOnly(file);
        } catch (IOException e) {
            // Better no history file than one others may read: this session keeps it in memory only.
            reader.getVariables().remove(LineReader.HISTORY_FILE);
            reader.printAbove("The history stays in memory: " + file + " cannot be kept private ("
                    + e.getClass().getSimpleName() + ").");
        } finally {
            loading = false;
        }
    }

    @Override
    protected void internalAdd(Instant time, String line, boolean checkDuplicates) {
        if (InputLine.parse(line) instanceof InputLine.Command command && command.carriesPassword()) {
            droppedWhileLoading |= loading;
            return;
        }
        super.internalAdd(time, line, checkDuplicates);
    }

    /** Creates {@code file} readable and writable by its owner only, or takes the others' rights away. */
    private static void ownerOnly(Path file) throws IOException {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return; // Windows: the profile directory's ACL already keeps others out
        }
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        } else {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
    }
}
