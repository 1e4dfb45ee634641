package io.tavern.server.node;

import io.tavern.db.node.NodeLease;
import io.tavern.db.node.NodeLeaseLostException;
import io.tavern.db.node.NodeLeases;
import io.tavern.server.chat.MessageIds;
import io.tavern.server.persistence.DbFailures;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's node id, leased for as long as the server runs and handed to {@link MessageIds}.
 *
 * <p>Lifecycle: {@link #start()} acquires a lease (the server does not start without one); a renewal runs
 * every {@code renewInterval}, and a failed one is retried every {@code retryInterval}; {@link #close()}
 * stops minting, then releases the lease with the time of the last id minted, so that the next holder of
 * the node id starts right above it.
 *
 * <p>Through a database outage chat goes on until the lease's time-to-live has passed since the last
 * renewal began; then {@link MessageIds} refuses (chat is answered SERVER_BUSY) until a renewal succeeds.
 * If the lease was taken over meanwhile (the outage outlasted it and another node took the id), a new
 * node id is acquired. Each of those turns is logged once.
 *
 * <p>Threads: the lease's state is touched only on its own scheduler thread ({@code tavern-node-lease}),
 * except by {@link #start()} and {@link #close()}, which run before renewals begin and after they end. The
 * database work itself runs on the DB executor.
 */
public final class NodeIdLease implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeIdLease.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_RELEASE_TIMEOUT = Duration.ofSeconds(5);

    private final NodeLeases leases;
    private final MessageIds ids;
    private final NodeProperties properties;
    private final Duration releaseTimeout;
    private final String holder;
    private final ScheduledExecutorService scheduler;

    private volatile NodeLease lease;
    private volatile CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
    private volatile boolean closed;
    // scheduler thread only
    private int failuresInARow;
    private boolean refusing;

    public NodeIdLease(NodeLeases leases, MessageIds ids, NodeProperties properties) {
        this(leases, ids, properties, DEFAULT_RELEASE_TIMEOUT);
    }

    /** @param releaseTimeout how long {@link #close()} may take, a renewal still in flight included */
    public NodeIdLease(NodeLeases leases, MessageIds ids, NodeProperties properties, Duration releaseTimeout) {
        this.leases = Objects.requireNonNull(leases, "leases");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.properties = Objects.requireNonNull(properties, "properties");
        this.releaseTimeout = Objects.requireNonNull(releaseTimeout, "releaseTimeout");
        this.holder = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "tavern-node-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Acquires the first lease and starts renewing it.
     *
     * @throws IllegalStateException when no node id can be leased (the database is unreachable, or every id
     *                               is held)
     */
    public void start() {
        long began = System.nanoTime();
        try {
            NodeLease first = leases.acquire(holder, ids.nowMs(), properties.leaseTtl())
                    .get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            adopt(first, began);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while leasing a node id", interrupted);
        } catch (Exception failed) {
            throw new IllegalStateException("cannot lease a node id: " + DbFailures.unwrap(failed), DbFailures.unwrap(failed));
        }
        schedule(properties.leaseRenewInterval());
    }

    /** The node id in force, or -1 while there is none. */
    public int nodeId() {
        return ids.nodeId();
    }

    public String holder() {
        return holder;
    }

    private void adopt(NodeLease acquired, long began) {
        lease = acquired;
        ids.begin(acquired, began + properties.leaseTtl().toNanos());
        log.info("Node id {} leased by {} for {} (message ids from {}), renewed every {}", acquired.nodeId(), holder,
                properties.leaseTtl(), MessageIds.EPOCH.plusMillis(acquired.floorMs()), properties.leaseRenewInterval());
    }

    private void schedule(Duration delay) {
        try {
            scheduler.schedule(this::renew, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // close() has begun: no more renewals
        }
    }

    /** Scheduler thread. */
    private void renew() {
        if (closed) {
            return;
        }
        NodeLease current = lease;
        if (current == null) {
            acquireAgain();
            return;
        }
        long began = System.nanoTime();
        CompletableFuture<NodeLease> renewal = leases.renew(current, ids.issuedUpToMs(), ids.nowMs());
        inFlight = renewal;
        renewal.whenCompleteAsync((renewed, failure) -> {
            if (closed) {
                return;
            }
            if (failure == null) {
                renewed(renewed, began);
            } else if (DbFailures.unwrap(failure) instanceof NodeLeaseLostException lost) {
                log.warn("{}: the lease expired during a database outage and another node took the id; leasing a new "
                        + "node id", lost.getMessage());
                ids.seal();
                lease = null;
                acquireAgain();
            } else {
                failed(DbFailures.unwrap(failure));
            }
        }, scheduler);
    }

    /** Scheduler thread: after the lease was lost. Chat is refused until this succeeds. */
    private void acquireAgain() {
        long began = System.nanoTime();
        CompletableFuture<NodeLease> acquisition = leases.acquire(holder, ids.nowMs(), properties.leaseTtl());
        inFlight = acquisition;
        acquisition.whenCompleteAsync((acquired, failure) -> {
            if (closed) {
                if (failure == null) {
                    leases.release(acquired, acquired.floorMs() - 1);
                }
                return;
            }
            if (failure == null) {
                adopt(acquired, began);
                failuresInARow = 0;
                refusing = false;
                schedule(properties.leaseRenewInterval());
            } else {
                if (failuresInARow++ == 0) {
                    log.error("No node id could be leased: chat is refused (SERVER_BUSY) until one is; retrying every {}: {}",
                            properties.leaseRetryInterval(), DbFailures.unwrap(failure).toString());
                }
                schedule(properties.leaseRetryInterval());
            }
        }, scheduler);
    }

    private void renewed(NodeLease renewed, long began) {
        lease = renewed;
        ids.extend(renewed, began + properties.leaseTtl().toNanos());
        if (failuresInARow > 0) {
            log.info("Node id {} lease renewed again after {} failed attempts{}", renewed.nodeId(), failuresInARow,
                    refusing ? "; chat is accepted again" : "");
        }
        failuresInARow = 0;
        refusing = false;
        schedule(properties.leaseRenewInterval());
    }

    private void failed(Throwable cause) {
        if (failuresInARow++ == 0) {
            log.warn("Node id {} lease renewal failed; retrying every {} (chat goes on until the lease expires): {}",
                    lease.nodeId(), properties.leaseRetryInterval(), cause.toString());
        }
        if (!refusing && !ids.canMint()) {
            refusing = true;
            log.error("Node id {} lease expired: it could not be renewed for {}; chat is refused (SERVER_BUSY) until "
                    + "the database answers again", lease.nodeId(), properties.leaseTtl());
        }
        schedule(properties.leaseRetryInterval());
    }

    /** Stops renewing, stops minting, and releases the node id. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        long issuedUpTo = ids.seal();
        NodeLease held = lease;
        if (held == null) {
            return;
        }
        long deadline = System.nanoTime() + releaseTimeout.toNanos();
        try {
            // A renewal still running could otherwise land after the release and hold the id for a ttl more.
            inFlight.handle((result, failure) -> null).get(releaseTimeout.toNanos(), TimeUnit.NANOSECONDS);
            leases.release(held, issuedUpTo).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            log.info("Node id {} released", held.nodeId());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        } catch (Exception failed) {
            log.warn("Node id {} could not be released ({}); it is free again when its lease expires",
                    held.nodeId(), DbFailures.unwrap(failed).toString());
        }
    }
}
