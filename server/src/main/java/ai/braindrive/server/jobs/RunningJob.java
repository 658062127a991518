package ai.braindrive.server.jobs;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One job being run by a worker thread: the handler's {@link JobContext}, and the engine's handle to stop it.
 * Stopping is cooperative: a flag the handler polls, an interrupt of its thread (only while the handler runs, so
 * the worker's own bookkeeping afterwards is never interrupted), and closing the resources it registered.
 */
final class RunningJob implements JobContext {
    private static final System.Logger LOG = System.getLogger(RunningJob.class.getName());

    enum StopReason { NONE, CANCEL, SHUTDOWN }

    private final Job job;
    private final JobHandler handler;
    private final JobJournal journal;
    private final List<Closeable> resources = new CopyOnWriteArrayList<>();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile StopReason stopReason = StopReason.NONE;
    private Thread handlerThread;

    RunningJob(Job job, JobHandler handler, JobJournal journal) {
        this.job = job;
        this.handler = handler;
        this.journal = journal;
    }

    Job job() {
        return job;
    }

    JobHandler handler() {
        return handler;
    }

    StopReason stopReason() {
        return stopReason;
    }

    // The handler's view.

    @Override
    public String jobId() {
        return job.id();
    }

    @Override
    public String userId() {
        return job.userId();
    }

    @Override
    public JsonNode payload() {
        return job.payload();
    }

    @Override
    public int attempt() {
        return job.attempts();
    }

    @Override
    public void progress(int percent, String stage, String message) {
        journal.progress(job.id(), Math.max(0, Math.min(100, percent)), stage, message);
    }

    @Override
    public void log(String level, String line) {
        journal.log(job.id(), level == null ? "info" : level, line == null ? "" : line);
    }

    @Override
    public boolean isCancelled() {
        return stopReason != StopReason.NONE;
    }

    @Override
    public void closeOnCancel(Closeable resource) {
        resources.add(resource);
        if (isCancelled()) {
            closeResources();
        }
    }

    // The worker's and the engine's side.

    synchronized void enterHandler() {
        handlerThread = Thread.currentThread();
    }

    /** After this, {@link #stop} no longer interrupts the worker thread; a pending interrupt is cleared. */
    synchronized void leaveHandler() {
        handlerThread = null;
        Thread.interrupted();
    }

    /** Asks the handler to stop; the first reason given wins. */
    void stop(StopReason reason) {
        synchronized (this) {
            if (stopReason == StopReason.NONE) {
                stopReason = reason;
            }
            if (handlerThread != null) {
                handlerThread.interrupt();
            }
        }
        closeResources();
    }

    private void closeResources() {
        for (Closeable resource : resources) {
            resources.remove(resource);
            try {
                resource.close();
            } catch (IOException | RuntimeException e) {
                LOG.log(System.Logger.Level.DEBUG, "Closing a resource of job " + job.id(), e);
            }
        }
    }

    void markDone() {
        done.countDown();
    }

    boolean awaitDone(Duration timeout) {
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isDone() {
        return done.getCount() == 0;
    }
}
