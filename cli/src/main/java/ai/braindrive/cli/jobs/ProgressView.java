package ai.braindrive.cli.jobs;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Objects;

import ai.braindrive.cli.CliContext;

import com.fasterxml.jackson.databind.JsonNode;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * How {@code jobs watch} shows a job as it runs: a live progress bar redrawn in place on a terminal (JLine), or
 * one line per change when the output is a pipe or a file.
 */
abstract class ProgressView implements AutoCloseable {
    abstract void show(JsonNode job);

    abstract void log(String level, String message);

    /** The job has finished: one closing line. */
    abstract void finish(JsonNode job);

    @Override
    public void close() {
    }

    static ProgressView silent() {
        return new ProgressView() {
            @Override
            void show(JsonNode job) {
            }

            @Override
            void log(String level, String message) {
            }

            @Override
            void finish(JsonNode job) {
            }
        };
    }

    /** A bar when stdin and stdout are a terminal, else lines on {@code out}. */
    static ProgressView create(CliContext context, PrintWriter out) {
        if (context.prompter() != null) {
            try {
                Terminal terminal = TerminalBuilder.builder().system(true).build();
                if (!Terminal.TYPE_DUMB.equals(terminal.getType()) && terminal.getWidth() > 20) {
                    return new Bar(terminal);
                }
                terminal.close();
            } catch (IOException | RuntimeException e) {
                // No usable terminal: fall back to lines.
            }
        }
        return new Lines(out);
    }

    static String describe(JsonNode job) {
        StringBuilder line = new StringBuilder();
        line.append(String.format("%3d%%", job.path("progress_percent").asInt())).append("  ")
                .append(job.path("status").asText());
        if (job.hasNonNull("current_stage")) {
            line.append("  ").append(job.get("current_stage").asText());
        }
        if (job.hasNonNull("message")) {
            line.append(": ").append(job.get("message").asText());
        }
        return line.toString();
    }

    static String outcome(JsonNode job) {
        String status = job.path("status").asText();
        String text = "Job " + job.path("id").asText() + " " + status;
        return job.hasNonNull("error") && !status.equals("completed") ? text + ": " + job.get("error").asText() : text;
    }

    /** One line whenever what would be shown changes. */
    static final class Lines extends ProgressView {
        private final PrintWriter out;
        private String last;

        Lines(PrintWriter out) {
            this.out = out;
        }

        @Override
        void show(JsonNode job) {
            String line = describe(job);
            if (!Objects.equals(line, last)) {
                last = line;
                out.println(line);
                out.flush();
            }
        }

        @Override
        void log(String level, String message) {
            out.println("[" + level + "] " + message);
            out.flush();
        }

        @Override
        void finish(JsonNode job) {
            out.println(outcome(job));
            out.flush();
        }
    }

    /** A bar redrawn in place; log lines scroll above it. */
    static final class Bar extends ProgressView {
        private static final int BAR_WIDTH = 30;
        private final Terminal terminal;
        private final PrintWriter writer;
        private String current = "";

        Bar(Terminal terminal) {
            this.terminal = terminal;
            this.writer = terminal.writer();
        }

        @Override
        void show(JsonNode job) {
            int percent = Math.max(0, Math.min(100, job.path("progress_percent").asInt()));
            int filled = percent * BAR_WIDTH / 100;
            String text = "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + describe(job);
            int width = Math.max(20, terminal.getWidth() - 1);
            current = text.length() > width ? text.substring(0, width) : text;
            redraw();
        }

        @Override
        void log(String level, String message) {
            writer.print("\r\033[K[" + level + "] " + message + "\n");
            redraw();
        }

        @Override
        void finish(JsonNode job) {
            writer.print("\r\033[K" + outcome(job) + "\n");
            writer.flush();
        }

        private void redraw() {
            writer.print("\r\033[K" + current);
            writer.flush();
        }

        @Override
        public void close() {
            try {
                terminal.close();
            } catch (IOException ignored) {
                // Nothing left to show.
            }
        }
    }
}
