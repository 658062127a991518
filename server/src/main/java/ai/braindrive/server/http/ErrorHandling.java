package ai.braindrive.server.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** The one place where failures become {@code {"detail": ...}} responses. */
public final class ErrorHandling {
    private static final System.Logger LOG = System.getLogger(ErrorHandling.class.getName());

    private ErrorHandling() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(ApiException.class, ErrorHandling::apiError)
                .error(HttpException.class, ErrorHandling::httpError)
                .error(Throwable.class, ErrorHandling::unexpected);
    }

    /** Unknown paths (404) and known paths with another method (405); registered after every route. */
    public static void registerFallback(HttpRouting.Builder routing, RouteCatalog catalog) {
        routing.any((req, res) -> {
            Set<String> allowed = catalog.allowedMethods(req.path().absolute());
            if (allowed.isEmpty()) {
                send(res, Status.NOT_FOUND_404, "Not Found");
            } else {
                res.header(HeaderNames.ALLOW, String.join(", ", allowed));
                send(res, Status.METHOD_NOT_ALLOWED_405, "Method Not Allowed");
            }
        });
    }

    private static void apiError(ServerRequest req, ServerResponse res, ApiException e) {
        if (e instanceof RateLimitedException limited) {
            res.header(HeaderNames.RETRY_AFTER, String.valueOf(limited.retryAfterSeconds()));
        }
        if (e.status() == Status.UNAUTHORIZED_401) {
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        }
        send(res, e.status(), e.detail());
    }

    private static void httpError(ServerRequest req, ServerResponse res, HttpException e) {
        if (e.status().code() >= 500) {
            unexpected(req, res, e);
            return;
        }
        send(res, e.status(), e.getMessage() == null ? e.status().reasonPhrase() : e.getMessage());
    }

    private static void unexpected(ServerRequest req, ServerResponse res, Throwable e) {
        String requestId = req.context().get(RequestId.class).map(RequestId::value).orElse("-");
        LOG.log(System.Logger.Level.ERROR, "Internal error in " + req.prologue().method().text() + " "
                + req.path().path() + " [request " + requestId + "]", e);
        send(res, Status.INTERNAL_SERVER_ERROR_500, "Internal server error");
    }

    private static void send(ServerResponse res, Status status, Object detail) {
        if (res.isSent()) {
            return;
        }
        Json.send(res, status, Map.of("detail", detail));
    }

    /** Errors before routing (malformed request line, payload too large) are JSON too. */
    public static DirectHandlers directHandlers() {
        DirectHandler json = (request, eventType, status, headers, message) -> {
            String detail = status.code() == 413 ? "Request body too large" : switch (eventType) {
                case PAYLOAD_TOO_LARGE -> "Request body too large";
                case BAD_REQUEST -> message == null || message.isBlank() ? "Bad request" : "Bad request: " + message;
                case FORBIDDEN -> "Forbidden";
                case INTERNAL_ERROR -> "Internal server error";
                default -> status.reasonPhrase();
            };
            byte[] body = Json.write(Map.of("detail", detail)).getBytes(StandardCharsets.UTF_8);
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, "application/json")
                    .header(AccessLogFilter.X_REQUEST_ID, java.util.UUID.randomUUID().toString())
                    .entity(body)
                    .build();
        };
        DirectHandlers.Builder builder = DirectHandlers.builder();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            builder.addHandler(type, json);
        }
        return builder.build();
    }
}
