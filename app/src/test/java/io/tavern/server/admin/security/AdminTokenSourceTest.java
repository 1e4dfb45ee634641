package io.tavern.server.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.server.admin.AdminProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenSourceTest {

    static final String TOKEN = "0123456789abcdef-token";

    @Test
    void aConfiguredTokenIsTheOnlyOneThatMatches() {
        AdminToken token = AdminTokenSource.load(new AdminProperties(true, TOKEN, null));

        assertThat(token.matches(TOKEN)).isTrue();
        assertThat(token.matches(TOKEN + " ")).isFalse();
        assertThat(token.matches(TOKEN.substring(1))).isFalse();
        assertThat(token.matches("")).isFalse();
        assertThat(token.matches(null)).isFalse();
        assertThat(token.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aMountedSecretFileIsReadWithoutItsTrailingNewline(@TempDir Path secrets) throws Exception {
        Path file = Files.writeString(secrets.resolve("admin-token"), TOKEN + "\n");

        AdminToken token = AdminTokenSource.load(new AdminProperties(true, null, file));

        assertThat(token.matches(TOKEN)).isTrue();
    }

    @Test
    void aTokenShorterThanSixteenCharactersIsRefusedAtStartUp() {
        assertThatThrownBy(() -> AdminTokenSource.load(new AdminProperties(true, "letmein", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters");
    }

    @Test
    void aTokenAndATokenFileTogetherAreAmbiguousAndRefused(@TempDir Path secrets) {
        assertThatThrownBy(() -> AdminTokenSource.load(new AdminProperties(true, TOKEN, secrets.resolve("x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void aMissingTokenFileStopsTheStartUpWithItsPath(@TempDir Path secrets) {
        Path missing = secrets.resolve("missing");

        assertThatThrownBy(() -> AdminTokenSource.load(new AdminProperties(true, null, missing)))
                .hasMessageContaining(missing.toString());
    }

    @Test
    void generatedTokensAre256RandomBitsInUrlSafeBase64() {
        String one = AdminToken.generate();
        String other = AdminToken.generate();

        assertThat(one).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(other);
        assertThat(AdminToken.of(one).matches(one)).isTrue();
        assertThat(AdminToken.of(one).matches(other)).isFalse();
    }
}
