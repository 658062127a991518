package ai.braindrive.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import java.util.function.BiFunction;
import java.util.function.Consumer;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.ValidationException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The durable job engine. Jobs live in the database; one dispatcher thread claims due pending jobs (by priority,
 * due time, then age; at most {@link JobsConfig#concurrency} running per type) and runs each on its own virtual
 * thread. Every state change is recorded as a numbered event in the same transaction and then pushed to live
 * listeners. At start, jobs a killed process left running are failed (or re-queued when their handler is safe to
 * repeat) and old finished jobs are pruned; {@link #close} stops claiming, lets running jobs finish for a grace
 * period, then interrupts them.
 */
public final class JobEngine implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JobEngine.class.getName());
    static final String INTERRUPTED_BY_SHUTDOWN = "interrupted by shutdown";
    static final String CANCELLED_BY_USER = "Cancelled by user";

    private final JobRepository repository;
    private final Database db;
    private final JobsConfig config;
    private final Map<String, JobHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> runningPerType = new ConcurrentHashMap<>();
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final JobEventBus bus = new JobEventBus();
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
        prune();
        accepting = true;
        dispatcher = Thread.ofVirtual().name("jobs-dispatcher").start(this::dispatchLoop);
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("jobs-scheduler").factory());
        long every = Math.max(1, config.pruneInterval().toMillis());
        scheduler.scheduleAtFixedRate(this::prune, every, every, TimeUnit.MILLISECONDS);
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
            recordQuietly(() -> interruptedByShutdown(job.job(), job.handler()));
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
            recordQuietly(() -> interruptedByShutdown(job, handlers.get(job.jobType())));
        }
    }

    private void interruptedByShutdown(Job job, JobHandler handler) {
        Instant now = Ids.now();
        write((tx, events) -> {
            if (handler != null && handler.safeToRepeat()) {
                if (repository.requeue(tx, job.id(), now, INTERRUPTED_BY_SHUTDOWN, job.maxAttempts(),
                        "Re-queued after an interrupted run", now, JobStatus.RUNNING)) {
                    events.add(statusEvent(tx, job.id(), JobStatus.PENDING, INTERRUPTED_BY_SHUTDOWN, now));
                }
            } else if (repository.finish(tx, job.id(), JobStatus.FAILED, INTERRUPTED_BY_SHUTDOWN, now,
                    JobStatus.RUNNING)) {
                events.add(statusEvent(tx, job.id(), JobStatus.FAILED, INTERRUPTED_BY_SHUTDOWN, now));
            }
            return null;
        });
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
            submission = insert(job);
        } else {
            idempotencyLock.lock();
            try {
                Optional<Job> existing = db.inTransaction(tx -> repository.findLiveByIdempotencyKey(tx, userId,
                        handler.type(), request.idempotencyKey()));
                submission = existing.isPresent() ? new Submission(existing.get(), false) : insert(job);
            } finally {
                idempotencyLock.unlock();
            }
        }
        if (submission.created()) {
            wake();
        }
        return submission;
    }

    private Submission insert(Job job) {
        write((tx, events) -> {
            repository.insert(tx, job);
            events.add(statusEvent(tx, job.id(), JobStatus.PENDING, null, job.createdAt()));
            return null;
        });
        return new Submission(job, true);
    }

    /**
     * Cancels a job of {@code userId}: a pending one at once, a running one by stopping its handler (waiting a
     * little for it to end). 404 when it is not theirs, 409 when it has already finished.
     */
    public Job cancel(String userId, String id) {
        Job job = owned(userId, id);
        RunningJob runningJob;
        claimLock.lock();
        try {
            Instant now = Ids.now();
            boolean cancelledPending = write((tx, events) -> {
                if (!repository.finish(tx, id, JobStatus.CANCELLED, CANCELLED_BY_USER, now, JobStatus.PENDING)) {
                    return false;
                }
                events.add(statusEvent(tx, id, JobStatus.CANCELLED, CANCELLED_BY_USER, now));
                return true;
            });
            if (cancelledPending) {
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
        Job current = owned(userId, id);
        if (current.status() == JobStatus.RUNNING) {
            // Running in the database but not here: nothing is executing it, so it can be ended directly.
            Instant now = Ids.now();
            write((tx, events) -> {
                if (repository.finish(tx, id, JobStatus.CANCELLED, CANCELLED_BY_USER, now, JobStatus.RUNNING)) {
                    events.add(statusEvent(tx, id, JobStatus.CANCELLED, CANCELLED_BY_USER, now));
                }
                return null;
            });
            return owned(userId, id);
        }
        throw ApiException.conflict("Job is already " + current.status().wire() + " and cannot be cancelled");
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
        Instant now = Ids.now();
        boolean requeued = write((tx, events) -> {
            if (!repository.requeue(tx, id, now, null, job.attempts() + handler.retry().maxAttempts(),
                    "Retry requested", now, JobStatus.FAILED, JobStatus.CANCELLED)) {
                return false;
            }
            events.add(statusEvent(tx, id, JobStatus.PENDING, null, now));
            return true;
        });
        if (!requeued) {
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
        return bus.subscribe(jobId, listener);
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
            Instant now = Ids.now();
            Job claimed = write((tx, events) -> {
                if (!repository.claim(tx, id, now)) {
                    return null;
                }
                Job job = repository.find(tx, id).orElseThrow();
                events.add(statusEvent(tx, id, JobStatus.RUNNING, null, now));
                return job;
            });
            if (claimed == null) {
                return false;
            }
            runningJob = new RunningJob(claimed, handler, this);
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
                completed(job, result);
            } else if (runningJob.stopReason() == RunningJob.StopReason.SHUTDOWN) {
                interruptedByShutdown(job, runningJob.handler());
            } else if (runningJob.stopReason() == RunningJob.StopReason.CANCEL) {
                cancelledWhileRunning(job);
            } else {
                failed(job, runningJob.handler(), failure);
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

    private void completed(Job job, JsonNode result) {
        Instant now = Ids.now();
        write((tx, events) -> {
            if (repository.complete(tx, job.id(), result, null, now)) {
                ObjectNode data = eventData();
                data.set("result", result);
                events.add(repository.appendEvent(tx, job.id(), JobEvent.RESULT, data, now));
                events.add(statusEvent(tx, job.id(), JobStatus.COMPLETED, null, now));
            }
            return null;
        });
    }

    private void cancelledWhileRunning(Job job) {
        Instant now = Ids.now();
        write((tx, events) -> {
            if (repository.finish(tx, job.id(), JobStatus.CANCELLED, CANCELLED_BY_USER, now, JobStatus.RUNNING)) {
                events.add(statusEvent(tx, job.id(), JobStatus.CANCELLED, CANCELLED_BY_USER, now));
            }
            return null;
        });
    }

    /** A failed run: back to the queue after a backoff while attempts are left, failed otherwise. */
    private void failed(Job job, JobHandler handler, Throwable failure) {
        String error = describe(failure);
        Instant now = Ids.now();
        boolean attemptsLeft = job.attempts() < job.maxAttempts();
        if (!attemptsLeft) {
            LOG.log(System.Logger.Level.INFO, "Job " + job.id() + " (" + job.jobType() + ") failed: " + error);
        }
        write((tx, events) -> {
            events.add(repository.appendLog(tx, job.id(), "error", error, logData("error", error), now));
            if (attemptsLeft) {
                Duration backoff = handler.retry().backoffAfter(job.attempts());
                if (repository.requeue(tx, job.id(), now.plus(backoff), error, job.maxAttempts(),
                        "Attempt " + job.attempts() + " failed; retrying in " + backoff.toMillis() + " ms", now,
                        JobStatus.RUNNING)) {
                    events.add(statusEvent(tx, job.id(), JobStatus.PENDING, error, now));
                }
            } else if (repository.finish(tx, job.id(), JobStatus.FAILED, error, now, JobStatus.RUNNING)) {
                events.add(statusEvent(tx, job.id(), JobStatus.FAILED, error, now));
            }
            return null;
        });
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (failure instanceof InterruptedException || failure instanceof JobCancelledException) {
            return "Interrupted";
        }
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    // Events.

    void recordProgress(String jobId, int percent, String stage, String message) {
        String cleanStage = JobRepository.truncate(stage, 255);
        String cleanMessage = JobRepository.truncate(message, 2000);
        Instant now = Ids.now();
        write((tx, events) -> {
            repository.updateProgress(tx, jobId, percent, cleanStage, cleanMessage, now);
            ObjectNode data = eventData();
            data.put("progress_percent", percent);
            data.put("stage", cleanStage);
            data.put("message", cleanMessage);
            events.add(repository.appendEvent(tx, jobId, JobEvent.PROGRESS, data, now));
            return null;
        });
    }

    void recordLog(String jobId, String level, String line) {
        Instant now = Ids.now();
        write((tx, events) -> {
            events.add(repository.appendLog(tx, jobId, level, line, logData(level, line), now));
            return null;
        });
    }

    private JobEvent statusEvent(Sql tx, String jobId, JobStatus status, String error, Instant now) {
        ObjectNode data = eventData();
        data.put("status", status.wire());
        if (error != null) {
            data.put("error", error);
        }
        return repository.appendEvent(tx, jobId, JobEvent.STATUS, data, now);
    }

    private static ObjectNode logData(String level, String line) {
        ObjectNode data = eventData();
        data.put("level", level);
        data.put("message", JobRepository.truncate(line, 8000));
        return data;
    }

    /** Event data starts with the precise server time of recording (for latency measurements). */
    private static ObjectNode eventData() {
        ObjectNode data = Json.MAPPER.createObjectNode();
        data.put("recorded_at", Instant.now().toString());
        return data;
    }

    /** Runs {@code work} in one transaction, then publishes the events it recorded. */
    private <T> T write(BiFunction<Sql, List<JobEvent>, T> work) {
        List<JobEvent> events = new ArrayList<>();
        T result = db.inTransaction(tx -> {
            events.clear();
            return work.apply(tx, events);
        });
        events.forEach(bus::publish);
        return result;
    }

    private static void recordQuietly(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot record a job outcome", e);
        }
    }
}
