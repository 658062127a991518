package ai.braindrive.server.http;

import io.helidon.http.Status;

/** A failure with an HTTP status and a human-readable {@code detail}: the one error model of the API. */
public class ApiException extends RuntimeException {
    private final Status status;
    private final Object detail;

    public ApiException(Status status, Object detail) {
        super(String.valueOf(detail), null, false, false);
        this.status = status;
        this.detail = detail;
    }

    public Status status() {
        return status;
    }

    /** A string for most errors; a list of field errors for 422. */
    public Object detail() {
        return detail;
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(Status.BAD_REQUEST_400, detail);
    }

    public static ApiException unauthorized(String detail) {
        return new ApiException(Status.UNAUTHORIZED_401, detail);
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Status.FORBIDDEN_403, detail);
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Status.NOT_FOUND_404, detail);
    }

    public static ApiException conflict(String detail) {
        return new ApiException(Status.CONFLICT_409, detail);
    }

    public static ApiException unsupportedMediaType(String detail) {
        return new ApiException(Status.UNSUPPORTED_MEDIA_TYPE_415, detail);
    }
}
