package dev.apfa.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The token versions a verifier has seen, so that a signed-in request need not ask Redis (the gateway's
 * {@code RevocationCheckingDecoder}, the servlet services' {@code RedisTokenVersionValidator}; one per service, from
 * {@link TokenVersionsAutoConfiguration}). It is only used while {@link TokenVersionSubscription} is subscribed to
 * auth-service's announcements ({@link TokenVersions#CHANNEL}): {@link #open()} starts an empty view once the
 * subscription is confirmed, {@link #close()} drops it the moment the connection is lost, so an announcement
 * missed in between can never leave a revoked token passing. A read of Redis is remembered in the view it was
 * started under ({@link Read}), so an answer that arrives after a reconnect lands in the dropped view, not the new one.
 *
 * <p>Every entry means "at this time the user's version was at least this": versions only grow, so merging keeps
 * the higher version and the later time, and a late, older Redis answer cannot undo an announcement. An entry is
 * trusted for {@code maxAge} only, then read again from Redis: that bounds how long a lost announcement could go
 * unnoticed on a connection that died silently (no reset, so no disconnect event). At most {@code maxEntries} users
 * are kept; when full, the view starts over empty.
 */
public class TokenVersionView {

    private record Entry(long version, long at) {

        Entry merge(Entry other) {
            return new Entry(Math.max(version, other.version), Math.max(at, other.at));
        }
    }

    private final long maxAgeNanos;
    private final int maxEntries;
    private final LongSupplier nanoClock;
    /** Null while not subscribed: then every request asks Redis and nothing is remembered. */
    private final AtomicReference<Map<String, Entry>> live = new AtomicReference<>();
    private final AtomicLong openings = new AtomicLong();

    public TokenVersionView(long maxAgeNanos, int maxEntries, LongSupplier nanoClock) {
        this.maxAgeNanos = maxAgeNanos;
        this.maxEntries = maxEntries;
        this.nanoClock = nanoClock;
    }

    /** A view never opened: every lookup goes to Redis (no subscription, or none wanted). */
    public static TokenVersionView unsubscribed() {
        return new TokenVersionView(0, 0, System::nanoTime);
    }

    /** The subscription is confirmed: from now on every raised version reaches {@link #raised}. */
    public void open() {
        live.set(new ConcurrentHashMap<>());
        openings.incrementAndGet();
    }

    /** How many times a subscription was confirmed: the first one, then one per reconnection. */
    public long openings() {
        return openings.get();
    }

    /** The subscription is gone: nothing seen so far can be trusted any more. */
    public void close() {
        live.set(null);
    }

    public boolean isOpen() {
        return live.get() != null;
    }

    /** An announcement from auth-service. */
    public void raised(String userId, long version) {
        Map<String, Entry> view = live.get();
        if (view != null) {
            remember(view, userId, new Entry(version, nanoClock.getAsLong()));
        }
    }

    /** What the view knows of {@code userId} now; ask Redis when {@link Read#known()} is false. */
    public Read read(String userId) {
        Map<String, Entry> view = live.get();
        long now = nanoClock.getAsLong();
        Entry entry = view == null ? null : view.get(userId);
        boolean fresh = entry != null && now - entry.at() < maxAgeNanos;
        return new Read(view, userId, now, fresh, fresh ? entry.version() : TokenVersions.NONE);
    }

    /**
     * One lookup: the version if {@code known}, else where Redis's answer is to be remembered (the view of the
     * moment the lookup began, as of that moment).
     */
    public final class Read {

        private final Map<String, Entry> view;
        private final String userId;
        private final long at;
        private final boolean known;
        private final long version;

        private Read(Map<String, Entry> view, String userId, long at, boolean known, long version) {
            this.view = view;
            this.userId = userId;
            this.at = at;
            this.known = known;
            this.version = version;
        }

        public boolean known() {
            return known;
        }

        /** The user's version ({@link TokenVersions#NONE}: none stored); meaningful when {@link #known()}. */
        public long version() {
            return version;
        }

        /** Redis answered {@code stored} to a read begun by this lookup. */
        public void remember(long stored) {
            if (view != null) {
                TokenVersionView.this.remember(view, userId, new Entry(stored, at));
            }
        }
    }

    private void remember(Map<String, Entry> view, String userId, Entry entry) {
        if (view.size() >= maxEntries && !view.containsKey(userId)) {
            live.compareAndSet(view, new ConcurrentHashMap<>());
            return;
        }
        view.merge(userId, entry, Entry::merge);
    }
}
