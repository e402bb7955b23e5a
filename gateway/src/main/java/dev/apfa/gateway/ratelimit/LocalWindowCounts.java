package dev.apfa.gateway.ratelimit;

import dev.apfa.gateway.ratelimit.FixedWindowLimiter.Decision;
import dev.apfa.gateway.ratelimit.FixedWindowLimiter.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The busy budgets (per user, per anonymous IP) without a Redis round trip on every request. The
 * first request of a key in a window on this instance is counted in Redis at once, which also tells
 * what other replicas counted so far; later requests are counted here and added to the same Redis
 * key every {@code syncInterval} (one INCRBY per active key, whatever the traffic), and each answer
 * brings back the total of all replicas.
 *
 * <p>Guarantees: with one instance the count is exact. A refusal is always justified: the local
 * figure is the shared total at the last sync plus this instance's own hits since, never more than
 * the real count. With several replicas a window can admit more than the limit by at most what the
 * other replicas admitted during one sync interval (their hits not yet added to Redis). If Redis
 * cannot be reached the counts continue here (each instance then enforces the limit on its own) and
 * are added to Redis once it answers again, if their window is still current. Hits counted in the
 * last sync interval of a window are not added to Redis (nobody decides on that window any more).
 *
 * <p>Memory: one small entry per key active in the current window, dropped at the end of the window;
 * beyond {@code maxKeys} entries new keys are counted in Redis on each request instead, and so is
 * every request when {@code syncInterval} is 0.
 */
public class LocalWindowCounts implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LocalWindowCounts.class);

    private final FixedWindowLimiter redis;
    private final Duration syncInterval;
    private final int maxKeys;
    private final Map<String, Count> counts = new ConcurrentHashMap<>();
    private volatile Disposable syncing;

    public LocalWindowCounts(FixedWindowLimiter redis, Duration syncInterval, int maxKeys) {
        this.redis = redis;
        this.syncInterval = syncInterval;
        this.maxKeys = maxKeys;
    }

    public Mono<Decision> hit(String bucket, String id, int limit) {
        Window window = redis.window(bucket, id);
        Count count = counts.get(window.key());
        if (count != null) {
            return Mono.just(Decision.of(count.hit(), limit, window.resetSeconds()));
        }
        if (syncInterval.isZero() || counts.size() >= maxKeys) {
            return redis.hit(bucket, id, limit);
        }
        return redis.add(window.key(), 1)
                .map(total -> {
                    counts.computeIfAbsent(window.key(), key -> new Count(window.number())).seen(total);
                    return Decision.of(total, limit, window.resetSeconds());
                })
                .onErrorResume(error -> {
                    log.warn("Rate limit of {} counted on this instance only, Redis unavailable: {}", bucket, error.toString());
                    long local = counts.computeIfAbsent(window.key(), key -> new Count(window.number())).hit();
                    return Mono.just(Decision.of(local, limit, window.resetSeconds()));
                });
    }

    /** Adds the hits counted here since the last sync to Redis and drops the windows that ended. */
    public Mono<Void> sync() {
        long current = redis.currentWindow();
        return Flux.fromIterable(counts.entrySet())
                .flatMap(entry -> push(entry.getKey(), entry.getValue(), current), 64)
                .reduce(0, Integer::sum)
                .doOnNext(failed -> {
                    if (failed > 0) {
                        log.warn("Rate limit counts of {} keys not added to Redis yet (kept for the next sync)", failed);
                    }
                })
                .then();
    }

    /** Sends one key's new hits; 1 when Redis did not take them. An ended window no longer matters: dropped. */
    private Mono<Integer> push(String key, Count count, long currentWindow) {
        if (count.window < currentWindow) {
            counts.remove(key, count);
            return Mono.just(0);
        }
        long hits = count.take();
        if (hits == 0) {
            return Mono.just(0);
        }
        return redis.add(key, hits)
                .map(total -> {
                    count.sent(total);
                    return 0;
                })
                .onErrorResume(error -> {
                    count.failed(hits);
                    return Mono.just(1);
                });
    }

    int trackedKeys() {
        return counts.size();
    }

    @Override
    public void start() {
        if (syncInterval.isZero()) {
            return;
        }
        syncing = Flux.interval(syncInterval, syncInterval)
                .onBackpressureDrop()
                .concatMap(tick -> sync().onErrorResume(error -> Mono.empty()), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = syncing;
        syncing = null;
        if (running != null) {
            running.dispose();
            // The last hits of this instance still count for the replicas that stay.
            sync().onErrorResume(error -> Mono.empty()).block(Duration.ofSeconds(5));
        }
    }

    @Override
    public boolean isRunning() {
        return syncing != null;
    }

    /** After the web server has stopped taking requests, before the Redis connection closes (phase 0). */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 4096;
    }

    /**
     * One key's window on this instance: {@code known} is the total of every replica Redis last
     * reported, {@code pending} the hits counted here since, {@code sending} those on their way to
     * Redis (at most one sync at a time).
     */
    static final class Count {

        final long window;
        private long known;
        private long pending;
        private long sending;

        Count(long window) {
            this.window = window;
        }

        synchronized long hit() {
            pending++;
            return known + pending + sending;
        }

        /** A total from a request counted in Redis directly; ignored while a sync is on its way (it may include it). */
        synchronized void seen(long total) {
            if (sending == 0) {
                known = Math.max(known, total);
            }
        }

        synchronized long take() {
            sending = pending;
            pending = 0;
            return sending;
        }

        synchronized void sent(long total) {
            sending = 0;
            known = Math.max(known, total);
        }

        synchronized void failed(long hits) {
            sending = 0;
            pending += hits;
        }
    }
}
