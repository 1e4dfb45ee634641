# Tavern server image.
#
#   docker build -t tavern-server .
#   docker run --read-only --tmpfs /tmp:rw,exec,size=256m -v tavern-data:/app/data \
#     -p 7777:7777 -p 8080:8080 tavern-server
#
# Stage "build" compiles the server with the Maven wrapper; stage "runtime" holds only a JRE and the
# server's Spring Boot layers, dependencies first, so that a code change re-pushes only the small
# application layer. helm/src/test/java/io/tavern/deploy/DockerfileTest.java checks these properties.

ARG JAVA_VERSION=17

FROM eclipse-temurin:${JAVA_VERSION}-jdk-noble AS build
WORKDIR /workspace

# Dependency layer: only the Maven wrapper and the POMs, so it is rebuilt only when they change.
# Every module's POM is needed because the root POM lists them all.
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
COPY protocol/pom.xml protocol/
COPY db/pom.xml db/
COPY client-cli/pom.xml client-cli/
COPY app/pom.xml app/
COPY helm/pom.xml helm/
RUN ./mvnw -B -q -pl app -am dependency:go-offline -DexcludeReactor=true

# Sources, then the build, offline as far as the dependency layer reaches (a plugin may still fetch
# what it only resolves when it runs).
COPY protocol/src/ protocol/src/
COPY db/src/ db/src/
COPY client-cli/src/ client-cli/src/
COPY app/src/ app/src/
RUN ./mvnw -B -pl app -am package -DskipTests

# Spring Boot's layered jar, extracted into one directory per layer plus the launcher.
RUN java -Djarmode=tools -jar app/target/tavern-server.jar extract --layers --launcher \
    --destination /workspace/extracted


FROM eclipse-temurin:${JAVA_VERSION}-jre-noble AS runtime

LABEL org.opencontainers.image.title="tavern-server" \
      org.opencontainers.image.description="Tavern multiplayer chat and lobby server"

# A fixed, numeric, unprivileged identity (Kubernetes' runAsNonRoot can only verify a numeric USER).
# The application files stay owned by root and read-only to the server; the only directory it may
# write is the embedded database's. /tmp is expected to be a writable volume when the root file
# system is read-only.
RUN groupadd --system --gid 10001 tavern \
    && useradd --system --uid 10001 --gid tavern --home-dir /app --no-create-home \
       --shell /usr/sbin/nologin tavern \
    && mkdir -p /app/data \
    && chown 10001:10001 /app/data \
    && chmod 0750 /app/data

WORKDIR /app

# Least often changed first: each layer is pushed and pulled only when it changes.
COPY --from=build /workspace/extracted/dependencies/ ./
COPY --from=build /workspace/extracted/spring-boot-loader/ ./
COPY --from=build /workspace/extracted/snapshot-dependencies/ ./
COPY --from=build /workspace/extracted/application/ ./

# The embedded database (used only when no PostgreSQL is configured) lives in /app/data.
ENV TAVERN_DB_EMBEDDED_DIR=/app/data \
    JAVA_OPTS=""

# 7777: game TCP port (tavern.net.port). 8080: HTTP admin API, Actuator health and Prometheus metrics.
EXPOSE 7777/tcp 8080/tcp

USER 10001:10001

STOPSIGNAL SIGTERM

# Exec form with a shell only to expand JAVA_OPTS: "exec" replaces the shell, so the JVM is PID 1 and
# receives SIGTERM itself (graceful shutdown). Container-aware heap sizing comes first so that
# JAVA_OPTS (the Helm chart sets it) can override it; arguments to `docker run` reach the server.
#
# Memory at rest (docs/performance.md, "Idle memory"): the heap starts small (-Xms32m; the default is 1/64 of
# the host's memory, 384 MB on a 24 GB host, all of it touched by Spring's start-up) and gives back what it
# does not use after a collection (Min/MaxHeapFreeRatio 10/30: G1 grows it again under load by its pause-time
# goal, not by these ratios); the C library's heap is trimmed every 10 s (what the JIT compilers freed after
# start-up stays in the process otherwise: about 40 MB here). G1's regions are 2 MB whatever the heap's ceiling:
# it commits and gives back memory a region at a time, and on a large host it would pick 16 MB regions, so a
# server with 40 MB in use kept 96 MB of heap (with 1 000 idle sessions: RSS 235 MB instead of 272-286).
# Invariant: the old generation's share of the heap that starts a marking cycle (InitiatingHeapOccupancyPercent,
# fixed at 75) is above the share a shrink leaves occupied (100 - MaxHeapFreeRatio = 70). G1 shrinks the heap by
# these ratios at each cycle's remark too; with its adaptive threshold (45 % at first) the shrunken heap was over
# it at once, so under load each cycle started the next (docs/performance.md, "The image's heap under load").
# An idle server allocates too little to collect, so the heap a burst of load grew would stay committed for good:
# G1 looks once a minute, and when a minute has passed without a collection it runs a marking cycle of its own,
# whose remark gives that memory back.
# The JVM is told to count the container as a server (-XX:+AlwaysActAsServerClassMachine): given less than 1792 MB
# or fewer than two CPUs (the Helm chart's default limit is 1 GiB) it would otherwise pick the serial collector,
# which ignores every G1 flag here and stops the server for each collection of the whole heap (scenario 8 as the
# chart runs it: 35 full collections, 9 s of pauses, the longest 234 ms, and 90-102 sessions closed for the outbound
# budget; with G1 none; docs/performance.md, "The collector the image chooses"). A flag for the choice, not
# -XX:+UseG1GC: JAVA_OPTS may still name another collector (two named ones stop the JVM from starting).
ENTRYPOINT ["/bin/sh", "-c", "exec java -XX:+AlwaysActAsServerClassMachine -XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Xms32m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -XX:-G1UseAdaptiveIHOP -XX:InitiatingHeapOccupancyPercent=75 -XX:G1PeriodicGCInterval=60000 -XX:G1HeapRegionSize=2m -XX:TrimNativeHeapInterval=10000 -Djava.io.tmpdir=/tmp $JAVA_OPTS org.springframework.boot.loader.launch.JarLauncher \"$@\"", "tavern-server"]
