package ai.braindrive.server.jobs;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job to create: its type, input, priority (higher runs first), optional due time and optional idempotency key.
 * The HTTP API and in-process features submit the same request to {@link JobEngine#submit}.
 */
public record JobRequest(String jobType, JsonNode payload, int priority, Instant scheduledFor,
                         String idempotencyKey) {

    public static JobRequest of(String jobType, JsonNode payload) {
        return new JobRequest(jobType, payload, 0, null, null);
    }
}
