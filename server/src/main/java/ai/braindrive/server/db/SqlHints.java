package ai.braindrive.server.db;

/**
 * Optimizer hints written as SQL comments: Derby reads them, other databases (PostgreSQL) see a comment.
 */
public final class SqlHints {
    private SqlHints() {
    }

    /**
     * Follow {@code index} for the table reference just before this text. Derby's cost model prefers a full scan and
     * sort once its statistics show that one user owns most rows of a table (a desktop install has one user), which
     * makes a page cost grow with the table; walking the ordered index reads only the rows of the page.
     */
    public static String derbyIndex(String index) {
        return " --DERBY-PROPERTIES index=" + index + "\n";
    }
}
