package ai.braindrive.server.jobs;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/** One job as stored and as the API returns it. */
public record Job(
        String id,
        String userId,
        String jobType,
        JobStatus status,
        int priority,
        int progressPercent,
        String currentStage,
        String message,
        JsonNode payload,
        JsonNode result,
        String error,
        int attempts,
        int maxAttempts,
        String idempotencyKey,
        Instant scheduledFor,
        Instant createdAt,
        Instant startedAt,
        Instant completedAt,
        Instant updatedAt) {
}
