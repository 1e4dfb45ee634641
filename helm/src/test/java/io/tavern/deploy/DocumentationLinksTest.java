package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every link in the documentation works in a fresh clone: README.md, docs/ and the modules' READMEs
 * link only to files inside the repository that exist, and to headings those files have. The first
 * test checks the real repository; the others show, on small made-up repositories, that the check
 * catches each way a link breaks and leaves alone what is not a link.
 */
class DocumentationLinksTest {

    @TempDir
    Path workspace;

    @Test
    void everyRelativeLinkInTheDocumentationReachesAFileAndHeadingInsideTheRepository() {
        DocumentationLinks links = new DocumentationLinks(Repository.root());

        assertThat(links.markdownFiles()).as("the Markdown files checked")
                .contains(Path.of("README.md"), Path.of("docs/architecture.md"), Path.of("docs/protocol.md"),
                        Path.of("docs/performance.md"), Path.of("protocol/README.md"));
        assertThat(links.problems()).as("broken links").isEmpty();
    }

    @Test
    void aLinkToAMissingFileIsReported() throws IOException {
        Path repository = repositoryWith("README.md", "See [the guide](docs/guide.md).\n");

        assertThat(new DocumentationLinks(repository).problems())
                .containsExactly("README.md:1: docs/guide.md: no such file in the repository");
    }

    @Test
    void aLinkOutOfTheRepositoryIsReportedEvenWhenTheFileExistsOnThisMachine() throws IOException {
        Path repository = repositoryWith("README.md", "Intro.\n\nRead [architecture](../shared/ARCHITECTURE.md).\n");
        write(workspace.resolve("shared/ARCHITECTURE.md"), "# Architecture\n");

        assertThat(new DocumentationLinks(repository).problems()).singleElement().asString()
                .startsWith("README.md:3: ../shared/ARCHITECTURE.md: leaves the repository");
    }

    @Test
    void aPathInBracketsThatIsNotALinkIsReported() throws IOException {
        Path repository = repositoryWith("README.md", "The design: [../shared/ARCHITECTURE.md] maps it.\n");

        assertThat(new DocumentationLinks(repository).problems()).singleElement().asString()
                .startsWith("README.md:1: [../shared/ARCHITECTURE.md]: a path in brackets that is not a link");
    }

    @Test
    void anAbsolutePathIsReported() throws IOException {
        Path repository = repositoryWith("README.md", "[pom](/pom.xml)\n");
        write(repository.resolve("pom.xml"), "<project/>\n");

        assertThat(new DocumentationLinks(repository).problems()).singleElement().asString()
                .contains("an absolute path");
    }

    @Test
    void headingAnchorsFollowGitHubsRulesAndAMissingOneIsReported() throws IOException {
        Path repository = repositoryWith("README.md", """
                # Tavern

                [framing](docs/protocol.md#21-frame-format) · [server defaults](docs/protocol.md#38-server-defaults) ·
                [send chat](docs/protocol.md#sendchatscope-to-text--ack) · [the event](docs/protocol.md#chatmessage-1) ·
                [here](#tavern) · [io models](docs/protocol.md#7-io-models-reactor-versus-proactor) ·
                [gone](docs/protocol.md#9-appendix)
                """);
        write(repository.resolve("docs/protocol.md"), """
                # Protocol
                ### 2.1 Frame format
                ### 3.8 Server defaults
                #### `SendChat{scope, to, text}` → `Ack`
                #### `ChatMessage`
                #### `ChatMessage`
                ## 7. I/O models: reactor versus proactor
                """);

        assertThat(new DocumentationLinks(repository).problems())
                .containsExactly("README.md:6: docs/protocol.md#9-appendix: no heading with anchor #9-appendix in docs/protocol.md");
    }

    @Test
    void codeWebLinksAndBuildOutputAreNotChecked() throws IOException {
        Path repository = repositoryWith("README.md", """
                Run `see [x](missing.md)` or:

                ```sh
                echo "[y](missing-too.md)" [../outside/README.md]
                ```

                [Netty](https://netty.io) · [mail](mailto:ops@example.com) · [a folder](docs) · [self](README.md)
                """);
        Files.createDirectories(repository.resolve("docs"));
        write(repository.resolve("app/target/classes/NOTES.md"), "[broken](nowhere.md)\n");
        write(repository.resolve("node_modules/x/README.md"), "[broken](nowhere.md)\n");

        DocumentationLinks links = new DocumentationLinks(repository);

        assertThat(links.markdownFiles()).containsExactly(Path.of("README.md"));
        assertThat(links.problems()).isEmpty();
    }

    @Test
    void referenceStyleLinksAreCheckedLikeInlineOnes() throws IOException {
        Path repository = repositoryWith("docs/guide.md", """
                Read the [protocol][proto] and the [schema].

                [proto]: protocol.md
                [schema]: ../protocol/schema.proto
                """);
        write(repository.resolve("docs/protocol.md"), "# Protocol\n");

        assertThat(new DocumentationLinks(repository).problems())
                .containsExactly("docs/guide.md:1: ../protocol/schema.proto: no such file in the repository");
    }

    private Path repositoryWith(String file, String markdown) throws IOException {
        Path repository = workspace.resolve("repository");
        write(repository.resolve(file), markdown);
        return repository;
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
