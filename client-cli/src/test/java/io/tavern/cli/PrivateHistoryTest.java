package io.tavern.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.History;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chat line's history keeps no password, and its file is its owner's alone. */
class PrivateHistoryTest {

    @TempDir
    Path home;

    private Path file;
    private Terminal terminal;
    private final PrivateHistory history = new PrivateHistory();

    @BeforeEach
    void posixOnly() throws Exception {
        Assumptions.assumeTrue(home.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
        file = home.resolve(InteractiveShell.HISTORY_FILE);
        terminal = TerminalBuilder.builder().dumb(true).streams(new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream()).build();
    }

    @AfterEach
    void closeTerminal() throws Exception {
        terminal.close();
    }

    private void attach() {
        LineReader reader = LineReaderBuilder.builder().terminal(terminal).history(history)
                .variable(LineReader.HISTORY_FILE, file).build();
        history.attach(reader);
    }

    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (History.Entry entry : history) {
            lines.add(entry.line());
        }
        return lines;
    }

    @Test
    void aLineWithAPasswordNeverEntersTheHistoryNorItsFile() throws Exception {
        attach();

        history.add("/join vault --password hunter2");
        history.add("/create \"My Room\" --password=s3cret --max 4");
        history.add("/join den");
        history.add("hello everyone");
        history.save();

        assertThat(lines()).containsExactly("/join den", "hello everyone");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("hunter2").doesNotContain("s3cret")
                .contains("/join den");
    }

    @Test
    void theFileIsCreatedReadableByItsOwnerOnly() throws Exception {
        attach();
        history.add("hello");
        history.save();

        assertThat(mode()).isEqualTo("rw-------");
    }

    @Test
    void aFileOthersCouldReadIsTightenedAndPasswordsAnOlderVersionWroteAreDropped() throws Exception {
        // JLine's own format, as an older version of the CLI left it.
        attachTo("1700000000000:/join vault --password hunter2\n1700000000001:hello\n", "rw-r--r--");

        assertThat(mode()).isEqualTo("rw-------");
        assertThat(lines()).containsExactly("hello");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContain("hunter2").contains("hello");
    }

    @Test
    void aFileJLineRewritesBecauseItIsMalformedStaysPrivate() throws Exception {
        attachTo("not JLine's format\n1700000000001:hello\n", "rw-rw-rw-");

        assertThat(mode()).isEqualTo("rw-------");
        assertThat(lines()).containsExactly("hello");
    }

    /** Attaches to a history file found with {@code content}, open to others as {@code mode} says. */
    private void attachTo(String content, String mode) throws Exception {
        Files.writeString(file, content, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        attach();
    }

    private String mode() throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
