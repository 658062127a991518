package ai.braindrive.server.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One job type. Handlers are registered with the {@link JobEngine} in code; a job's {@code job_type} names one.
 * <ul>
 *   <li>{@link #validate} checks a payload when the job is created (throw a
 *   {@link ai.braindrive.server.http.ValidationException} for a 422) and returns the payload to store.</li>
 *   <li>{@link #run} does the work on a virtual thread, reporting through the {@link JobContext}; its return value
 *   becomes the job's {@code result}, an exception its {@code error}. It must honour cancellation (check
 *   {@link JobContext#checkCancelled()}, let {@link InterruptedException} propagate, register upstream calls
 *   with {@link JobContext#closeOnCancel}).</li>
 * </ul>
 */
public interface JobHandler {
    String type();

    JsonNode validate(JsonNode payload);

    JsonNode run(JobContext context) throws Exception;

    /** True when a run interrupted half-way may simply be run again (after a crash or shutdown). */
    default boolean safeToRepeat() {
        return false;
    }

    default RetryPolicy retry() {
        return RetryPolicy.none();
    }
}
