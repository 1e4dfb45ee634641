package io.tavern.cli.bench;

import io.netty.channel.EventLoopGroup;
import io.tavern.client.ClientEventLoops;
import io.tavern.client.ClientOptions;
import io.tavern.client.ServerErrorException;
import io.tavern.client.TavernClient;
import io.tavern.protocol.v1.CreateRoom;
import io.tavern.protocol.v1.RoomDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One load-generator run: connect the clients at the connect rate and log them in as guests,
 * seat them in rooms of {@code roomSize}, let them chat through the warm-up and the measured
 * period, wait for the deliveries still in flight, and report.
 *
 * <p>All connections share one event loop group of {@code threads} threads; this thread only
 * paces the connects and moves the run from phase to phase. Handshakes in flight are bounded by
 * {@code connectConcurrency} (by default 1 000, so that a burst does not overrun the server's
 * accept backlog; the connect-burst scenario raises it on purpose).
 *
 * <p>In idle mode ({@code --idle}) the clients only connect and log in, then stay connected,
 * answering the server's pings, for the measured period: what an idle session costs the server is
 * read on the server's side meanwhile.
 */
public final class BenchRun {

    private static final Duration SETUP_SLACK = Duration.ofSeconds(30);

    private final BenchConfig config;
    private final Consumer<String> progress;
    private final BenchPhase phase = new BenchPhase();
    private final BenchStats stats = new BenchStats();
    private final String runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final AtomicLong lastLoginNanos = new AtomicLong();
    private volatile long connectStartNanos;

    /** @param progress receives a line at each step, for the operator (standard error) */
    public BenchRun(BenchConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    public BenchReport run() throws InterruptedException {
        EventLoopGroup group = ClientEventLoops.newGroup(config.threads(), "tavern-bench");
        List<BenchClient> connected = List.of();
        try {
            connected = connectAll(group);
            if (config.idle()) {
                return hold(connected);
            }
            List<List<BenchClient>> rooms = seat(connected);
            return measure(connected, rooms);
        } finally {
            phase.enter(BenchPhase.Phase.CLOSING);
            closeAll(connected);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private List<BenchClient> connectAll(EventLoopGroup group) throws InterruptedException {
        progress.accept(String.format(Locale.ROOT, "Connecting %d clients to %s:%d at %d/s...",
                config.clients(), config.host(), config.port(), config.connectRate()));
        ClientOptions base = ClientOptions.builder()
                .host(config.host())
                .port(config.port())
                .eventLoopGroup(group)
                .requestTimeout(config.requestTimeout())
                .clientName(ClientOptions.defaultClientName() + " bench")
                .build();
        Semaphore handshakes = new Semaphore(config.connectConcurrency());
        List<BenchClient> clients = new ArrayList<>();
        List<CompletableFuture<Boolean>> logins = new ArrayList<>();
        long start = System.nanoTime();
        connectStartNanos = start;
        for (int i = 0; i < config.clients(); i++) {
            long due = start + (long) (i * 1e9 / config.connectRate());
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            handshakes.acquire();
            BenchClient client = new BenchClient(i, "b" + runId + "-" + i, config, phase, stats);
            clients.add(client);
            long started = System.nanoTime();
            logins.add(TavernClient.connect(base.toBuilder().bindAddress(config.bindAddresses().next()).listener(client).build())
                    .thenCompose(connection -> {
                        client.attach(connection);
                        return connection.loginGuest(client.name());
                    })
                    .handle((ok, failure) -> {
                        handshakes.release();
                        if (failure != null) {
                            stats.connectErrors.increment();
                            stats.error(code(failure));
                            return false;
                        }
                        long done = System.nanoTime();
                        stats.loggedIn(started, done);
                        lastLoginNanos.accumulateAndGet(done, Math::max);
                        return true;
                    }));
        }
        awaitAll(logins, config.requestTimeout().plus(SETUP_SLACK));
        List<BenchClient> loggedIn = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            if (logins.get(i).getNow(false)) {
                loggedIn.add(clients.get(i));
            } else if (clients.get(i).client() != null) {
                clients.get(i).client().closeAsync();
            }
        }
        progress.accept(String.format(Locale.ROOT, "Connected %d, %d failed, in %.3f s.", loggedIn.size(),
                config.clients() - loggedIn.size(), connectSeconds()));
        return loggedIn;
    }

    /** From the first connect to the last successful login. */
    private double connectSeconds() {
        long last = lastLoginNanos.get();
        return last == 0 ? 0 : Math.round((last - connectStartNanos) / 1e6) / 1000.0;
    }

    /** Idle mode: the connections stay open, logged in and silent but for heartbeats. */
    private BenchReport hold(List<BenchClient> connected) throws InterruptedException {
        phase.enter(BenchPhase.Phase.HOLD);
        progress.accept(String.format(Locale.ROOT, "Holding %d idle connections for %s...", connected.size(),
                seconds(config.duration())));
        long holdStart = System.nanoTime();
        Thread.sleep(config.duration().toMillis());
        double heldSeconds = (System.nanoTime() - holdStart) / 1e9;
        long stillOpen = connected.stream().filter(c -> c.client().isOpen()).count();
        progress.accept(String.format(Locale.ROOT, "%d of %d still connected.", stillOpen, connected.size()));
        return report(connected, 0, heldSeconds);
    }

    private BenchReport report(List<BenchClient> connected, int rooms, double measuredSeconds) {
        return new BenchReport(config.clients(), connected.size(), stats.connectErrors.sum(), rooms,
                stats.sent.sum(), stats.rejected.sum(), stats.expected.sum(), stats.delivered.sum(),
                Math.round(measuredSeconds * 1000) / 1000.0, BenchReport.Latency.of(stats.latency()),
                stats.errors(), ClientEventLoops.transportName(), config.threads(), connectSeconds(),
                BenchReport.Latency.of(stats.connectLatency()), config.idle() ? "idle" : "chat");
    }

    /** Seats the clients in rooms: the first of each group creates the room, the others join it. */
    private List<List<BenchClient>> seat(List<BenchClient> clients) throws InterruptedException {
        List<CompletableFuture<List<BenchClient>>> seating = new ArrayList<>();
        for (int first = 0; first < clients.size(); first += config.roomSize()) {
            List<BenchClient> group = clients.subList(first, Math.min(clients.size(), first + config.roomSize()));
            String roomName = "bench-" + runId + "-" + (first / config.roomSize());
            seating.add(seatRoom(roomName, group));
        }
        awaitAll(seating, config.requestTimeout().plus(SETUP_SLACK));
        List<List<BenchClient>> rooms = new ArrayList<>();
        for (CompletableFuture<List<BenchClient>> room : seating) {
            List<BenchClient> members = room.getNow(List.of());
            if (!members.isEmpty()) {
                rooms.add(members);
            }
        }
        progress.accept(String.format(Locale.ROOT, "Seated %d clients in %d rooms.",
                rooms.stream().mapToInt(List::size).sum(), rooms.size()));
        return rooms;
    }

    private CompletableFuture<List<BenchClient>> seatRoom(String roomName, List<BenchClient> group) {
        BenchClient owner = group.get(0);
        CreateRoom create = CreateRoom.newBuilder().setName(roomName).setCapacity(Math.max(2, group.size())).build();
        return owner.client().createRoom(create)
                .thenCompose((RoomDetails details) -> {
                    List<BenchClient> members = new ArrayList<>(List.of(owner));
                    AtomicInteger pending = new AtomicInteger(group.size() - 1);
                    CompletableFuture<List<BenchClient>> all = new CompletableFuture<>();
                    if (pending.get() == 0) {
                        all.complete(members);
                    }
                    for (BenchClient joiner : group.subList(1, group.size())) {
                        joiner.client().joinRoom(details.getRoom().getId(), null).whenComplete((joined, failure) -> {
                            synchronized (members) {
                                if (failure == null) {
                                    members.add(joiner);
                                } else {
                                    stats.error(code(failure));
                                }
                            }
                            if (pending.decrementAndGet() == 0) {
                                all.complete(members);
                            }
                        });
                    }
                    return all;
                })
                .exceptionally(failure -> {
                    stats.error(code(failure));
                    return List.of();
                });
    }

    private BenchReport measure(List<BenchClient> connected, List<List<BenchClient>> rooms) throws InterruptedException {
        phase.enter(BenchPhase.Phase.WARMUP);
        for (List<BenchClient> room : rooms) {
            room.forEach(member -> member.startSending(room.size()));
        }
        if (!config.warmup().isZero()) {
            progress.accept("Warming up for " + seconds(config.warmup()) + "...");
            Thread.sleep(config.warmup().toMillis());
        }
        progress.accept("Measuring for " + seconds(config.duration()) + "...");
        phase.enter(BenchPhase.Phase.MEASURE);
        long measureStart = System.nanoTime();
        Thread.sleep(config.duration().toMillis());
        phase.enter(BenchPhase.Phase.DRAIN);
        double measuredSeconds = (System.nanoTime() - measureStart) / 1e9;

        progress.accept("Waiting up to " + seconds(config.drain()) + " for deliveries in flight...");
        long drainEnd = System.nanoTime() + config.drain().toNanos();
        while (stats.delivered.sum() < stats.expected.sum() && System.nanoTime() < drainEnd) {
            Thread.sleep(20);
        }
        return report(connected, rooms.size(), measuredSeconds);
    }

    private void closeAll(List<BenchClient> clients) throws InterruptedException {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (BenchClient client : clients) {
            closes.add(client.client().closeAsync());
        }
        awaitAll(closes, Duration.ofSeconds(10));
    }

    private static void awaitAll(List<? extends CompletableFuture<?>> futures, Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException | TimeoutException e) {
            // Each future's own outcome is looked at (or counted) by the caller.
        }
    }

    private static String code(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof ServerErrorException error ? error.code().name() : cause.getClass().getSimpleName();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
