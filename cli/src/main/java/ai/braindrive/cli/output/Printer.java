package ai.braindrive.cli.output;

import java.io.PrintWriter;

import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

/** Prints data in the chosen {@link OutputFormat}: a {@link Table}, or the JSON as the server sent it (indented). */
public final class Printer {
    private Printer() {
    }

    public static void print(PrintWriter out, OutputFormat format, JsonNode data, Table table) {
        if (format == OutputFormat.json) {
            out.println(json(data));
            out.flush();
        } else {
            table.print(out, data);
        }
    }

    public static String json(JsonNode data) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write JSON", e);
        }
    }
}
