package ai.braindrive.cli.jobs;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import ai.braindrive.cli.CliException;
import ai.braindrive.cli.ExitCodes;
import ai.braindrive.cli.http.Credentials;
import ai.braindrive.cli.http.RestClient;
import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job's Server-Sent Events ({@code GET /api/v1/jobs/{id}/events/stream}), read line by line as they arrive.
 * Iterates over the events ({@code snapshot} first, then {@code status}, {@code progress}, {@code log},
 * {@code result}) until the server ends the stream; heartbeat comments are skipped.
 */
final class JobEventStream implements AutoCloseable, Iterable<JobEventStream.Event> {
    /** One event: its {@code id:} (the job event's seq; null on a resumed snapshot), {@code event:} and data. */
    record Event(String id, String name, JsonNode data) {
        long seq() {
            return id == null ? -1 : Long.parseLong(id);
        }
    }

    private final Stream<String> lines;

    private JobEventStream(Stream<String> lines) {
        this.lines = lines;
    }

    /**
     * Opens the stream with the stored login (call an ordinary authenticated request first, so an expired access
     * token has been refreshed); {@code afterSeq} resumes after that event, as {@code Last-Event-ID}.
     */
    static JobEventStream open(RestClient client, String jobId, Long afterSeq) {
        Credentials credentials = client.credentialStore().get(client.server()).orElseThrow(
                () -> new CliException(ExitCodes.NOT_AUTHENTICATED, "Not logged in to " + client.server()
                        + ". Run 'braindrive login'."));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(client.baseUrl() + Jobs.path(jobId) + "/events/stream"))
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + credentials.accessToken())
                .GET();
        if (afterSeq != null) {
            request.header("Last-Event-ID", Long.toString(afterSeq));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<Stream<String>> response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                String body;
                try (Stream<String> lines = response.body()) {
                    body = String.join("\n", lines.toList());
                }
                client.check(new RestClient.Response(response.statusCode(), response.headers(), body));
            }
            return new JobEventStream(response.body());
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.FAILURE, "Cannot connect to the BrainDrive server at " + client.server()
                    + " (connection refused). Is it running?", e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "Event stream from " + client.server() + " failed: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "Interrupted", e);
        }
    }

    @Override
    public Iterator<Event> iterator() {
        Iterator<String> source = lines.iterator();
        return new Iterator<>() {
            private Event next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = read(source);
                }
                return next != null;
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Event event = next;
                next = null;
                return event;
            }
        };
    }

    /** The next dispatched event, or null at the end of the stream. */
    private static Event read(Iterator<String> source) {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try {
            while (source.hasNext()) {
                String line = source.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        return new Event(id, name == null ? "message" : name, parse(data.toString()));
                    }
                    id = null;
                    name = null;
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException e) {
            // The connection dropped: the stream ends here; the caller resumes with Last-Event-ID.
        }
        return null;
    }

    private static JsonNode parse(String data) {
        try {
            return Json.MAPPER.readTree(data);
        } catch (JsonProcessingException e) {
            throw new CliException(ExitCodes.FAILURE, "The server sent an invalid event: " + data, e);
        }
    }

    @Override
    public void close() {
        lines.close();
    }
}
