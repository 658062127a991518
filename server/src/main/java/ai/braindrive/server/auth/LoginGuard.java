package ai.braindrive.server.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ai.braindrive.server.http.RateLimitedException;

/**
 * Per-account brute-force guard: after {@code maxFailures} failed logins for one email within the window, further
 * attempts for it are refused (429) until the lock-out ends, whatever IP they come from.
 */
public final class LoginGuard {
    private record State(int failures, Instant windowStart, Instant lockedUntil) {
    }

    private final int maxFailures;
    private final Duration window;
    private final Duration lockout;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public LoginGuard(int maxFailures, Duration window, Duration lockout) {
        this.maxFailures = maxFailures;
        this.window = window;
        this.lockout = lockout;
    }

    public void checkAllowed(String email, Instant now) {
        State state = states.get(email);
        if (state != null && state.lockedUntil() != null && now.isBefore(state.lockedUntil())) {
            throw new RateLimitedException(Duration.between(now, state.lockedUntil()).toSeconds() + 1);
        }
    }

    public void failed(String email, Instant now) {
        states.compute(email, (key, state) -> {
            if (state == null || now.isAfter(state.windowStart().plus(window))
                    || (state.lockedUntil() != null && now.isAfter(state.lockedUntil()))) {
                state = new State(0, now, null);
            }
            int failures = state.failures() + 1;
            return new State(failures, state.windowStart(), failures >= maxFailures ? now.plus(lockout) : null);
        });
        if (states.size() > 100_000) {
            states.values().removeIf(s -> now.isAfter(s.windowStart().plus(window).plus(lockout)));
        }
    }

    public void succeeded(String email) {
        states.remove(email);
    }
}
