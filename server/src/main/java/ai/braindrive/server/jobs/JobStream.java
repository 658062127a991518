package ai.braindrive.server.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.Params;
import ai.braindrive.server.http.ValidationException;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.sse.SseEvent;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.sse.SseSink;

/**
 * {@code GET /api/v1/jobs/{id}/events/stream}: Server-Sent Events of one job. First a {@code snapshot} (the job
 * now), then every event pushed by the engine as it is recorded ({@code id:} its seq, {@code event:} its type),
 * a comment every heartbeat interval, and the end of the stream once the job has finished and its last event was
 * sent. With {@code Last-Event-ID} the events after that seq are replayed from the database first, so a
 * reconnecting client misses nothing and sees nothing twice. Streams end when the server stops (clients reconnect).
 */
final class JobStream {
    private static final System.Logger LOG = System.getLogger(JobStream.class.getName());
    private static final int REPLAY_PAGE = 500;
    /** Put in a stream's queue to end it. */
    private static final JobEvent END = new JobEvent("", "", -1, "end", null, null);

    private final JobEngine engine;
    private final JobRepository repository;
    private final Duration heartbeat;
    private final Set<BlockingQueue<JobEvent>> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closing;

    JobStream(JobEngine engine, JobRepository repository, Duration heartbeat) {
        this.engine = engine;
        this.repository = repository;
        this.heartbeat = heartbeat;
    }

    void stream(ServerRequest req, ServerResponse res) {
        String userId = CurrentUser.of(req).id();
        String jobId = Params.path(req, "id");
        repository.findOwned(userId, jobId).orElseThrow(() -> ApiException.notFound("Job not found"));
        Long resumeAfter = lastEventId(req);

        BlockingQueue<JobEvent> live = new LinkedBlockingQueue<>();
        open.add(live);
        // Subscribe before reading the snapshot: an event recorded in between arrives both ways and is skipped once.
        try (JobEventBus.Subscription ignored = engine.subscribe(jobId, live::add)) {
            if (closing) {
                throw new ApiException(Status.SERVICE_UNAVAILABLE_503, "The server is stopping");
            }
            JobRepository.Snapshot snapshot = repository.snapshot(jobId)
                    .orElseThrow(() -> ApiException.notFound("Job not found"));
            res.header(HeaderNames.CACHE_CONTROL, "no-cache");
            res.header(HeaderNames.create("X-Accel-Buffering"), "no");
            try (SseSink sink = res.sink(SseSink.TYPE)) {
                send(sink, snapshot, resumeAfter, live);
            } catch (RuntimeException e) {
                // The client went away (or the server is stopping): nothing more to send.
                LOG.log(System.Logger.Level.DEBUG, "Job stream " + jobId + " ended: " + e);
            }
        } finally {
            open.remove(live);
        }
    }

    /** Ends every open stream and refuses new ones (the server is stopping). */
    void closeAll() {
        closing = true;
        open.forEach(queue -> queue.add(END));
    }

    private void send(SseSink sink, JobRepository.Snapshot snapshot, Long resumeAfter, BlockingQueue<JobEvent> live) {
        String jobId = snapshot.job().id();
        SseEvent.Builder first = SseEvent.builder().name("snapshot").data(Json.write(snapshot.job()));
        long last;
        if (resumeAfter == null) {
            // The snapshot stands for every event up to its seq: a reconnect resumes after it.
            first.id(Long.toString(snapshot.lastSeq()));
            last = snapshot.lastSeq();
        } else {
            last = Math.min(resumeAfter, snapshot.lastSeq());
        }
        sink.emit(first.build());
        Cursor cursor = new Cursor(last);
        if (replay(sink, jobId, cursor) || finished(jobId, cursor.last)) {
            return;
        }
        while (true) {
            JobEvent event;
            try {
                event = live.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (event == END) {
                return;
            }
            if (event == null) {
                sink.emit(SseEvent.builder().comment("heartbeat").build());
                if (repository.snapshot(jobId).isEmpty()) {
                    return; // deleted
                }
                continue;
            }
            if (event.seq() <= cursor.last) {
                continue; // already sent (replayed)
            }
            if (event.seq() > cursor.last + 1) {
                // Published out of order: fill the gap from the database, which has every committed event.
                if (replay(sink, jobId, cursor)) {
                    return;
                }
                continue;
            }
            if (emit(sink, jobId, event, cursor)) {
                return;
            }
        }
    }

    /** Sends every stored event after the cursor; true when the stream should end. */
    private boolean replay(SseSink sink, String jobId, Cursor cursor) {
        while (true) {
            List<JobEvent> page = repository.events(jobId, cursor.last, REPLAY_PAGE);
            for (JobEvent event : page) {
                if (emit(sink, jobId, event, cursor)) {
                    return true;
                }
            }
            if (page.size() < REPLAY_PAGE) {
                return false;
            }
        }
    }

    /** Sends one event; true when it was the job's final event (terminal status, nothing newer). */
    private boolean emit(SseSink sink, String jobId, JobEvent event, Cursor cursor) {
        sink.emit(SseEvent.builder()
                .id(Long.toString(event.seq()))
                .name(event.eventType())
                .data(Json.write(event))
                .build());
        cursor.last = event.seq();
        return event.isTerminalStatus() && finished(jobId, event.seq());
    }

    /** The job has finished (or is gone) and nothing after {@code seq} was recorded. */
    private boolean finished(String jobId, long seq) {
        Optional<JobRepository.Snapshot> now = repository.snapshot(jobId);
        return now.isEmpty() || (now.get().job().status().terminal() && now.get().lastSeq() <= seq);
    }

    private static Long lastEventId(ServerRequest req) {
        Optional<String> raw = req.headers().first(HeaderNames.create("Last-Event-ID"))
                .or(() -> Params.query(req, "last_event_id"));
        if (raw.isEmpty() || raw.get().isBlank()) {
            return null;
        }
        try {
            long value = Long.parseLong(raw.get().strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw ValidationException.of(FieldError.query("last_event_id",
                    "Last-Event-ID should be a non-negative integer", "int_parsing"));
        }
    }

    private static final class Cursor {
        long last;

        Cursor(long last) {
            this.last = last;
        }
    }
}
