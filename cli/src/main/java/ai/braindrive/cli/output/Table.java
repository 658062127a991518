package ai.braindrive.cli.output;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Prints JSON objects as an aligned table: one row per object (a single object is one row), columns separated by
 * two spaces, headers in capitals, no trailing blanks. A missing or null value prints as {@code -}.
 */
public final class Table {
    private final List<Column> columns;

    public record Column(String header, Function<JsonNode, String> value) {
    }

    private Table(List<Column> columns) {
        this.columns = List.copyOf(columns);
    }

    public static Table of(Column... columns) {
        return new Table(List.of(columns));
    }

    /** A column showing one field of the object as text. */
    public static Column column(String header, String field) {
        return new Column(header, node -> text(node.path(field)));
    }

    public static Column column(String header, Function<JsonNode, String> value) {
        return new Column(header, value);
    }

    public static String text(JsonNode value) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return "-";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    public void print(PrintWriter out, JsonNode data) {
        List<JsonNode> items = new ArrayList<>();
        if (data.isArray()) {
            data.forEach(items::add);
        } else {
            items.add(data);
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(columns.stream().map(Column::header).toArray(String[]::new));
        for (JsonNode item : items) {
            rows.add(columns.stream().map(c -> clean(c.value().apply(item))).toArray(String[]::new));
        }
        int[] widths = new int[columns.size()];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String clean(String value) {
        return value == null ? "-" : value.replaceAll("[\\r\\n\\t]+", " ");
    }
}
