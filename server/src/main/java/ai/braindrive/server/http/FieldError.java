package ai.braindrive.server.http;

import java.util.List;

/** One entry of a FastAPI-style 422 detail: {@code {"loc": ["body", "name"], "msg": "...", "type": "..."}}. */
public record FieldError(List<Object> loc, String msg, String type) {
    public static FieldError body(String field, String msg, String type) {
        return new FieldError(List.of("body", field), msg, type);
    }

    public static FieldError query(String name, String msg, String type) {
        return new FieldError(List.of("query", name), msg, type);
    }
}
