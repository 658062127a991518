package ai.braindrive.server.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.helidon.webserver.http.ServerRequest;

/**
 * In-memory token buckets: one family for the API (per user, or per IP when anonymous) and a stricter one for
 * the auth endpoints (per IP). A limit of {@code null} means off.
 */
public final class RateLimiter {
    /** {@code N/minute}, or {@code off}. */
    public record Limit(int perMinute) {
        public static Limit parse(String text) {
            String value = text.strip().toLowerCase(Locale.ROOT);
            if (value.equals("off") || value.equals("0")) {
                return null;
            }
            String number = value.endsWith("/minute") ? value.substring(0, value.length() - "/minute".length())
                    : value.endsWith("/min") ? value.substring(0, value.length() - "/min".length()) : value;
            int perMinute = Integer.parseInt(number.strip());
            if (perMinute <= 0) {
                throw new IllegalArgumentException("A rate limit must be positive: " + text);
            }
            return new Limit(perMinute);
        }
    }

    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Limit api;
    private final Limit auth;
    private final ConcurrentMap<String, Bucket> apiBuckets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Bucket> authBuckets = new ConcurrentHashMap<>();

    public RateLimiter(Limit api, Limit auth) {
        this.api = api;
        this.auth = auth;
    }

    public void checkApi(String key) {
        check(apiBuckets, api, key);
    }

    public void checkAuth(String clientIp) {
        check(authBuckets, auth, clientIp);
    }

    private static void check(ConcurrentMap<String, Bucket> buckets, Limit limit, String key) {
        if (limit == null) {
            return;
        }
        if (buckets.size() > MAX_TRACKED_KEYS) {
            long now = System.nanoTime();
            buckets.values().removeIf(bucket -> bucket.isFull(now));
        }
        long waitNanos = buckets.computeIfAbsent(key, k -> new Bucket(limit.perMinute())).take();
        if (waitNanos > 0) {
            throw new RateLimitedException((waitNanos + 999_999_999L) / 1_000_000_000L);
        }
    }

    public static String clientIp(ServerRequest req) {
        SocketAddress address = req.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }

    /** A bucket of {@code capacity} tokens refilled evenly over a minute. */
    private static final class Bucket {
        private final double capacity;
        private final double tokensPerNano;
        private double tokens;
        private long updatedNanos;

        Bucket(int perMinute) {
            this.capacity = perMinute;
            this.tokensPerNano = perMinute / 60_000_000_000.0;
            this.tokens = perMinute;
            this.updatedNanos = System.nanoTime();
        }

        /** Takes a token; returns 0, or the nanoseconds until one is available. */
        synchronized long take() {
            refill(System.nanoTime());
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / tokensPerNano);
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - updatedNanos) * tokensPerNano);
            updatedNanos = now;
        }
    }
}
