package io.tavern.server.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tavern.server.testing.RunningServer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Out of the box, with no token configured, the admin API is usable and still closed. */
@ExtendWith(OutputCaptureExtension.class)
class GeneratedAdminTokenTest {

    private static final Pattern GENERATED = Pattern.compile("Using generated admin token: (\\S+)");

    @Test
    void withoutAConfiguredTokenTheServerGeneratesOnePrintsItOnceAndAcceptsOnlyIt(CapturedOutput output) {
        try (RunningServer server = RunningServer.start()) {
            int httpPort = Integer.parseInt(server.context().getEnvironment().getProperty("local.server.port"));

            Matcher printed = GENERATED.matcher(output.getAll());
            assertThat(printed.find()).as("the generated token is in the log").isTrue();
            String token = printed.group(1);
            assertThat(printed.find()).as("printed once").isFalse();
            assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 random bits

            assertThat(AdminHttp.anonymous(httpPort).get("/admin/api/stats").status()).isEqualTo(401);
            assertThat(AdminHttp.withToken(httpPort, token).get("/admin/api/stats").status()).isEqualTo(200);
        }
    }
}
