package ai.braindrive.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import ai.braindrive.server.http.Json;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.Test;

class ProgressViewTest {
    private static ObjectNode job(String status, int percent, String stage, String message) {
        ObjectNode job = Json.MAPPER.createObjectNode().put("id", "j1").put("status", status)
                .put("progress_percent", percent);
        job.put("current_stage", stage);
        job.put("message", message);
        return job;
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndLogLinesScrollAboveIt() throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        // Built directly: TerminalBuilder may hand out an overriding system terminal instead of these streams. Paused,
        // so no thread reads the (empty) input, whose end would close the terminal.
        Terminal terminal = new ExternalTerminal(null, "test", "xterm", new ByteArrayInputStream(new byte[0]), screen,
                StandardCharsets.UTF_8, Terminal.SignalHandler.SIG_DFL, true, null, new Size(80, 24));
        try (ProgressView view = new ProgressView.Bar(terminal)) {
            view.show(job("running", 0, "download", "starting"));
            view.log("info", "connected");
            view.show(job("running", 50, "download", "half way"));
            ObjectNode done = job("completed", 100, "done", "finished");
            view.show(done);
            view.finish(done);
        }
        String clear = "\r\033[K";
        assertEquals(clear + "[------------------------------]   0%  running  download: starting"
                + clear + "[info] connected\n"
                + clear + "[------------------------------]   0%  running  download: starting"
                + clear + "[###############---------------]  50%  running  download: half way"
                + clear + "[##############################] 100%  completed  done: finished"
                + clear + "Job j1 completed\n",
                // The terminal writes a new line as CR LF.
                screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }

    @Test
    void withoutATerminalEachChangeIsOneLine() {
        StringWriter out = new StringWriter();
        ProgressView view = new ProgressView.Lines(new PrintWriter(out));
        view.show(job("running", 10, "download", "a"));
        view.show(job("running", 10, "download", "a"));
        view.log("warn", "slow mirror");
        ObjectNode failed = job("failed", 10, "download", "a").put("error", "disk full");
        view.show(failed);
        view.finish(failed);
        assertEquals("""
                 10%  running  download: a
                [warn] slow mirror
                 10%  failed  download: a
                Job j1 failed: disk full
                """, out.toString());
    }
}
