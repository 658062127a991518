package ai.braindrive.cli;

import java.nio.file.Path;

import ai.braindrive.cli.http.Connection;
import ai.braindrive.cli.http.RestClient;
import ai.braindrive.cli.http.ServerConnector;
import ai.braindrive.cli.output.OutputFormat;
import ai.braindrive.cli.output.Printer;
import ai.braindrive.cli.output.Table;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Option;

/**
 * A command that drives the server through its REST API: {@code --server}, {@code --data-dir} (run the server
 * in-process when none answers) and {@code --output}. Subclasses implement {@link #run(RestClient)}.
 */
public abstract class ApiCommand extends BaseCommand {
    @Option(names = "--server", paramLabel = "URL",
            description = "The BrainDrive server (default: $BRAINDRIVE_SERVER, else "
                    + CliContext.DEFAULT_SERVER + ").")
    protected String server;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "When no server answers, run one in-process over this data dir "
                    + "(default: $BRAINDRIVE_DATA_DIR, else the default data dir, if it exists).")
    protected Path dataDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "table",
            description = "table (for people) or json (for scripts). Default: ${DEFAULT-VALUE}.")
    protected OutputFormat output;

    @Override
    public final Integer call() throws Exception {
        try (Connection connection = ServerConnector.connect(context(), server, dataDir, verbose, this::debug)) {
            return run(connection.client());
        }
    }

    protected abstract int run(RestClient client) throws Exception;

    /** Prints {@code data} (an object or an array of them) as a table or as JSON, per {@code --output}. */
    protected void print(JsonNode data, Table table) {
        Printer.print(out(), output, data, table);
    }
}
