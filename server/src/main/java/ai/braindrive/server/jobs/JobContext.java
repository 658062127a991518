package ai.braindrive.server.jobs;

import java.io.Closeable;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/** What a running {@link JobHandler} sees of its job: its input, and the ways to report and to stop. */
public interface JobContext {
    String jobId();

    String userId();

    JsonNode payload();

    /** This run's number, from 1. */
    int attempt();

    /** Records progress (0-100, clamped), the current stage and a human-readable message, as one event. */
    void progress(int percent, String stage, String message);

    /** Appends a line to the job's log (level {@code info}). */
    default void log(String line) {
        log("info", line);
    }

    void log(String level, String line);

    /** True once the job is being cancelled (or the server is stopping). */
    boolean isCancelled();

    /** Throws {@link JobCancelledException} once the job is being cancelled. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new JobCancelledException();
        }
    }

    /** Closed when the job is cancelled (an upstream HTTP call, a process); closed at once if already cancelled. */
    void closeOnCancel(Closeable resource);

    /** Sleeps, waking early (with {@link JobCancelledException}) when the job is cancelled. */
    default void sleep(Duration duration) throws InterruptedException {
        checkCancelled();
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            if (isCancelled()) {
                throw new JobCancelledException();
            }
            throw e;
        }
        checkCancelled();
    }
}
