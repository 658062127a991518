package ai.braindrive.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Asks the person at the terminal; absent when the CLI does not run on a terminal (scripts, tests). */
public interface Prompter {
    String readLine(String prompt);

    /** Reads without echo. */
    char[] readPassword(String prompt);

    /** The system console when stdin and stdout are a terminal, else null. */
    static Prompter systemConsole() {
        Console console = System.console();
        if (console == null || !isTerminal(console)) {
            return null;
        }
        return new Prompter() {
            @Override
            public String readLine(String prompt) {
                return console.readLine("%s", prompt);
            }

            @Override
            public char[] readPassword(String prompt) {
                return console.readPassword("%s", prompt);
            }
        };
    }

    /** JDK 22+ may return a console even when redirected; {@code Console.isTerminal()} (22+) tells. */
    private static boolean isTerminal(Console console) {
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: System.console() is null unless on a terminal.
        }
    }
}
