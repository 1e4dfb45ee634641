package io.tavern.cli.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.tavern.cli.bench.net.Transport;
import io.tavern.client.ServerErrorException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.HdrHistogram.Recorder;

/**
 * One load-generator run: connect the clients at the connect rate and log them in as guests, seat
 * them in rooms of {@code roomSize}, let them chat through the warm-up and the measured period,
 * wait for the deliveries still in flight, settle the account and report.
 *
 * <p>All connections share one group of {@code threads} event loops (epoll where available); this
 * thread only paces the connects and moves the run from phase to phase. It reads what the
 * connections counted through one task per loop ({@link #perLoop}), never their fields directly.
 * Handshakes in flight are bounded by {@code connectConcurrency} (by default 1 000, so that a burst
 * does not overrun the server's accept backlog; the connect-burst scenario raises it on purpose).
 *
 * <p>The measured period is also the window for CPU time: when it starts and when it ends, the run
 * samples its own CPU time, the server's (with {@code --server-pid}), the machine's, and how many
 * benchmark messages the connections had received, so CPU per delivery covers exactly the
 * deliveries received in between.
 *
 * <p>In idle mode ({@code --idle}) the clients only connect and log in, then stay connected,
 * answering the server's pings, for the measured period.
 */
public final class BenchRun {

    private static final Duration SETUP_SLACK = Duration.ofSeconds(30);
    private static final Duration LOOP_TASK_TIMEOUT = Duration.ofSeconds(30);
    private static final long DRAIN_POLL_MILLIS = 50;
    /** Reads of up to this size: a busy connection's frames arrive in few system calls. */
    private static final int MAX_READ_BYTES = 256 * 1024;

    private final BenchConfig config;
    private final Consumer<String> progress;
    private final BenchPhase phase = new BenchPhase();
    private final String runId = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36), 36);
    private final Map<EventExecutor, LoopStats> statsByLoop = new IdentityHashMap<>();
    private final Map<EventExecutor, List<BenchConnection>> connectionsByLoop = new IdentityHashMap<>();
    // Connect + Hello + login, per client, in microseconds; written by the event loops.
    private final Recorder connectMicros = new Recorder(3);
    private final LongAdder connectErrors = new LongAdder();
    private final Map<String, LongAdder> setupErrors = new ConcurrentHashMap<>();
    private final AtomicLong lastLoginNanos = new AtomicLong();
    private long connectStartNanos;

    /** @param progress receives a line at each step, for the operator (standard error) */
    public BenchRun(BenchConfig config, Consumer<String> progress) {
        this.config = config;
        this.progress = progress;
    }

    public BenchReport run() throws InterruptedException {
        String loadBefore = ProcFs.loadAverage();
        Transport transport = Transport.best();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.threads(),
                new DefaultThreadFactory("tavern-bench", true), transport.ioHandlerFactory());
        for (EventExecutor loop : group) {
            statsByLoop.put(loop, new LoopStats());
            connectionsByLoop.put(loop, new ArrayList<>());
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(512, 16 * 1024, MAX_READ_BYTES))
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, config.requestTimeout().toMillis()));
        List<BenchConnection> connected = List.of();
        try {
            connected = connectAll(bootstrap);
            BenchReport.Builder report = new BenchReport.Builder(config, transport.name(), loadBefore)
                    .connected(connected.size(), connectErrors.sum(), connectSeconds(), connectMicros.getIntervalHistogram());
            if (config.idle()) {
                return hold(report, connected);
            }
            List<List<BenchConnection>> rooms = seat(connected);
            return measure(report, rooms);
        } finally {
            phase.enter(BenchPhase.Phase.CLOSING);
            closeAll(connected);
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).await(10, TimeUnit.SECONDS);
        }
    }

    private List<BenchConnection> connectAll(Bootstrap bootstrap) throws InterruptedException {
        progress.accept(String.format(Locale.ROOT, "Connecting %d clients to %s:%d at %d/s...",
                config.clients(), config.host(), config.port(), config.connectRate()));
        InetSocketAddress server = new InetSocketAddress(config.host(), config.port());
        Semaphore handshakes = new Semaphore(config.connectConcurrency());
        List<BenchConnection> clients = new ArrayList<>();
        List<CompletableFuture<Boolean>> logins = new ArrayList<>();
        long start = System.nanoTime();
        connectStartNanos = start;
        for (int i = 0; i < config.clients(); i++) {
            long due = start + (long) (i * 1e9 / config.connectRate());
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            handshakes.acquire();
            BenchConnection client = new BenchConnection("b" + runId + "-" + i, config, phase, this::statsOf);
            clients.add(client);
            long started = System.nanoTime();
            logins.add(client.connect(bootstrap, server, config.bindAddresses().next()).handle((ok, failure) -> {
                handshakes.release();
                if (failure != null) {
                    connectErrors.increment();
                    setupError(failure);
                    return false;
                }
                long done = System.nanoTime();
                connectMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(done - started)));
                lastLoginNanos.accumulateAndGet(done, Math::max);
                return true;
            }));
        }
        awaitAll(logins, config.requestTimeout().plus(SETUP_SLACK));
        List<BenchConnection> loggedIn = new ArrayList<>();
        for (int i = 0; i < clients.size(); i++) {
            BenchConnection client = clients.get(i);
            if (logins.get(i).getNow(false)) {
                loggedIn.add(client);
                connectionsByLoop.get(client.channel().eventLoop()).add(client);
            } else if (client.channel() != null) {
                client.close();
            }
        }
        progress.accept(String.format(Locale.ROOT, "Connected %d, %d failed, in %.3f s.", loggedIn.size(),
                config.clients() - loggedIn.size(), connectSeconds()));
        return loggedIn;
    }

    private LoopStats statsOf(Channel channel) {
        return statsByLoop.get(channel.eventLoop());
    }

    /** From the first connect to the last successful login. */
    private double connectSeconds() {
        long last = lastLoginNanos.get();
        return last == 0 ? 0 : Math.round((last - connectStartNanos) / 1e6) / 1000.0;
    }

    /** Idle mode: the connections stay open, logged in and silent but for heartbeats. */
    private BenchReport hold(BenchReport.Builder report, List<BenchConnection> connected) throws InterruptedException {
        phase.enter(BenchPhase.Phase.HOLD);
        progress.accept(String.format(Locale.ROOT, "Holding %d idle connections for %s...", connected.size(),
                seconds(config.duration())));
        Window window = openWindow();
        Thread.sleep(config.duration().toMillis());
        ProcFs.Sample end = ProcFs.Sample.now(config.serverPid());
        Tally tally = tally();
        progress.accept(String.format(Locale.ROOT, "%d of %d still connected.", tally.open(), connected.size()));
        return report.measured(window.start(), end, tally.received() - window.received())
                .finish(0, DeliveryLedger.NONE, tally.loops(), tally.open(), setupErrors(), ProcFs.loadAverage());
    }

    /** Seats the clients in rooms: the first of each group creates the room, the others join it. */
    private List<List<BenchConnection>> seat(List<BenchConnection> clients) throws InterruptedException {
        List<CompletableFuture<List<BenchConnection>>> seating = new ArrayList<>();
        for (int first = 0; first < clients.size(); first += config.roomSize()) {
            List<BenchConnection> group = clients.subList(first, Math.min(clients.size(), first + config.roomSize()));
            seating.add(seatRoom("bench-" + runId + "-" + (first / config.roomSize()), group));
        }
        awaitAll(seating, config.requestTimeout().plus(SETUP_SLACK));
        List<List<BenchConnection>> rooms = new ArrayList<>();
        for (CompletableFuture<List<BenchConnection>> room : seating) {
            List<BenchConnection> members = room.getNow(List.of());
            if (!members.isEmpty()) {
                rooms.add(members);
            }
        }
        // Every member knows its room before anyone sends, so that no measured message finds a receiver unready.
        List<CompletableFuture<Void>> joined = new ArrayList<>();
        for (int room = 0; room < rooms.size(); room++) {
            List<BenchConnection> members = rooms.get(room);
            for (int slot = 0; slot < members.size(); slot++) {
                joined.add(members.get(slot).join(room, slot, members.size()));
            }
        }
        awaitAll(joined, LOOP_TASK_TIMEOUT);
        progress.accept(String.format(Locale.ROOT, "Seated %d clients in %d rooms.",
                rooms.stream().mapToInt(List::size).sum(), rooms.size()));
        return rooms;
    }

    /** Completes with the members that got in, the owner first, the others in the group's order. */
    private CompletableFuture<List<BenchConnection>> seatRoom(String roomName, List<BenchConnection> group) {
        BenchConnection owner = group.get(0);
        return owner.createRoom(roomName, Math.max(2, group.size()))
                .thenCompose(roomId -> {
                    List<BenchConnection> joiners = group.subList(1, group.size());
                    List<CompletableFuture<Boolean>> joins = new ArrayList<>();
                    for (BenchConnection joiner : joiners) {
                        joins.add(joiner.joinRoom(roomId).handle((ok, failure) -> {
                            if (failure != null) {
                                setupError(failure);
                            }
                            return failure == null;
                        }));
                    }
                    return CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).thenApply(all -> {
                        List<BenchConnection> members = new ArrayList<>(List.of(owner));
                        for (int i = 0; i < joiners.size(); i++) {
                            if (joins.get(i).join()) {
                                members.add(joiners.get(i));
                            }
                        }
                        return members;
                    });
                })
                .exceptionally(failure -> {
                    setupError(failure);
                    return List.of();
                });
    }

    private BenchReport measure(BenchReport.Builder report, List<List<BenchConnection>> rooms) throws InterruptedException {
        phase.enter(BenchPhase.Phase.WARMUP);
        for (List<BenchConnection> room : rooms) {
            room.forEach(BenchConnection::startSending);
        }
        report.warmedUp(warmUp());
        progress.accept("Measuring for " + seconds(config.duration()) + "...");
        phase.enter(BenchPhase.Phase.MEASURE);
        Window window = openWindow();
        Thread.sleep(config.duration().toMillis());
        phase.enter(BenchPhase.Phase.DRAIN);
        ProcFs.Sample end = ProcFs.Sample.now(config.serverPid());
        long receivedInWindow = tally().received() - window.received();

        progress.accept("Waiting up to " + seconds(config.drain()) + " for deliveries in flight...");
        long drainEnd = System.nanoTime() + config.drain().toNanos();
        Tally tally = tally();
        while (!tally.ledger().settled() && System.nanoTime() < drainEnd) {
            Thread.sleep(DRAIN_POLL_MILLIS);
            tally = tally();
        }
        return report.measured(window.start(), end, receivedInWindow)
                .finish(rooms.size(), tally.ledger(), tally.loops(), tally.open(), setupErrors(), ProcFs.loadAverage());
    }

    /**
     * The warm-up: {@code warmup}, then, when the run may warm up on ({@link BenchConfig#warmsUntilJitSettles}),
     * steps of {@link JitSettling#STEP} until the server's JIT has settled or {@code warmupMax} is reached.
     */
    private BenchReport.WarmUp warmUp() throws InterruptedException {
        if (!config.warmup().isZero()) {
            progress.accept("Warming up for " + seconds(config.warmup()) + "...");
            Thread.sleep(config.warmup().toMillis());
        }
        ProcFs.Sample start = ProcFs.Sample.now(config.serverPid());
        if (!config.warmsUntilJitSettles() || !JitSettling.measurable(start)) {
            return BenchReport.WarmUp.fixed(config.warmup());
        }
        JitSettling jit = new JitSettling(config.jitSettledPercent() / 100, start);
        Duration warmed = config.warmup();
        while (warmed.plus(JitSettling.STEP).compareTo(config.warmupMax()) <= 0) {
            Thread.sleep(JitSettling.STEP.toMillis());
            warmed = warmed.plus(JitSettling.STEP);
            boolean settled = jit.settledAfter(ProcFs.Sample.now(config.serverPid()));
            progress.accept(String.format(Locale.ROOT, "The server's JIT compilers took %.1f %% of its CPU in the last %s%s",
                    jit.lastShare() * 100, seconds(JitSettling.STEP), settled
                            ? ": settled after " + seconds(warmed) + "."
                            : "; warming up on (" + seconds(warmed) + " of at most " + seconds(config.warmupMax()) + ")..."));
            if (settled) {
                return new BenchReport.WarmUp(warmed, BenchReport.WarmUp.Jit.SETTLED);
            }
        }
        progress.accept("The server's JIT had not settled after " + seconds(warmed) + ": measuring anyway.");
        return new BenchReport.WarmUp(warmed, BenchReport.WarmUp.Jit.NOT_SETTLED);
    }

    /** Starts the measured window: the time, the CPU used so far, and the messages received so far. */
    private Window openWindow() throws InterruptedException {
        return new Window(ProcFs.Sample.now(config.serverPid()), tally().received());
    }

    /** The measured window, opened at {@code start} when the connections had received {@code received}. */
    private record Window(ProcFs.Sample start, long received) {
    }

    /** Everything the connections and their loops counted, at one moment (each loop's part taken on the loop). */
    record Tally(List<BenchConnection.Snapshot> connections, LoopStats.Copy loops) {

        long received() {
            return connections.stream().mapToLong(BenchConnection.Snapshot::received).sum();
        }

        long open() {
            return connections.stream().filter(BenchConnection.Snapshot::open).count();
        }

        /** The seated connections' account, room by room. */
        DeliveryLedger ledger() {
            Map<Integer, List<BenchConnection.Snapshot>> rooms = new TreeMap<>();
            for (BenchConnection.Snapshot connection : connections) {
                if (connection.room() >= 0) {
                    rooms.computeIfAbsent(connection.room(), r -> new ArrayList<>()).add(connection);
                }
            }
            List<List<BenchConnection.Snapshot>> bySlot = new ArrayList<>();
            for (List<BenchConnection.Snapshot> members : rooms.values()) {
                members.sort((a, b) -> Integer.compare(a.slot(), b.slot()));
                bySlot.add(members);
            }
            return DeliveryLedger.settle(bySlot);
        }
    }

    private Tally tally() throws InterruptedException {
        List<Tally> parts = perLoop((stats, connections) -> new Tally(
                connections.stream().map(BenchConnection::snapshot).toList(), stats.copy()));
        List<BenchConnection.Snapshot> connections = new ArrayList<>();
        LoopStats.Copy loops = LoopStats.Copy.empty();
        for (Tally part : parts) {
            connections.addAll(part.connections());
            loops = loops.plus(part.loops());
        }
        return new Tally(connections, loops);
    }

    /** Runs {@code task} on every event loop with that loop's statistics and connections; waits for all. */
    private <T> List<T> perLoop(BiFunction<LoopStats, List<BenchConnection>, T> task) throws InterruptedException {
        List<Future<T>> parts = new ArrayList<>();
        for (Map.Entry<EventExecutor, List<BenchConnection>> loop : connectionsByLoop.entrySet()) {
            LoopStats stats = statsByLoop.get(loop.getKey());
            List<BenchConnection> connections = loop.getValue();
            parts.add(loop.getKey().submit(() -> task.apply(stats, connections)));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> part : parts) {
            try {
                results.add(part.get(LOOP_TASK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("an event loop did not answer", e);
            }
        }
        return results;
    }

    private void closeAll(List<BenchConnection> clients) throws InterruptedException {
        List<CompletableFuture<Void>> closes = new ArrayList<>();
        for (BenchConnection client : clients) {
            closes.add(client.close());
        }
        awaitAll(closes, Duration.ofSeconds(10));
    }

    private void setupError(Throwable failure) {
        setupErrors.computeIfAbsent(code(failure), c -> new LongAdder()).increment();
    }

    private Map<String, Long> setupErrors() {
        Map<String, Long> copy = new TreeMap<>();
        setupErrors.forEach((code, count) -> copy.put(code, count.sum()));
        return copy;
    }

    private static void awaitAll(List<? extends CompletableFuture<?>> futures, Duration timeout) throws InterruptedException {
        try {
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Each future's own outcome is looked at (or counted) by the caller.
        }
    }

    private static String code(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ServerErrorException error) {
            return error.code().name();
        }
        if (cause instanceof TimeoutException) {
            return "TIMEOUT";
        }
        if (cause instanceof ClosedChannelException) {
            return "CONNECTION_CLOSED";
        }
        return cause instanceof ConnectException ? "CONNECT_REFUSED" : cause.getClass().getSimpleName();
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
