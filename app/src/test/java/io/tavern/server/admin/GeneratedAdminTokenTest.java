package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.testing.RunningServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Out of the box, with no operator configured, the admin API is usable and still closed: the generated
 * token goes to a file only the server's user can read, and the log says where, never what.
 */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminTokenTest {

    @Test
    void withoutAConfiguredTokenTheServerWritesAGeneratedOneToAnOwnerOnlyFileAndNeverLogsIt(
            @TempDir Path home, CapturedOutput output) throws Exception {
        Path file = home.resolve("secrets").resolve("admin-token");
        try (RunningServer server = RunningServer.start("tavern.admin.generated-token-file=" + file)) {
            int httpPort = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));

            String token = Files.readString(file).strip();
            assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 random bits
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            assertThat(output.getAll()).as("the log names the file").contains(file.toAbsolutePath().toString());
            assertThat(output.getAll()).as("the log never shows the token").doesNotContain(token);

            assertThat(AdminHttp.anonymous(httpPort).get("/admin/api/stats").status()).isEqualTo(401);
            assertThat(AdminHttp.withToken(httpPort, token).get("/admin/api/stats").status()).isEqualTo(200);
            assertThat(AdminHttp.withToken(httpPort, token).delete("/admin/api/rooms/no-such-room").status())
                    .as("the generated token's operator is an admin").isEqualTo(404);
        }
        try (RunningServer again = RunningServer.start("tavern.admin.generated-token-file=" + file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .as("a token replaced at the next start is as private").isEqualTo("rw-------");
        }
    }
}
