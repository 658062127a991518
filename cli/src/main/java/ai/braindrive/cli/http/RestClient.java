package ai.braindrive.cli.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.braindrive.cli.CliException;
import ai.braindrive.cli.ExitCodes;
import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * The BrainDrive REST API for commands: JSON in and out, {@code Authorization: Bearer} from the stored login,
 * refreshed automatically when the access token has expired or the server answers 401, and errors mapped to exit
 * codes (401 -> 3, 404 -> 4, anything else -> 1) with the server's {@code detail} as the message.
 */
public final class RestClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final String baseUrl;
    private final String server;
    private final CredentialStore store;
    private final boolean authenticated;
    private final HttpClient http;
    private final Clock clock;

    /**
     * @param baseUrl where requests go
     * @param server  the server as the user named it: the key of its stored login and the name in messages (it
     *                differs from {@code baseUrl} when the command runs its own in-process server)
     */
    public RestClient(String baseUrl, String server, CredentialStore store) {
        this(baseUrl, server, store, true, newHttpClient(), Clock.systemUTC());
    }

    private RestClient(String baseUrl, String server, CredentialStore store, boolean authenticated,
                       HttpClient http, Clock clock) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.server = server;
        this.store = store;
        this.authenticated = authenticated;
        this.http = http;
        this.clock = clock;
    }

    static HttpClient newHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** The same server without credentials (register, login). */
    public RestClient anonymous() {
        return new RestClient(baseUrl, server, store, false, http, clock);
    }

    public String server() {
        return server;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public CredentialStore credentialStore() {
        return store;
    }

    /** A raw response, for the few commands that need headers (login reads its cookies). */
    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            if (body == null || body.isBlank()) {
                return Json.MAPPER.missingNode();
            }
            try {
                return Json.MAPPER.readTree(body);
            } catch (JsonProcessingException e) {
                throw new CliException(ExitCodes.FAILURE, "The server sent invalid JSON (HTTP " + status + ")", e);
            }
        }

        /** The value of a {@code Set-Cookie} named {@code name}. */
        public Optional<String> cookie(String name) {
            for (String header : headers.allValues("set-cookie")) {
                if (header.startsWith(name + "=")) {
                    return Optional.of(header.substring(name.length() + 1).split(";", 2)[0]);
                }
            }
            return Optional.empty();
        }

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    public JsonNode post(String path, Object body) {
        return call("POST", path, body);
    }

    public JsonNode put(String path, Object body) {
        return call("PUT", path, body);
    }

    public JsonNode patch(String path, Object body) {
        return call("PATCH", path, body);
    }

    public JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    /** Sends a request and returns its JSON body (a missing node for an empty one); a 4xx/5xx throws. */
    public JsonNode call(String method, String path, Object body) {
        Response response = authenticated ? sendAuthenticated(method, path, body) : send(method, path, body);
        return check(response).json();
    }

    /** Throws the {@link CliException} a non-2xx response stands for; returns the response otherwise. */
    public Response check(Response response) {
        if (response.ok()) {
            return response;
        }
        String detail = detail(response);
        int exitCode = switch (response.status()) {
            case 401 -> ExitCodes.NOT_AUTHENTICATED;
            case 404 -> ExitCodes.NOT_FOUND;
            default -> ExitCodes.FAILURE;
        };
        throw new CliException(exitCode, detail);
    }

    /** Sends with the stored login; refreshes it when expired or refused, once. */
    public Response sendAuthenticated(String method, String path, Object body) {
        Credentials credentials = store.get(server).orElseThrow(this::notLoggedIn);
        if (credentials.accessExpired(clock.instant())) {
            credentials = refresh(credentials);
        }
        Response response = send(method, path, body, "Authorization", "Bearer " + credentials.accessToken());
        if (response.status() == 401) {
            credentials = refresh(credentials);
            response = send(method, path, body, "Authorization", "Bearer " + credentials.accessToken());
            if (response.status() == 401) {
                throw new CliException(ExitCodes.NOT_AUTHENTICATED, "Not authenticated at " + server + " ("
                        + detail(response) + "). Run 'braindrive login'.");
            }
        }
        return response;
    }

    /**
     * Trades the refresh token for a new pair (the old one is dead afterwards) and stores it. Under the store's lock:
     * when another process refreshed first, its fresh pair is used instead of spending a dead token.
     */
    Credentials refresh(Credentials stale) {
        return store.locked(() -> {
            Credentials current = store.get(server).orElseThrow(this::notLoggedIn);
            Instant now = clock.instant();
            if (!current.refreshToken().equals(stale.refreshToken()) && !current.accessExpired(now)) {
                return current;
            }
            if (current.refreshExpired(now)) {
                store.remove(server);
                throw sessionEnded("expired");
            }
            Response response = send("POST", "/api/v1/auth/refresh",
                    Map.of("refresh_token", current.refreshToken()));
            if (response.status() == 401) {
                store.remove(server);
                throw sessionEnded("expired or was revoked");
            }
            check(response);
            String access = response.cookie("access_token").orElseThrow(() -> missingCookie("access_token"));
            String refresh = response.cookie("refresh_token").orElseThrow(() -> missingCookie("refresh_token"));
            Credentials renewed = current.withTokens(access, refresh, now);
            store.put(server, renewed);
            return renewed;
        });
    }

    /** Sends without credentials (unless given as headers) and without mapping errors. */
    public Response send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            publisher = HttpRequest.BodyPublishers.ofString(Json.write(body));
            request.header("Content-Type", "application/json");
        }
        request.method(method, publisher);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (ConnectException e) {
            throw new CliException(ExitCodes.FAILURE, "Cannot connect to the BrainDrive server at " + server
                    + " (connection refused). Is it running? Start it with 'braindrive serve'.", e);
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCodes.FAILURE, "The BrainDrive server at " + server
                    + " did not answer in time", e);
        } catch (IOException e) {
            throw new CliException(ExitCodes.FAILURE, "Request to " + server + " failed: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.FAILURE, "Interrupted", e);
        }
    }

    /** The server's {@code detail}: a string, or FastAPI-style validation errors as {@code field: message}. */
    static String detail(Response response) {
        JsonNode detail;
        try {
            detail = Json.MAPPER.readTree(response.body() == null ? "" : response.body()).path("detail");
        } catch (JsonProcessingException e) {
            detail = Json.MAPPER.missingNode();
        }
        if (detail.isTextual() && !detail.asText().isBlank()) {
            return detail.asText();
        }
        if (detail.isArray() && !detail.isEmpty()) {
            List<String> problems = new ArrayList<>();
            for (JsonNode error : detail) {
                List<String> location = new ArrayList<>();
                for (JsonNode part : error.path("loc")) {
                    location.add(part.asText());
                }
                if (!location.isEmpty() && location.get(0).equals("body")) {
                    location.remove(0);
                }
                String message = error.path("msg").asText();
                problems.add(location.isEmpty() ? message : String.join(".", location) + ": " + message);
            }
            return String.join("; ", problems);
        }
        return "HTTP " + response.status();
    }

    private CliException notLoggedIn() {
        return new CliException(ExitCodes.NOT_AUTHENTICATED, "Not logged in to " + server
                + ". Run 'braindrive login'.");
    }

    private CliException sessionEnded(String why) {
        return new CliException(ExitCodes.NOT_AUTHENTICATED, "Your login at " + server + " " + why
                + ". Run 'braindrive login'.");
    }

    private CliException missingCookie(String name) {
        return new CliException(ExitCodes.FAILURE, "The server did not send the " + name + " cookie");
    }
}
