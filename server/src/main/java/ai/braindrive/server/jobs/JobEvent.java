package ai.braindrive.server.jobs;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One recorded event of a job, numbered by {@code seq} (1, 2, 3... per job, no gaps). Types: {@code status},
 * {@code progress}, {@code log}, {@code result}. {@code data.recorded_at} is the server time it was recorded.
 */
public record JobEvent(String id, String jobId, long seq, String eventType, JsonNode data, Instant createdAt) {
    public static final String STATUS = "status";
    public static final String PROGRESS = "progress";
    public static final String LOG = "log";
    public static final String RESULT = "result";

    /** A status event that leaves the job finished (the last event of its attempt). */
    public boolean isTerminalStatus() {
        return STATUS.equals(eventType) && data.hasNonNull("status")
                && JobStatus.parse(data.get("status").asText()).map(JobStatus::terminal).orElse(false);
    }
}
