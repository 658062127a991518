package ai.braindrive.server.jobs;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a raw {@code text/event-stream} line by line (as a browser's EventSource would), in the background. */
final class SseReader implements AutoCloseable {
    /** One dispatched event, or a comment line (name {@code null}, comment set). */
    record Sse(String id, String name, String data, String comment) {
        JsonNode json() {
            try {
                return Json.MAPPER.readTree(data);
            } catch (IOException e) {
                throw new AssertionError("Not JSON: " + data, e);
            }
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Sse> events = new LinkedBlockingQueue<>();
    private final List<Sse> all = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    private SseReader(HttpResponse<Stream<String>> response) {
        this.response = response;
        Thread.ofVirtual().start(this::read);
    }

    static SseReader open(String url, CookieHandler cookies, String... headers) {
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (cookies != null) {
            builder.cookieHandler(cookies);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET()
                .header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return new SseReader(builder.build().send(request.build(), HttpResponse.BodyHandlers.ofLines()));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    private void read() {
        String id = null;
        String name = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (data != null || name != null) {
                        add(new Sse(id, name == null ? "message" : name, data == null ? "" : data.toString(), null));
                    }
                    id = null;
                    name = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    add(new Sse(null, null, null, line.substring(1).strip()));
                } else {
                    String field = line.contains(":") ? line.substring(0, line.indexOf(':')) : line;
                    String value = line.contains(":") ? line.substring(line.indexOf(':') + 1) : "";
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> name = value;
                        case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                        default -> { }
                    }
                }
            }
        } catch (RuntimeException e) {
            // Closed by the test.
        } finally {
            ended.countDown();
        }
    }

    private synchronized void add(Sse sse) {
        all.add(sse);
        events.add(sse);
    }

    /** The next event or comment, failing after {@code seconds}. */
    Sse next(int seconds) throws InterruptedException {
        Sse sse = events.poll(seconds, TimeUnit.SECONDS);
        if (sse == null) {
            throw new AssertionError("No SSE event within " + seconds + " s; got so far: " + all());
        }
        return sse;
    }

    /** The next real event, skipping comments. */
    Sse nextEvent(int seconds) throws InterruptedException {
        while (true) {
            Sse sse = next(seconds);
            if (sse.name() != null) {
                return sse;
            }
        }
    }

    /** Waits for the server to end the stream; returns every event and comment received. */
    List<Sse> awaitEnd(int seconds) throws InterruptedException {
        if (!ended.await(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("The stream did not end within " + seconds + " s; got: " + all());
        }
        return all();
    }

    synchronized List<Sse> all() {
        return List.copyOf(all);
    }

    /** The real events (no comments) received. */
    List<Sse> eventsOnly() {
        return all().stream().filter(sse -> sse.name() != null).toList();
    }

    @Override
    public void close() {
        response.body().close();
    }
}
