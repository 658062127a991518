package ai.braindrive.server.jobs;

/** Thrown by {@link JobContext#checkCancelled()} to unwind a handler whose job was cancelled or stopped. */
public final class JobCancelledException extends RuntimeException {
    public JobCancelledException() {
        super("Job cancelled", null, false, false);
    }
}
