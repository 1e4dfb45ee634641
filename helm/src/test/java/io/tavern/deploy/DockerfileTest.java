package io.tavern.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.tavern.deploy.ParsedDockerfile.Instruction;
import io.tavern.deploy.ParsedDockerfile.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image's promises, checked on the Dockerfile itself (no container engine is needed): built with
 * the Maven wrapper in a cached dependency layer, run from Spring Boot's extracted layers on a JRE,
 * as a fixed non-root user, with the JVM as PID 1 so SIGTERM drains the server.
 */
class DockerfileTest {

    private static final String JAR_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    private static final List<String> LAYERS = List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application");

    private static ParsedDockerfile dockerfile;
    private static Stage build;
    private static Stage runtime;

    @BeforeAll
    static void read() throws IOException {
        dockerfile = ParsedDockerfile.read(Repository.dockerfile());
        build = dockerfile.stage("build");
        runtime = dockerfile.finalStage();
    }

    @Test
    void buildsOnAJdkAndRunsOnATemurinJreInAnotherStage() {
        assertThat(dockerfile.stages()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(runtime).isNotSameAs(build);
        assertThat(dockerfile.resolvedBaseImage(build)).matches("eclipse-temurin:(17|21)-jdk(-[a-z]+)?");
        assertThat(dockerfile.resolvedBaseImage(runtime)).matches("eclipse-temurin:(17|21)-jre(-[a-z]+)?");
    }

    @Test
    void dependenciesAreResolvedInALayerThatOnlyThePomsInvalidate() throws IOException {
        List<Instruction> goOffline = build.all("RUN").stream()
                .filter(r -> r.arguments().contains("./mvnw") && r.arguments().contains("dependency:go-offline"))
                .toList();
        assertThat(goOffline).as("a RUN resolving dependencies with the Maven wrapper").hasSize(1);

        List<String> copiedBefore = new ArrayList<>();
        for (Instruction copy : build.all("COPY")) {
            if (build.indexOf(copy) < build.indexOf(goOffline.get(0))) {
                copiedBefore.add(copySources(copy));
            }
        }
        assertThat(copiedBefore)
                .as("only the wrapper and POMs are copied before dependencies are resolved")
                .allMatch(source -> source.equals("mvnw") || source.startsWith(".mvn") || source.endsWith("pom.xml"));

        List<String> poms = new ArrayList<>(List.of("pom.xml"));
        rootModules().forEach(module -> poms.add(module + "/pom.xml"));
        assertThat(copiedBefore).as("every POM of the reactor").containsAll(poms);
    }

    @Test
    void sourcesOfEveryServerModuleAreCopiedAfterTheDependencyLayer() throws IOException {
        int goOffline = build.all("RUN").stream().filter(r -> r.arguments().contains("dependency:go-offline"))
                .mapToInt(build::indexOf).findFirst().orElseThrow();
        Set<String> sourcesAfter = build.all("COPY").stream()
                .filter(c -> build.indexOf(c) > goOffline)
                .map(DockerfileTest::copySources)
                .collect(Collectors.toSet());
        for (String module : rootModules()) {
            if (!module.equals("helm")) {
                assertThat(sourcesAfter).as("sources of module " + module).contains(module + "/src/");
            }
        }
    }

    @Test
    void everythingTheBuildStageCopiesExistsInTheRepository() {
        List<String> missing = build.all("COPY").stream()
                .filter(c -> !c.arguments().startsWith("--from"))
                .flatMap(c -> Arrays.stream(copySources(c).split(" ")))
                .filter(source -> !Files.exists(Repository.root().resolve(source)))
                .toList();
        assertThat(missing).as("COPY sources missing from the build context (the image build would fail)").isEmpty();
    }

    @Test
    void buildsTheServerWithTheMavenWrapperAsDocumented() {
        assertThat(build.all("RUN")).extracting(Instruction::arguments)
                .anyMatch(run -> run.contains("./mvnw -B -pl app -am package -DskipTests"));
    }

    @Test
    void extractsTheJarTheBuildProducesIntoSpringBootLayers() throws IOException {
        String jar = "app/target/" + appFinalName() + ".jar";
        assertThat(jar).isEqualTo("app/target/tavern-server.jar");

        Instruction extract = build.all("RUN").stream()
                .filter(r -> r.arguments().contains("-Djarmode=tools")).findFirst()
                .orElseThrow(() -> new AssertionError("no RUN extracting the layered jar"));
        assertThat(extract.arguments())
                .contains("-jar " + jar)
                .contains("extract --layers --launcher")
                .contains("--destination /workspace/extracted");
        assertThat(build.indexOf(extract)).as("extracted after the package build")
                .isGreaterThan(build.all("RUN").stream().filter(r -> r.arguments().contains(" package ")).mapToInt(build::indexOf).max().orElseThrow());
    }

    @Test
    void runtimeCopiesTheLayersFromLeastToMostOftenChanged() {
        List<String> copied = runtime.all("COPY").stream()
                .filter(c -> c.arguments().startsWith("--from=build"))
                .map(DockerfileTest::copySources)
                .toList();
        assertThat(copied).containsExactlyElementsOf(LAYERS.stream().map(l -> "/workspace/extracted/" + l + "/").toList());
        assertThat(runtime.all("COPY")).as("nothing but the layers reaches the runtime image")
                .allMatch(c -> c.arguments().startsWith("--from=build"));
        assertThat(runtime.all("COPY")).as("application files stay owned by root, read-only to the server")
                .noneMatch(c -> c.arguments().contains("--chown") || c.arguments().contains("--chmod"));
        assertThat(runtime.all("WORKDIR")).extracting(Instruction::arguments).containsExactly("/app");
    }

    @Test
    void runsAsAFixedNumericNonRootUserMatchingTheChart() throws IOException {
        List<Instruction> users = runtime.all("USER");
        assertThat(users).as("USER in the runtime stage").isNotEmpty();
        String user = users.get(users.size() - 1).arguments();
        assertThat(user).as("numeric, so Kubernetes' runAsNonRoot can verify it").matches("\\d+(:\\d+)?");
        String[] uidGid = user.split(":");
        assertThat(Long.parseLong(uidGid[0])).as("uid").isNotZero();

        JsonNode values = chartValues();
        assertThat(Long.parseLong(uidGid[0])).isEqualTo(values.at("/securityContext/runAsUser").asLong());
        if (uidGid.length == 2) {
            assertThat(Long.parseLong(uidGid[1])).isNotZero().isEqualTo(values.at("/securityContext/runAsGroup").asLong());
        }
        assertThat(runtime.indexOf(users.get(users.size() - 1)))
                .as("USER comes after every RUN, so nothing after it runs as root")
                .isGreaterThan(runtime.all("RUN").stream().mapToInt(runtime::indexOf).max().orElse(-1));
    }

    @Test
    void onlyTheEmbeddedDataDirectoryIsWritableByTheServer() {
        String user = runtime.all("USER").get(0).arguments();
        String setup = runtime.all("RUN").stream().map(Instruction::arguments).collect(Collectors.joining(" && "));
        assertThat(setup).contains("mkdir -p /app/data");
        Matcher chown = Pattern.compile("chown (\\S+) (\\S+)").matcher(setup);
        List<String> chowned = new ArrayList<>();
        while (chown.find()) {
            chowned.add(chown.group(2));
            assertThat(chown.group(1)).as("owner of " + chown.group(2)).isEqualTo(user);
        }
        assertThat(chowned).containsExactly("/app/data");
        assertThat(setup).contains("useradd --system --uid " + user.split(":")[0]);
        assertThat(runtime.all("ENV")).extracting(Instruction::arguments)
                .anyMatch(env -> env.contains("TAVERN_DB_EMBEDDED_DIR=/app/data"));
    }

    @Test
    void exposesTheDefaultGameAndHttpPorts() throws IOException {
        Set<Integer> exposed = new TreeSet<>();
        for (Instruction expose : runtime.all("EXPOSE")) {
            Arrays.stream(expose.arguments().split("\\s+")).map(p -> Integer.parseInt(p.replace("/tcp", ""))).forEach(exposed::add);
        }
        JsonNode values = chartValues();
        assertThat(exposed).containsExactlyInAnyOrder(7777, 8080);
        assertThat(exposed).containsExactlyInAnyOrder(values.at("/ports/game").asInt(), values.at("/ports/http").asInt());
    }

    @Test
    void entrypointIsExecFormAndMakesTheJvmPidOne() throws IOException {
        List<Instruction> entrypoints = runtime.all("ENTRYPOINT");
        assertThat(entrypoints).hasSize(1);
        assertThat(entrypoints.get(0).arguments())
                .as("exec (JSON array) form: shell form would make /bin/sh PID 1 and swallow SIGTERM")
                .startsWith("[");
        JsonNode form = new ObjectMapper().readTree(entrypoints.get(0).arguments());
        assertThat(form.isArray()).as("exec (JSON array) form").isTrue();
        List<String> argv = new ArrayList<>();
        form.forEach(element -> argv.add(element.asText()));

        String command;
        if (Set.of("/bin/sh", "sh", "/bin/bash", "bash").contains(argv.get(0))) {
            assertThat(argv.get(1)).isEqualTo("-c");
            command = argv.get(2);
            assertThat(command).as("the shell must exec the JVM so SIGTERM reaches it").startsWith("exec java ");
            assertThat(command).as("arguments of docker run / Kubernetes args reach the server").endsWith("\"$@\"");
        } else {
            assertThat(argv.get(0)).isIn("java", "/opt/java/openjdk/bin/java");
            command = String.join(" ", argv);
        }
        assertThat(command)
                .contains("-XX:MaxRAMPercentage=")
                .contains("$JAVA_OPTS")
                .contains(JAR_LAUNCHER);
        assertThat(command.indexOf("$JAVA_OPTS")).as("JAVA_OPTS comes after the defaults, so it overrides them")
                .isGreaterThan(command.indexOf("-XX:MaxRAMPercentage="));
        assertThat(command).as("at rest the heap is small and memory goes back (issue 12, item 7)")
                .contains("-Xms32m", "-XX:MaxHeapFreeRatio=", "-XX:G1HeapRegionSize=", "-XX:TrimNativeHeapInterval=")
                .as("an idle server collects by itself, so what a burst of load grew goes back")
                .containsPattern("-XX:G1PeriodicGCInterval=[1-9]");
        assertThat(command.indexOf("$JAVA_OPTS")).as("JAVA_OPTS comes after the memory defaults too")
                .isGreaterThan(command.indexOf("-XX:TrimNativeHeapInterval="));
        assertThat(runtime.all("CMD")).as("no shell-form CMD to wrap the JVM")
                .allMatch(cmd -> cmd.arguments().startsWith("["));
        assertThat(runtime.all("STOPSIGNAL")).extracting(Instruction::arguments).allMatch(s -> s.equals("SIGTERM"));
    }

    @Test
    void theHeapGivenBackAfterAMarkingCycleDoesNotStartTheNextOne() {
        String entrypoint = entrypointText();
        assertThat(entrypoint).as("a fixed marking threshold: the adaptive one starts at 45 %").contains("-XX:-G1UseAdaptiveIHOP");
        int maxHeapFree = jvmFlag(entrypoint, "MaxHeapFreeRatio");
        int markingThreshold = jvmFlag(entrypoint, "InitiatingHeapOccupancyPercent");
        assertThat(markingThreshold)
                .as("G1 shrinks the heap at each remark until at most %d %% is free, so at least %d %% is occupied; "
                        + "a marking threshold at or below that would start the next cycle at once", maxHeapFree, 100 - maxHeapFree)
                .isGreaterThan(100 - maxHeapFree)
                .as("room left for the cycle to finish before the heap fills")
                .isLessThanOrEqualTo(85);
    }

    @Test
    void theCollectorTheFlagsTuneIsTheOneThatRunsWhateverTheMemoryLimitAndJavaOptsMayNameAnother() {
        String entrypoint = entrypointText();
        assertThat(entrypoint).containsPattern("-XX:G1[A-Za-z]+");
        assertThat(entrypoint)
                .as("G1 chosen by the JVM as for a server: under 1792 MB (the chart's default limit is 1 GiB) or two "
                        + "CPUs it would pick the serial collector, which ignores the G1 flags")
                .contains("-XX:+AlwaysActAsServerClassMachine")
                .as("no collector named: one named in JAVA_OPTS as well would stop the JVM from starting "
                        + "(\"Multiple garbage collectors selected\")")
                .doesNotContainPattern("-XX:\\+Use[A-Za-z0-9]*GC\\b");
    }

    /** The runtime stage's ENTRYPOINT as written (its JVM flags are plain text in it, whatever its form). */
    private static String entrypointText() {
        return runtime.all("ENTRYPOINT").get(0).arguments();
    }

    private static int jvmFlag(String command, String name) {
        Matcher flag = Pattern.compile("-XX:" + name + "=(\\d+)").matcher(command);
        assertThat(flag.find()).as("-XX:%s= in the ENTRYPOINT", name).isTrue();
        return Integer.parseInt(flag.group(1));
    }

    @Test
    void dockerignoreKeepsBuildOutputGitAndLocalDataOut() throws IOException {
        List<String> patterns = Files.readAllLines(Repository.root().resolve(".dockerignore")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();

        assertThat(patterns).contains("target/", "**/target/", ".git", "data/");
        assertThat(patterns).as("the root POM lists helm, so its POM must reach the build").contains("!helm/pom.xml");
        assertThat(patterns).as("nothing the build copies is ignored")
                .doesNotContain("mvnw", ".mvn", ".mvn/", "pom.xml", "**/pom.xml", "**/src", "src/");
    }

    @Test
    void baseImagesAreNamedByTagNeverLatest() {
        for (Stage stage : dockerfile.stages()) {
            assertThat(dockerfile.resolvedBaseImage(stage)).doesNotEndWith(":latest").contains(":");
        }
        assertThat(dockerfile.stages().stream().flatMap(s -> s.all("ADD").stream()).toList())
                .as("no ADD: nothing fetched from URLs at build time").isEmpty();
    }

    /** The source operand(s) of a COPY, without flags or the destination. */
    private static String copySources(Instruction copy) {
        List<String> operands = Arrays.stream(copy.arguments().split("\\s+")).filter(t -> !t.startsWith("--")).toList();
        return String.join(" ", operands.subList(0, operands.size() - 1));
    }

    private static List<String> rootModules() throws IOException {
        String pom = Files.readString(Repository.root().resolve("pom.xml"));
        Matcher module = Pattern.compile("<module>\\s*([^<]+?)\\s*</module>").matcher(pom);
        List<String> modules = new ArrayList<>();
        while (module.find()) {
            modules.add(module.group(1));
        }
        assertThat(modules).as("modules of the root POM").isNotEmpty().contains("app");
        return modules;
    }

    private static String appFinalName() throws IOException {
        String pom = Files.readString(Repository.root().resolve("app/pom.xml"));
        Matcher finalName = Pattern.compile("<finalName>\\s*([^<]+?)\\s*</finalName>").matcher(pom);
        assertThat(finalName.find()).as("app/pom.xml declares a finalName").isTrue();
        return finalName.group(1);
    }

    private static JsonNode chartValues() throws IOException {
        return new YAMLMapper().readTree(Repository.chart().resolve("values.yaml").toFile());
    }
}
