package ai.braindrive.server.jobs;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** A job's lifecycle: pending -> running -> completed | failed | cancelled (failed and cancelled may be retried). */
public enum JobStatus {
    PENDING, RUNNING, COMPLETED, FAILED, CANCELLED;

    public static final List<String> WIRE_VALUES = Arrays.stream(values()).map(JobStatus::wire).toList();

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean terminal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public boolean retryable() {
        return this == FAILED || this == CANCELLED;
    }

    public static Optional<JobStatus> parse(String wire) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(wire)).findFirst();
    }

    public static JobStatus fromStored(String wire) {
        return parse(wire).orElseThrow(() -> new IllegalStateException("Unknown stored job status " + wire));
    }
}
