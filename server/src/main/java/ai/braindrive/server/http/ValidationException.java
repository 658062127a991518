package ai.braindrive.server.http;

import java.util.List;

import io.helidon.http.Status;

/** 422 with a list of field errors, as FastAPI reports request validation failures. */
public final class ValidationException extends ApiException {
    public static final Status UNPROCESSABLE = Status.create(422, "Unprocessable Entity");

    public ValidationException(List<FieldError> errors) {
        super(UNPROCESSABLE, List.copyOf(errors));
    }

    public static ValidationException of(FieldError error) {
        return new ValidationException(List.of(error));
    }

    public static ValidationException field(String field, String msg) {
        return of(FieldError.body(field, msg, "value_error"));
    }
}
