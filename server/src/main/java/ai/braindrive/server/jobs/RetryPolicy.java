package ai.braindrive.server.jobs;

import java.time.Duration;

/**
 * How often the engine runs a failing job on its own: up to {@code maxAttempts} runs, waiting
 * {@code initialBackoff * multiplier^(attempt-1)} (capped at {@code maxBackoff}) before each new one.
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("multiplier must be at least 1");
        }
    }

    /** One run; a failure is final until someone retries the job. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, 1, Duration.ZERO);
    }

    public static RetryPolicy exponential(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        return new RetryPolicy(maxAttempts, initialBackoff, 2, maxBackoff);
    }

    /** The wait before the run that follows failed run number {@code attempt} (1-based). */
    public Duration backoffAfter(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        long capped = (long) Math.min(millis, maxBackoff.toMillis());
        return Duration.ofMillis(Math.max(0, capped));
    }
}
