package ai.braindrive.server.http;

/** The id of one request, echoed in {@code X-Request-ID} and in every log line about it. */
public record RequestId(String value) {
}
