-- Durable background jobs, their events (progress, status, log, result) and their log lines.
-- last_seq numbers the job's events: each event takes last_seq + 1 under the job row's lock.
CREATE TABLE jobs (
    id               VARCHAR(36)    NOT NULL PRIMARY KEY,
    user_id          VARCHAR(36)    NOT NULL,
    job_type         VARCHAR(100)   NOT NULL,
    status           VARCHAR(20)    NOT NULL,
    priority         INTEGER        NOT NULL DEFAULT 0,
    progress_percent INTEGER        NOT NULL DEFAULT 0,
    current_stage    VARCHAR(255),
    message          VARCHAR(2000),
    payload          CLOB           NOT NULL,
    result           CLOB,
    error            VARCHAR(4000),
    attempts         INTEGER        NOT NULL DEFAULT 0,
    max_attempts     INTEGER        NOT NULL DEFAULT 1,
    idempotency_key  VARCHAR(255),
    scheduled_for    TIMESTAMP      NOT NULL,
    last_seq         BIGINT         NOT NULL DEFAULT 0,
    created_at       TIMESTAMP      NOT NULL,
    started_at       TIMESTAMP,
    completed_at     TIMESTAMP,
    updated_at       TIMESTAMP      NOT NULL,
    CONSTRAINT jobs_user_fk FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT jobs_status_ck CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
    CONSTRAINT jobs_progress_ck CHECK (progress_percent BETWEEN 0 AND 100)
);

-- The workers' claim query: pending jobs of one type in claim order (priority, due time, age), read in index
-- order so it stops after the few rows it needs.
CREATE INDEX jobs_claim_ix ON jobs (status, job_type, priority DESC, scheduled_for, created_at);
-- The dispatcher's timer: the earliest due time of a pending job.
CREATE INDEX jobs_due_ix ON jobs (status, scheduled_for);
-- A user's list, newest first, optionally by status or type.
CREATE INDEX jobs_user_created_ix ON jobs (user_id, created_at);
CREATE INDEX jobs_user_status_ix ON jobs (user_id, status, created_at);
CREATE INDEX jobs_idempotency_ix ON jobs (user_id, job_type, idempotency_key);
-- Retention: finished jobs by completion time.
CREATE INDEX jobs_completed_ix ON jobs (status, completed_at);

CREATE TABLE job_events (
    id          VARCHAR(36)   NOT NULL PRIMARY KEY,
    job_id      VARCHAR(36)   NOT NULL,
    seq         BIGINT        NOT NULL,
    event_type  VARCHAR(20)   NOT NULL,
    data        CLOB          NOT NULL,
    created_at  TIMESTAMP     NOT NULL,
    CONSTRAINT job_events_job_fk FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT job_events_seq_uq UNIQUE (job_id, seq)
);

CREATE TABLE job_logs (
    id          VARCHAR(36)    NOT NULL PRIMARY KEY,
    job_id      VARCHAR(36)    NOT NULL,
    seq         BIGINT         NOT NULL,
    log_level   VARCHAR(10)    NOT NULL,
    message     VARCHAR(8000)  NOT NULL,
    created_at  TIMESTAMP      NOT NULL,
    CONSTRAINT job_logs_job_fk FOREIGN KEY (job_id) REFERENCES jobs (id) ON DELETE CASCADE,
    CONSTRAINT job_logs_seq_uq UNIQUE (job_id, seq)
);
