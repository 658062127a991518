package ai.braindrive.server.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.helidon.common.media.type.MediaTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.HttpMediaType;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * JSON in and out. Field names are snake_case; timestamps ISO-8601 UTC; wrong types are refused (no silent
 * coercion of 123 into "123"), and every body error becomes a 4xx {@code {"detail": ...}}.
 */
public final class Json {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .serializationInclusion(JsonInclude.Include.ALWAYS)
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private Json() {
    }

    /** Reads the request body as {@code type}; an empty body reads as {@code {}} so required-field checks speak. */
    public static <T> T read(ServerRequest req, Class<T> type) {
        JsonNode node = readTree(req);
        return convert(node.isMissingNode() ? MAPPER.createObjectNode() : node, type);
    }

    /**
     * The body as a JSON object ({@code {}} when there is none), for partial updates that need to know which
     * fields were sent; any other JSON value is a 422.
     */
    public static ObjectNode readObject(ServerRequest req) {
        JsonNode node = readTree(req);
        if (node.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!node.isObject()) {
            throw ValidationException.of(new FieldError(List.of("body"), "Input should be a valid dictionary",
                    "dict_type"));
        }
        return (ObjectNode) node;
    }

    /** The body as a tree, or a missing node when there is none. */
    public static JsonNode readTree(ServerRequest req) {
        requireJsonContentType(req);
        if (!req.content().hasEntity()) {
            return MAPPER.missingNode();
        }
        byte[] body = req.content().as(byte[].class);
        if (body.length == 0) {
            return MAPPER.missingNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw ValidationException.of(new FieldError(List.of("body", e.getLocation() == null ? 0
                    : (int) e.getLocation().getCharOffset()), "JSON decode error: " + e.getOriginalMessage(),
                    "json_invalid"));
        } catch (IOException e) {
            throw ApiException.badRequest("Cannot read the request body");
        }
    }

    /** Maps a tree onto a body record; JSON {@code null} where an object is expected is a 422, never a null body. */
    public static <T> T convert(JsonNode node, Class<T> type) {
        if (node == null || node.isNull()) {
            throw ValidationException.of(new FieldError(List.of("body"), "Input should be a valid dictionary",
                    "dict_type"));
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw toValidation(e);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Invalid request body");
        }
    }

    private static ValidationException toValidation(JsonMappingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        for (JsonMappingException.Reference ref : e.getPath()) {
            loc.add(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        String type = "value_error";
        String msg = e.getOriginalMessage();
        if (e instanceof InvalidFormatException invalid) {
            Class<?> target = invalid.getTargetType();
            type = target != null && target.isEnum() ? "enum" : "type_error";
            msg = "Invalid value " + invalid.getValue() + (target == null ? "" : " for " + simpleType(target));
        } else if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            type = "type_error";
            msg = "Input should be " + simpleType(mismatched.getTargetType());
        }
        return ValidationException.of(new FieldError(loc, msg, type));
    }

    private static String simpleType(Class<?> type) {
        if (type == String.class) {
            return "a valid string";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a valid integer";
        }
        if (type == Double.class || type == double.class || type == Float.class) {
            return "a valid number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a valid boolean";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a valid list";
        }
        if (type.isEnum()) {
            return "one of the allowed values";
        }
        return "a valid " + type.getSimpleName();
    }

    private static void requireJsonContentType(ServerRequest req) {
        Optional<HttpMediaType> contentType = req.headers().contentType();
        if (contentType.isPresent() && req.content().hasEntity()) {
            String subtype = contentType.get().mediaType().subtype();
            if (!subtype.equals("json") && !subtype.endsWith("+json")) {
                throw ApiException.unsupportedMediaType("Content-Type must be application/json");
            }
        }
    }

    public static void send(ServerResponse res, Object body) {
        send(res, Status.OK_200, body);
    }

    public static void send(ServerResponse res, Status status, Object body) {
        byte[] bytes;
        try {
            bytes = MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON response", e);
        }
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, MediaTypes.APPLICATION_JSON.text());
        res.send(bytes);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }

    /** Parses JSON stored in the database (trusted, written by us). */
    public static JsonNode parseStored(String json) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored JSON is corrupt", e);
        }
    }
}
