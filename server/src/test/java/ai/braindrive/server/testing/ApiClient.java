package ai.braindrive.server.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A small HTTP client for tests over real sockets. It keeps cookies like a browser; after
 * {@link #loginWithBearer} it sends {@code Authorization: Bearer} like a script.
 */
public final class ApiClient {
    private final String baseUrl;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();
    private String bearer;
    private String userId;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(5)).build();
    }

    public record Response(int status, HttpHeaders headers, String body) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        public String detail() {
            return json().path("detail").asText();
        }

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public List<String> setCookies() {
            return headers.allValues("set-cookie");
        }

        /** Asserts the status and returns this response, with the body in the failure message. */
        public Response expect(int expected) {
            if (status != expected) {
                throw new AssertionError("Expected HTTP " + expected + " but got " + status + ": " + body);
            }
            return this;
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The id of the logged-in user (after a login helper). */
    public String userId() {
        return userId;
    }

    public String bearerToken() {
        return bearer;
    }

    public ApiClient header(String name, String value) {
        defaultHeaders.put(name, value);
        return this;
    }

    public ApiClient withBearer(String token) {
        this.bearer = token;
        return this;
    }

    /** Logs in (cookies are kept) and switches this client to the bearer token from the access cookie. */
    public ApiClient loginWithBearer(String email, String password) {
        Response login = post("/api/v1/auth/login", Map.of("email", email, "password", password)).expect(204);
        this.bearer = cookieValue(login, "access_token").orElseThrow();
        this.userId = get("/api/v1/auth/me").expect(200).json().path("id").asText();
        return this;
    }

    /** Logs in and relies on the cookies alone, like the browser front end. */
    public ApiClient loginWithCookies(String email, String password) {
        post("/api/v1/auth/login", Map.of("email", email, "password", password)).expect(204);
        this.bearer = null;
        this.userId = get("/api/v1/auth/me").expect(200).json().path("id").asText();
        return this;
    }

    public static Optional<String> cookieValue(Response response, String name) {
        for (String header : response.setCookies()) {
            if (header.startsWith(name + "=")) {
                String value = header.substring(name.length() + 1).split(";", 2)[0];
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    public CookieManager cookies() {
        return cookies;
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body);
    }

    /** Sends {@code body} as JSON (a String is sent as-is, for malformed-JSON tests). */
    public Response send(String method, String path, Object body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60));
        HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.noBody();
        if (body != null) {
            String text = body instanceof String s ? s : Json.write(body);
            publisher = HttpRequest.BodyPublishers.ofString(text);
            request.header("Content-Type", "application/json");
        }
        request.method(method, publisher);
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        defaultHeaders.forEach(request::header);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError("Request failed: " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
