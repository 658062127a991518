package ai.braindrive.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;

import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PrinterTest {
    private static final Table TABLE = Table.of(
            Table.column("NAME", "name"),
            Table.column("SIZE", "size"),
            Table.column("TAGS", node -> String.join(",", node.path("tags").findValuesAsText("label"))));

    @Test
    void aTableAlignsColumnsAndShowsMissingValuesAsDashes() {
        JsonNode rows = Json.parseStored("""
                [{"name": "llama3", "size": 4661224676, "tags": [{"label": "chat"}, {"label": "8b"}]},
                 {"name": "a\\nb", "size": null, "tags": []}]""");
        assertEquals("""
                NAME    SIZE        TAGS
                llama3  4661224676  chat,8b
                a b     -
                """, print(OutputFormat.table, rows));
    }

    @Test
    void aSingleObjectIsOneRowAndAnEmptyListOnlyTheHeader() {
        assertEquals("NAME  SIZE  TAGS\nx     1\n",
                print(OutputFormat.table, Json.parseStored("{\"name\":\"x\",\"size\":1}")));
        assertEquals("NAME  SIZE  TAGS\n", print(OutputFormat.table, Json.parseStored("[]")));
    }

    @Test
    void jsonIsTheServersJsonIndented() {
        assertEquals("{\n  \"name\" : \"x\",\n  \"size\" : 1\n}\n",
                print(OutputFormat.json, Json.parseStored("{\"name\":\"x\",\"size\":1}")));
    }

    private static String print(OutputFormat format, JsonNode data) {
        StringWriter out = new StringWriter();
        Printer.print(new PrintWriter(out), format, data, TABLE);
        return out.toString();
    }
}
