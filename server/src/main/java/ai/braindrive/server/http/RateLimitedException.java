package ai.braindrive.server.http;

import io.helidon.http.Status;

/** 429 with the seconds until a retry can succeed ({@code Retry-After}). */
public final class RateLimitedException extends ApiException {
    private final long retryAfterSeconds;

    public RateLimitedException(long retryAfterSeconds) {
        super(Status.TOO_MANY_REQUESTS_429, "Rate limit exceeded");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
