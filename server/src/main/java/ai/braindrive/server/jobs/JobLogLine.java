package ai.braindrive.server.jobs;

import java.time.Instant;

/** One line of a job's log; {@code seq} is the sequence number of the matching {@code log} event. */
public record JobLogLine(long seq, String level, String message, Instant createdAt) {
}
