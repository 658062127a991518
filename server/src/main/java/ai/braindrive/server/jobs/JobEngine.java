package ai.braindrive.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.ValidationException;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The durable job engine. Jobs live in the database; one dispatcher thread claims due pending jobs (by priority,
 * due time, then age; at most {@link JobsConfig#concurrency} running per type) and runs each on its own virtual
 * thread. Every state change goes through the {@link JobJournal} (state and numbered event in one transaction,
 * then pushed to live listeners). At start, jobs a killed process left running are failed (or re-queued when their handler is safe to
 * repeat) and old finished jobs are pruned; {@link #close} stops claiming, lets running jobs finish for a grace
 * period, then interrupts them.
 */
public final class JobEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobEngine.class.getName());

    private final JobRepository repository;
    private final Database db;
    private final JobsConfig config;
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runningPerType = new ConcurrentHashMap<>();
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final JobJournal journal;
    /** Serialises claiming with cancelling, so a job is never claimed by a worker the canceller cannot see. */
    private final ReentrantLock claimLock = new ReentrantLock();
    /** Serialises idempotent creates (look-up then insert). */
    private final ReentrantLock idempotencyLock = new ReentrantLock();
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wakeSignal = wakeLock.newCondition();
    private boolean wakeRequested;
    private volatile boolean accepting;
    private volatile boolean closed;
    private Thread dispatcher;
    private ScheduledExecutorService scheduler;

    public JobEngine(JobRepository repository, JobsConfig config) {
        this.repository = repository;
        this.db = repository.database();
        this.config = config;
        this.journal = new JobJournal(repository);
    }

    /** Registers a job type; a later registration of the same type replaces the earlier one. */
    public JobEngine register(JobHandler handler) {
        handlers.put(handler.type(), handler);
        wake();
        return this;
    }

    public JobsConfig config() {
        return config;
    }

    // Lifecycle.

    /** Recovers jobs a killed process left running, prunes old jobs, then starts claiming. */
    public synchronized void start() {
        if (accepting || closed) {
            return;
        }
        recoverInterrupted();
        accepting = true;
        dispatcher = Thread.ofVirtual().name("jobs-dispatcher").start(this::dispatchLoop);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("jobs-scheduler").factory());
        long every = Math.max(1, config.pruneInterval().toMillis());
        // The first prune runs right away, beside start-up rather than in front of it.
        scheduler.scheduleAtFixedRate(this::prune, 0, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        accepting = false;
        wake();
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (dispatcher != null) {
            try {
                dispatcher.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        awaitRunning(config.shutdownGrace());
        List<RunningJob> stragglers = List.copyOf(running.values());
        if (!stragglers.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "Interrupting " + stragglers.size() + " running job(s) at shutdown");
            stragglers.forEach(job -> job.stop(RunningJob.StopReason.SHUTDOWN));
            awaitRunning(Duration.ofSeconds(5));
        }
        for (RunningJob job : running.values()) {
            // The handler ignored the interrupt: record the outcome anyway, the database is about to close.
            LOG.log(System.Logger.Level.WARNING, "Job " + job.jobId() + " did not stop; marking it interrupted");
            recordQuietly(() -> journal.interrupted(job.job(), job.handler()));
        }
    }

    private void awaitRunning(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (RunningJob job : List.copyOf(running.values())) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !job.awaitDone(Duration.ofNanos(left))) {
                return;
            }
        }
    }

    /** Jobs left {@code running} by a process that did not stop cleanly. */
    private void recoverInterrupted() {
        for (Job job : repository.listByStatus(JobStatus.RUNNING)) {
            LOG.log(System.Logger.Level.INFO, "Recovering job " + job.id() + " (" + job.jobType()
                    + ") left running by a previous process");
            recordQuietly(() -> journal.interrupted(job, handlers.get(job.jobType())));
        }
    }

    /** Deletes finished jobs older than the retention period (at start, then every prune interval). */
    void prune() {
        try {
            long deleted = repository.pruneFinishedBefore(Ids.now().minus(config.retention()));
            if (deleted > 0) {
                LOG.log(System.Logger.Level.INFO, "Pruned " + deleted + " finished job(s)");
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Pruning old jobs failed", e);
        }
    }

    // Creating, cancelling, retrying.

    /** A created job, or the existing one an idempotency key pointed to ({@code created} false). */
    public record Submission(Job job, boolean created) {
    }

    /** Validates and stores a job for {@code userId}; 422 for an unknown type or a bad payload. */
    public Submission submit(String userId, JobRequest request) {
        JobHandler handler = handlers.get(request.jobType());
        if (handler == null) {
            throw ValidationException.of(FieldError.body("job_type", "Unknown job type: " + request.jobType()
                    + " (known: " + String.join(", ", handlers.keySet().stream().sorted().toList()) + ")",
                    "value_error"));
        }
        JsonNode payload = handler.validate(request.payload() == null ? Json.MAPPER.createObjectNode()
                : request.payload());
        Instant now = Ids.now();
        Instant due = request.scheduledFor() == null ? now : request.scheduledFor();
        Job job = new Job(Ids.newId(), userId, handler.type(), JobStatus.PENDING, request.priority(), 0, null, null,
                payload, null, null, 0, handler.retry().maxAttempts(), request.idempotencyKey(), due, now, null,
                null, now);
        Submission submission;
        if (request.idempotencyKey() == null) {
            journal.created(job);
            submission = new Submission(job, true);
        } else {
            idempotencyLock.lock();
            try {
                Optional<Job> existing = repository.findLiveByIdempotencyKey(db, userId,
                        handler.type(), request.idempotencyKey());
                if (existing.isPresent()) {
                    submission = new Submission(existing.get(), false);
                } else {
                    journal.created(job);
                    submission = new Submission(job, true);
                }
            } finally {
                idempotencyLock.unlock();
            }
        }
        if (submission.created()) {
            wake();
        }
        return submission;
    }

    /**
     * Cancels a job of {@code userId}: a pending one at once, a running one by stopping its handler (waiting a
     * little for it to end). 404 when it is not theirs, 409 when it has already finished.
     */
    public Job cancel(String userId, String id) {
        owned(userId, id);
        RunningJob runningJob;
        claimLock.lock();
        try {
            if (journal.cancelled(id, JobStatus.PENDING)) {
                return owned(userId, id);
            }
            runningJob = running.get(id);
        } finally {
            claimLock.unlock();
        }
        if (runningJob != null) {
            runningJob.stop(RunningJob.StopReason.CANCEL);
            runningJob.awaitDone(config.cancelWait());
            return owned(userId, id);
        }
        // Running in the database but not here means nothing executes it: it can be ended directly.
        if (journal.cancelled(id, JobStatus.RUNNING)) {
            return owned(userId, id);
        }
        throw ApiException.conflict("Job is already " + owned(userId, id).status().wire()
                + " and cannot be cancelled");
    }

    /** Puts a failed or cancelled job back in the queue with a fresh set of attempts; 409 otherwise. */
    public Job retry(String userId, String id) {
        Job job = owned(userId, id);
        if (!job.status().retryable()) {
            throw ApiException.conflict("Only failed or cancelled jobs can be retried (job is "
                    + job.status().wire() + ")");
        }
        JobHandler handler = handlers.get(job.jobType());
        if (handler == null) {
            throw ApiException.conflict("No handler is registered for job type " + job.jobType());
        }
        if (!journal.requeuedForRetry(id, job.attempts() + handler.retry().maxAttempts())) {
            throw ApiException.conflict("Job changed state; only failed or cancelled jobs can be retried");
        }
        wake();
        return owned(userId, id);
    }

    /** Deletes a finished job of {@code userId} with its events and logs; 409 while it is pending or running. */
    public void delete(String userId, String id) {
        Job job = owned(userId, id);
        if (!job.status().terminal() || !repository.delete(userId, id)) {
            throw ApiException.conflict("Only completed, failed or cancelled jobs can be deleted (job is "
                    + owned(userId, id).status().wire() + ")");
        }
    }

    private Job owned(String userId, String id) {
        return repository.findOwned(userId, id).orElseThrow(() -> ApiException.notFound("Job not found"));
    }

    /** Live events of one job, delivered after they are committed, until the subscription is closed. */
    JobEventBus.Subscription subscribe(String jobId, Consumer<JobEvent> listener) {
        return journal.subscribe(jobId, listener);
    }

    // Dispatching and running.

    private void wake() {
        wakeLock.lock();
        try {
            wakeRequested = true;
            wakeSignal.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    private void awaitWake(long millis) {
        wakeLock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!wakeRequested && nanos > 0) {
                nanos = wakeSignal.awaitNanos(nanos);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            wakeLock.unlock();
        }
    }

    private void dispatchLoop() {
        while (accepting) {
            long waitMillis = config.pollInterval().toMillis();
            try {
                boolean idleSlots = dispatchDue();
                // With every slot busy, a finishing job wakes the dispatcher; otherwise wake for the next due job.
                Instant now = Instant.now();
                Optional<Instant> nextDue = idleSlots ? repository.nextDueAfter(now) : Optional.empty();
                if (nextDue.isPresent()) {
                    waitMillis = Math.min(waitMillis, Math.max(1, Duration.between(now, nextDue.get()).toMillis()));
                }
            } catch (RuntimeException e) {
                if (!accepting) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "Job dispatch failed", e);
                waitMillis = Math.min(waitMillis, 1000);
            }
            awaitWake(waitMillis);
        }
    }

    /** Claims and starts every due job that fits in its type's free slots; true when some slot stays idle. */
    private boolean dispatchDue() {
        boolean idleSlots = false;
        for (JobHandler handler : handlers.values()) {
            int free = config.concurrency(handler.type()) - runningCount(handler.type()).get();
            if (free <= 0) {
                continue;
            }
            List<String> due = repository.dueCandidates(handler.type(), Ids.now(), free);
            for (String id : due) {
                if (!accepting) {
                    return false;
                }
                if (!claimAndStart(id, handler)) {
                    idleSlots = true;
                }
            }
            idleSlots |= due.size() < free;
        }
        return idleSlots;
    }

    private AtomicInteger runningCount(String type) {
        return runningPerType.computeIfAbsent(type, t -> new AtomicInteger());
    }

    private boolean claimAndStart(String id, JobHandler handler) {
        RunningJob runningJob;
        claimLock.lock();
        try {
            Optional<Job> claimed = journal.claimed(id);
            if (claimed.isEmpty()) {
                return false;
            }
            runningJob = new RunningJob(claimed.get(), handler, journal);
            running.put(id, runningJob);
            runningCount(handler.type()).incrementAndGet();
        } finally {
            claimLock.unlock();
        }
        Thread.ofVirtual().name("job-" + handler.type() + "-" + id).start(() -> execute(runningJob));
        return true;
    }

    private void execute(RunningJob runningJob) {
        Job job = runningJob.job();
        JsonNode result = null;
        Throwable failure = null;
        try {
            runningJob.enterHandler();
            result = runningJob.handler().run(runningJob);
        } catch (Throwable t) {
            failure = t;
        } finally {
            runningJob.leaveHandler();
        }
        try {
            if (failure == null) {
                journal.completed(job, result);
            } else if (runningJob.stopReason() == RunningJob.StopReason.SHUTDOWN) {
                journal.interrupted(job, runningJob.handler());
            } else if (runningJob.stopReason() == RunningJob.StopReason.CANCEL) {
                journal.cancelled(job.id(), JobStatus.RUNNING);
            } else {
                String error = describe(failure);
                if (job.attempts() >= job.maxAttempts()) {
                    LOG.log(System.Logger.Level.INFO, "Job " + job.id() + " (" + job.jobType() + ") failed: "
                            + error);
                }
                journal.failedRun(job, error, runningJob.handler().retry().backoffAfter(job.attempts()));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "Cannot record the outcome of job " + job.id(), e);
        } finally {
            running.remove(job.id(), runningJob);
            runningCount(job.jobType()).decrementAndGet();
            runningJob.markDone();
            wake();
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof InterruptedException || failure instanceof JobCancelledException) {
            return "Interrupted";
        }
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    private static void recordQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot record a job outcome", e);
        }
    }
}
