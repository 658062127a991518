/**
 * Jobs: a durable job engine on the database, with progress events, live event streams, cancel, retry,
 * idempotency and crash recovery. Job types are {@link ai.braindrive.server.jobs.JobHandler}s registered on the
 * {@link ai.braindrive.server.jobs.JobEngine} ({@code Application.jobs()}); {@code system.sleep} is built in.
 *
 * <p>Wire decisions ({@code /api/v1/jobs}):
 * <ul>
 *   <li>A job: {@code id, user_id, job_type, status (pending | running | completed | failed | cancelled), priority,
 *       progress_percent, current_stage, message, payload, result, error, attempts, max_attempts, idempotency_key,
 *       scheduled_for, created_at, started_at, completed_at, updated_at}. {@code scheduled_for} is when the job is
 *       due (its creation time when none was given; later after an automatic retry's backoff). {@code attempts}
 *       counts runs started; {@code max_attempts} is how many runs the engine makes on its own before a failure is
 *       final (a manual retry grants another round).</li>
 *   <li>Create: 201 with the job; 200 with the existing job when {@code idempotency_key} was already used by the
 *       same user for the same type and that job is not failed or cancelled. Unknown {@code job_type}, a payload the
 *       handler refuses, a {@code scheduled_for} that is not ISO-8601 (no offset = UTC), a {@code priority}
 *       outside -1000..1000 or a key over 255 characters: 422. Higher priority runs first, then earlier due time,
 *       then older.</li>
 *   <li>List: {@code {"jobs": [...], "total", "skip", "limit"}}, newest first, filters {@code status} (422 on an
 *       unknown one) and {@code job_type}, {@code skip}/{@code limit} (default 50, max 100).</li>
 *   <li>Cancel and retry answer 200 with the job. Cancel: a pending job at once, a running one after its handler
 *       stops (the answer waits up to {@code jobs.cancel-wait}); a finished job is 409. Retry: failed or cancelled
 *       jobs only (409 otherwise); the same job goes back to pending.</li>
 *   <li>Events: {@code {"job_id", "events": [{id, job_id, seq, event_type, data, created_at}]}} in {@code seq}
 *       order (1, 2, 3... per job), {@code ?after=<seq>&limit=} (default 100, max 1000). Types: {@code status}
 *       ({@code data.status}, {@code data.error}), {@code progress} ({@code progress_percent, stage, message}),
 *       {@code log} ({@code level, message}), {@code result} ({@code result}); every {@code data} has
 *       {@code recorded_at}.</li>
 *   <li>Logs: {@code {"job_id", "logs": [{seq, level, message, created_at}]}}, {@code ?after=<seq>&limit=}
 *       (default 500, max 5000); a line's {@code seq} is its {@code log} event's.</li>
 *   <li>Stream ({@code /events/stream}, {@code text/event-stream}): {@code event: snapshot} (the job; {@code id:}
 *       its latest seq), then every event as {@code id: <seq>}, {@code event: <event_type>}, {@code data: <the event
 *       as in the list>}; a {@code :heartbeat} comment every {@code jobs.heartbeat}; the stream ends after the
 *       job's final status event, and when the server stops. {@code Last-Event-ID} (or {@code ?last_event_id=})
 *       replays the events after it first (the snapshot then carries no {@code id:}).</li>
 *   <li>Delete: 200 {@code {"message": "Job deleted"}}, finished jobs only (409 otherwise), with events and logs.
 *   </li>
 *   <li>Another user's job is 404 on every route.</li>
 * </ul>
 */
package ai.braindrive.server.jobs;
