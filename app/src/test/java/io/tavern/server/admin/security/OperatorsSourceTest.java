package io.tavern.server.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tavern.server.admin.AdminProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperatorsSourceTest {

    static final String TOKEN = "0123456789abcdef-token";
    static final String ALICE = "alice-token-7d1e0c9b33";
    static final String BOB = "bob-token-52aa81f0e4c7";

    @TempDir
    Path secrets;

    private static AdminProperties single(String token, Path tokenFile) {
        return new AdminProperties(true, null, token, tokenFile, Path.of("unused"));
    }

    private AdminProperties operatorsFile(String content) throws Exception {
        return new AdminProperties(true, Files.writeString(secrets.resolve("operators"), content), null, null,
                secrets.resolve("unused"));
    }

    private static String sha256(String token) {
        return "sha256:" + HexFormat.of().formatHex(AdminToken.digest(token));
    }

    @Test
    void aSingleConfiguredTokenIsTheOnlyOneThatMatchesAndItsOperatorIsAnAdminNamedAdmin() {
        Operators operators = OperatorsSource.load(single(TOKEN, null));

        OperatorCredential admin = operators.holding(TOKEN).orElseThrow();
        assertThat(admin.operator().name()).isEqualTo("admin");
        assertThat(admin.role()).isEqualTo(OperatorRole.ADMIN);
        assertThat(operators.holding(TOKEN + " ")).isEmpty();
        assertThat(operators.holding(TOKEN.substring(1))).isEmpty();
        assertThat(operators.holding("")).isEmpty();
        assertThat(operators.holding(null)).isEmpty();
        assertThat(operators.toString()).doesNotContain(TOKEN);
    }

    @Test
    void aMountedSecretFileIsReadWithoutItsTrailingNewline() throws Exception {
        Path file = Files.writeString(secrets.resolve("admin-token"), TOKEN + "\n");

        assertThat(OperatorsSource.load(single(null, file)).holding(TOKEN)).isPresent();
    }

    @Test
    void anOperatorsFileNamesEachOperatorWithARoleAndATokenOrItsDigest() throws Exception {
        Operators operators = OperatorsSource.load(operatorsFile("""
                # name  role       token
                alice   admin      %s

                bob     moderator  %s
                  carol viewer     carol-token-0a1b2c3d4e
                """.formatted(sha256(ALICE), BOB)));

        assertThat(operators.holding(ALICE).orElseThrow()).hasToString("alice (admin)");
        assertThat(operators.holding(BOB).orElseThrow()).hasToString("bob (moderator)");
        assertThat(operators.holding("carol-token-0a1b2c3d4e").orElseThrow()).hasToString("carol (viewer)");
        assertThat(operators.holding(sha256(ALICE))).as("the digest itself is not a token").isEmpty();
    }

    @Test
    void theSingleTokenCanSitBesideAnOperatorsFileAsTheOperatorNamedAdmin() throws Exception {
        Path file = Files.writeString(secrets.resolve("operators"), "bob moderator " + BOB + "\n");

        Operators operators = OperatorsSource.load(new AdminProperties(true, file, TOKEN, null, Path.of("unused")));

        assertThat(operators.holding(TOKEN).orElseThrow()).hasToString("admin (admin)");
        assertThat(operators.holding(BOB).orElseThrow()).hasToString("bob (moderator)");
    }

    @Test
    void aWrongLineStopsTheStartUpNamingTheLineButNeverTheToken() throws Exception {
        assertThatThrownBy(() -> OperatorsSource.load(operatorsFile("alice admin " + ALICE + "\nbob boss " + BOB + "\n")))
                .hasMessageContaining("line 2").hasMessageContaining("role 'boss'").hasMessageNotContaining(BOB);
        assertThatThrownBy(() -> OperatorsSource.load(operatorsFile("bob moderator\n")))
                .hasMessageContaining("line 1").hasMessageContaining("3 fields");
        assertThatThrownBy(() -> OperatorsSource.load(operatorsFile("bob moderator short\n")))
                .hasMessageContaining("at least 16 characters").hasMessageNotContaining("short");
        assertThatThrownBy(() -> OperatorsSource.load(operatorsFile("bob moderator sha256:abc\n")))
                .hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> OperatorsSource.load(operatorsFile("bob;drop moderator " + BOB + "\n")))
                .hasMessageContaining("operator name");
        assertThatThrownBy(() -> OperatorsSource.load(operatorsFile("# nobody\n")))
                .hasMessageContaining("names no operator");
    }

    @Test
    void aNameOrATokenGivenTwiceIsRefusedForTheAuditLogCouldNotTellThemApart() throws Exception {
        assertThatThrownBy(() -> OperatorsSource.load(operatorsFile("bob admin " + ALICE + "\nbob viewer " + BOB)))
                .hasMessageContaining("bob is defined twice");
        assertThatThrownBy(() -> OperatorsSource.load(operatorsFile("alice admin " + ALICE + "\nbob viewer "
                + sha256(ALICE)))).hasMessageContaining("same token").hasMessageNotContaining(ALICE);
        Path file = Files.writeString(secrets.resolve("mixed"), "admin viewer " + BOB + "\n");
        assertThatThrownBy(() -> OperatorsSource.load(new AdminProperties(true, file, TOKEN, null, Path.of("unused"))))
                .hasMessageContaining("admin is defined twice");
    }

    @Test
    void aTokenShorterThanSixteenCharactersIsRefusedAtStartUp() {
        assertThatThrownBy(() -> OperatorsSource.load(single("letmein", null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 characters");
    }

    @Test
    void aTokenAndATokenFileTogetherAreAmbiguousAndRefused() {
        assertThatThrownBy(() -> OperatorsSource.load(single(TOKEN, secrets.resolve("x"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not both");
    }

    @Test
    void aMissingTokenFileStopsTheStartUpWithItsPath() {
        Path missing = secrets.resolve("missing");

        assertThatThrownBy(() -> OperatorsSource.load(single(null, missing))).hasMessageContaining(missing.toString());
        assertThatThrownBy(() -> OperatorsSource.load(new AdminProperties(true, missing, null, null, missing)))
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
