package ai.braindrive.server.jobs;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** All SQL of jobs, their events and their log lines. */
public final class JobRepository {
    private static final String COLUMNS = "id, user_id, job_type, status, priority, progress_percent, current_stage, "
            + "message, payload, result, error, attempts, max_attempts, idempotency_key, scheduled_for, created_at, "
            + "started_at, completed_at, updated_at, last_seq";
    private static final String TERMINAL = "('completed', 'failed', 'cancelled')";

    private final Database db;

    public JobRepository(Database db) {
        this.db = db;
    }

    public Database database() {
        return db;
    }

    /** A job with the number of its latest event, read together. */
    public record Snapshot(Job job, long lastSeq) {
    }

    public void insert(Sql tx, Job job) {
        tx.update("INSERT INTO jobs (id, user_id, job_type, status, priority, progress_percent, current_stage, "
                        + "message, payload, result, error, attempts, max_attempts, idempotency_key, scheduled_for, "
                        + "last_seq, created_at, started_at, completed_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, 0, NULL, NULL, ?, NULL, NULL, 0, ?, ?, ?, 0, ?, NULL, NULL, ?)",
                job.id(), job.userId(), job.jobType(), job.status(), job.priority(), Json.write(job.payload()),
                job.maxAttempts(), job.idempotencyKey(), job.scheduledFor(), job.createdAt(), job.updatedAt());
    }

    public Optional<Job> find(Sql sql, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM jobs WHERE id = ?", JobRepository::job, id);
    }

    public Optional<Job> findOwned(String userId, String id) {
        return db.one("SELECT " + COLUMNS + " FROM jobs WHERE id = ? AND user_id = ?", JobRepository::job,
                id, userId);
    }

    public Optional<Snapshot> snapshot(String id) {
        return db.one("SELECT " + COLUMNS + " FROM jobs WHERE id = ?",
                row -> new Snapshot(job(row), row.longValue("last_seq")), id);
    }

    /** The live (not failed, not cancelled) job created by this user for this type with this idempotency key. */
    public Optional<Job> findLiveByIdempotencyKey(Sql sql, String userId, String jobType, String key) {
        return sql.one("SELECT " + COLUMNS + " FROM jobs WHERE user_id = ? AND job_type = ? AND idempotency_key = ? "
                        + "AND status NOT IN ('failed', 'cancelled') ORDER BY created_at DESC "
                        + "OFFSET 0 ROWS FETCH NEXT 1 ROWS ONLY",
                JobRepository::job, userId, jobType, key);
    }

    public List<Job> list(String userId, JobStatus status, String jobType, int skip, int limit) {
        Filter filter = Filter.of(userId, status, jobType);
        Object[] params = new Object[filter.params.length + 2];
        System.arraycopy(filter.params, 0, params, 0, filter.params.length);
        params[filter.params.length] = skip;
        params[filter.params.length + 1] = limit;
        return db.list("SELECT " + COLUMNS + " FROM jobs WHERE " + filter.where
                + " ORDER BY created_at DESC, id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", JobRepository::job, params);
    }

    public long count(String userId, JobStatus status, String jobType) {
        Filter filter = Filter.of(userId, status, jobType);
        return db.count("SELECT COUNT(*) AS c FROM jobs WHERE " + filter.where, filter.params);
    }

    /** A fixed WHERE clause chosen by which filters are present; values are always bound. */
    private record Filter(String where, Object[] params) {
        static Filter of(String userId, JobStatus status, String jobType) {
            if (status != null && jobType != null) {
                return new Filter("user_id = ? AND status = ? AND job_type = ?",
                        new Object[] {userId, status, jobType});
            }
            if (status != null) {
                return new Filter("user_id = ? AND status = ?", new Object[] {userId, status});
            }
            if (jobType != null) {
                return new Filter("user_id = ? AND job_type = ?", new Object[] {userId, jobType});
            }
            return new Filter("user_id = ?", new Object[] {userId});
        }
    }

    /** Ids of pending jobs of one type that are due, in claim order: priority, due time, age. */
    public List<String> dueCandidates(String jobType, Instant now, int max) {
        return db.list("SELECT id FROM jobs WHERE status = 'pending' AND job_type = ? AND scheduled_for <= ? "
                        + "ORDER BY priority DESC, scheduled_for, created_at OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY",
                row -> row.string("id"), jobType, now, max);
    }

    /** The earliest due time of a pending job that is not due yet, if any. */
    public Optional<Instant> nextDueAfter(Instant now) {
        // MIN over no rows is one row holding NULL, which one() reads as empty.
        return db.one("SELECT MIN(scheduled_for) AS t FROM jobs WHERE status = 'pending' AND scheduled_for > ?",
                row -> row.instant("t"), now);
    }

    /** Atomically moves a pending job to running; false when someone else got there first. */
    public boolean claim(Sql tx, String id, Instant now) {
        return tx.update("UPDATE jobs SET status = 'running', attempts = attempts + 1, started_at = ?, "
                + "completed_at = NULL, progress_percent = 0, current_stage = NULL, message = NULL, error = NULL, "
                + "result = NULL, updated_at = ? WHERE id = ? AND status = 'pending'", now, now, id) == 1;
    }

    /** Records a running job's progress; false when the job is no longer running. */
    public boolean updateProgress(Sql tx, String id, int percent, String stage, String message, Instant now) {
        return tx.update("UPDATE jobs SET progress_percent = ?, current_stage = ?, message = ?, updated_at = ? "
                + "WHERE id = ? AND status = 'running'", percent, stage, message, now, id) == 1;
    }

    /** Touches a running job (locking its row); false when the job is no longer running. */
    public boolean touchRunning(Sql tx, String id, Instant now) {
        return tx.update("UPDATE jobs SET updated_at = ? WHERE id = ? AND status = 'running'", now, id) == 1;
    }

    public boolean complete(Sql tx, String id, JsonNode result, String message, Instant now) {
        return tx.update("UPDATE jobs SET status = 'completed', progress_percent = 100, result = ?, error = NULL, "
                        + "message = COALESCE(?, message), completed_at = ?, updated_at = ? "
                        + "WHERE id = ? AND status = 'running'",
                result == null ? null : Json.write(result), message, now, now, id) == 1;
    }

    /** Ends a job (failed or cancelled) from one of the given states. */
    public boolean finish(Sql tx, String id, JobStatus status, String error, Instant now, JobStatus... from) {
        return tx.update("UPDATE jobs SET status = ?, error = ?, completed_at = ?, updated_at = ? "
                        + "WHERE id = ? AND status IN (?, ?)", status, truncate(error, 4000), now, now, id,
                from[0], from.length > 1 ? from[1] : from[0]) == 1;
    }

    /** Puts a job back in the queue, due at {@code dueAt}, from one of the given states. */
    public boolean requeue(Sql tx, String id, Instant dueAt, String error, int maxAttempts, String message,
                           Instant now, JobStatus... from) {
        return tx.update("UPDATE jobs SET status = 'pending', scheduled_for = ?, error = ?, max_attempts = ?, "
                        + "progress_percent = 0, current_stage = NULL, message = ?, completed_at = NULL, "
                        + "updated_at = ? WHERE id = ? AND status IN (?, ?)",
                dueAt, truncate(error, 4000), maxAttempts, message, now, id, from[0],
                from.length > 1 ? from[1] : from[0]) == 1;
    }

    public List<Job> listByStatus(JobStatus status) {
        return db.list("SELECT " + COLUMNS + " FROM jobs WHERE status = ?", JobRepository::job,
                status);
    }

    public boolean delete(String userId, String id) {
        return db.update("DELETE FROM jobs WHERE id = ? AND user_id = ? AND status IN " + TERMINAL, id, userId) == 1;
    }

    /** Deletes finished jobs completed before {@code cutoff}, with their events and logs (cascade). */
    public long pruneFinishedBefore(Instant cutoff) {
        return db.update("DELETE FROM jobs WHERE status IN " + TERMINAL + " AND completed_at < ?", cutoff);
    }

    // Events and log lines.

    /** Records one event, numbered last_seq + 1 under the job row's lock (call inside a transaction). */
    public JobEvent appendEvent(Sql tx, String jobId, String eventType, JsonNode data, Instant now) {
        long seq = nextSeq(tx, jobId);
        JobEvent event = new JobEvent(Ids.newId(), jobId, seq, eventType, data, now);
        tx.update("INSERT INTO job_events (id, job_id, seq, event_type, data, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                event.id(), jobId, seq, eventType, Json.write(data), now);
        return event;
    }

    /** Records a log line and its {@code log} event under one sequence number. */
    public JobEvent appendLog(Sql tx, String jobId, String level, String message, JsonNode data, Instant now) {
        JobEvent event = appendEvent(tx, jobId, JobEvent.LOG, data, now);
        tx.update("INSERT INTO job_logs (id, job_id, seq, log_level, message, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                Ids.newId(), jobId, event.seq(), level, truncate(message, 8000), now);
        return event;
    }

    private static long nextSeq(Sql tx, String jobId) {
        if (tx.update("UPDATE jobs SET last_seq = last_seq + 1 WHERE id = ?", jobId) != 1) {
            throw new IllegalStateException("Job " + jobId + " no longer exists");
        }
        return tx.one("SELECT last_seq FROM jobs WHERE id = ?", row -> row.longValue("last_seq"), jobId)
                .orElseThrow();
    }

    public List<JobEvent> events(String jobId, long afterSeq, int limit) {
        return db.list("SELECT id, job_id, seq, event_type, data, created_at FROM job_events "
                        + "WHERE job_id = ? AND seq > ? ORDER BY seq OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY",
                row -> new JobEvent(row.string("id"), row.string("job_id"), row.longValue("seq"),
                        row.string("event_type"), Json.parseStored(row.string("data")), row.instant("created_at")),
                jobId, afterSeq, limit);
    }

    public List<JobLogLine> logs(String jobId, long afterSeq, int limit) {
        return db.list("SELECT seq, log_level, message, created_at FROM job_logs "
                        + "WHERE job_id = ? AND seq > ? ORDER BY seq OFFSET 0 ROWS FETCH NEXT ? ROWS ONLY",
                row -> new JobLogLine(row.longValue("seq"), row.string("log_level"), row.string("message"),
                        row.instant("created_at")),
                jobId, afterSeq, limit);
    }

    private static Job job(Row row) {
        return new Job(row.string("id"), row.string("user_id"), row.string("job_type"),
                JobStatus.fromStored(row.string("status")), row.integer("priority", 0),
                row.integer("progress_percent", 0), row.string("current_stage"), row.string("message"),
                Json.parseStored(row.string("payload")), Json.parseStored(row.string("result")), row.string("error"),
                row.integer("attempts", 0), row.integer("max_attempts", 1), row.string("idempotency_key"),
                row.instant("scheduled_for"), row.instant("created_at"), row.instant("started_at"),
                row.instant("completed_at"), row.instant("updated_at"));
    }

    static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
