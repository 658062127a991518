package ai.braindrive.server.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Every change of a job's state, written with the event that records it in one transaction, then pushed to live
 * listeners once committed. Each transition is conditional on the state it starts from, so a racing transition
 * (a cancel against a completion) changes nothing and records nothing.
 */
final class JobJournal {
    static final String INTERRUPTED_BY_SHUTDOWN = "interrupted by shutdown";
    static final String CANCELLED_BY_USER = "Cancelled by user";

    private final JobRepository repository;
    private final Database db;
    private final JobEventBus bus = new JobEventBus();

    JobJournal(JobRepository repository) {
        this.repository = repository;
        this.db = repository.database();
    }

    JobEventBus.Subscription subscribe(String jobId, Consumer<JobEvent> listener) {
        return bus.subscribe(jobId, listener);
    }

    void created(Job job) {
        write((tx, events) -> {
            repository.insert(tx, job);
            events.add(statusEvent(tx, job.id(), JobStatus.PENDING, null, job.createdAt()));
            return null;
        });
    }

    /** Moves a pending job to running; empty when it is no longer pending. */
    Optional<Job> claimed(String id) {
        Instant now = Ids.now();
        return Optional.ofNullable(write((tx, events) -> {
            if (!repository.claim(tx, id, now)) {
                return null;
            }
            events.add(statusEvent(tx, id, JobStatus.RUNNING, null, now));
            return repository.find(tx, id).orElseThrow();
        }));
    }

    /** Ends a job as cancelled if it is in state {@code from}. */
    boolean cancelled(String id, JobStatus from) {
        return finished(id, JobStatus.CANCELLED, CANCELLED_BY_USER, from);
    }

    boolean completed(Job job, JsonNode result) {
        Instant now = Ids.now();
        return write((tx, events) -> {
            if (!repository.complete(tx, job.id(), result, null, now)) {
                return false;
            }
            ObjectNode data = eventData();
            data.set("result", result);
            events.add(repository.appendEvent(tx, job.id(), JobEvent.RESULT, data, now));
            events.add(statusEvent(tx, job.id(), JobStatus.COMPLETED, null, now));
            return true;
        });
    }

    /** A failed run: logged, then back to the queue after {@code backoff} when attempts are left, failed otherwise. */
    void failedRun(Job job, String error, Duration backoff) {
        Instant now = Ids.now();
        write((tx, events) -> {
            events.add(repository.appendLog(tx, job.id(), "error", error, logData("error", error), now));
            if (job.attempts() < job.maxAttempts()) {
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

    /** A run cut short by a shutdown or a crash: re-queued when the handler is safe to repeat, failed otherwise. */
    void interrupted(Job job, JobHandler handler) {
        Instant now = Ids.now();
        if (handler == null || !handler.safeToRepeat()) {
            finished(job.id(), JobStatus.FAILED, INTERRUPTED_BY_SHUTDOWN, JobStatus.RUNNING);
            return;
        }
        write((tx, events) -> {
            if (repository.requeue(tx, job.id(), now, INTERRUPTED_BY_SHUTDOWN, job.maxAttempts(),
                    "Re-queued after an interrupted run", now, JobStatus.RUNNING)) {
                events.add(statusEvent(tx, job.id(), JobStatus.PENDING, INTERRUPTED_BY_SHUTDOWN, now));
            }
            return null;
        });
    }

    /** Puts a failed or cancelled job back in the queue, allowing {@code maxAttempts} runs in all. */
    boolean requeuedForRetry(String id, int maxAttempts) {
        Instant now = Ids.now();
        return write((tx, events) -> {
            if (!repository.requeue(tx, id, now, null, maxAttempts, "Retry requested", now, JobStatus.FAILED,
                    JobStatus.CANCELLED)) {
                return false;
            }
            events.add(statusEvent(tx, id, JobStatus.PENDING, null, now));
            return true;
        });
    }

    /** A running job's progress; ignored once the job has ended. */
    void progress(String jobId, int percent, String stage, String message) {
        String cleanStage = JobRepository.truncate(stage, 255);
        String cleanMessage = JobRepository.truncate(message, 2000);
        Instant now = Ids.now();
        write((tx, events) -> {
            if (!repository.updateProgress(tx, jobId, percent, cleanStage, cleanMessage, now)) {
                return null; // a handler still reporting after its job ended: nothing may follow the final event
            }
            ObjectNode data = eventData();
            data.put("progress_percent", percent);
            data.put("stage", cleanStage);
            data.put("message", cleanMessage);
            events.add(repository.appendEvent(tx, jobId, JobEvent.PROGRESS, data, now));
            return null;
        });
    }

    /** A line of a running job's log; ignored once the job has ended. */
    void log(String jobId, String level, String line) {
        Instant now = Ids.now();
        write((tx, events) -> {
            if (repository.touchRunning(tx, jobId, now)) {
                events.add(repository.appendLog(tx, jobId, level, line, logData(level, line), now));
            }
            return null;
        });
    }

    private boolean finished(String id, JobStatus status, String error, JobStatus from) {
        Instant now = Ids.now();
        return write((tx, events) -> {
            if (!repository.finish(tx, id, status, error, now, from)) {
                return false;
            }
            events.add(statusEvent(tx, id, status, error, now));
            return true;
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
}
