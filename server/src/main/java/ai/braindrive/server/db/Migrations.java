package ai.braindrive.server.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Versioned schema migrations: {@code db/migration/V<n>__<name>.sql} on the class path, applied in version order,
 * each in its own transaction and recorded in {@code schema_version}. Statements in a file end with a {@code ;}
 * at the end of a line.
 */
public final class Migrations {
    private static final System.Logger LOG = System.getLogger(Migrations.class.getName());
    static final String DEFAULT_LOCATION = "db/migration";
    /** Derby's SQLSTATE for "table does not exist" (PostgreSQL's is 42P01). */
    private static final String TABLE_NOT_FOUND = "42X05";
    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w+)\\.sql");

    record Migration(int version, String fileName, String sql) {
    }

    private final Database db;
    private final String location;

    Migrations(Database db, String location) {
        this.db = db;
        this.location = location;
    }

    public void migrate() {
        try (Connection connection = db.connection()) {
            connection.setAutoCommit(false);
            ensureVersionTable(connection);
            Set<Integer> applied = appliedVersions(connection);
            for (Migration migration : available(location)) {
                if (!applied.contains(migration.version())) {
                    apply(connection, migration);
                }
            }
        } catch (SQLException e) {
            throw new DatabaseException("Cannot read the schema version: " + e.getMessage(), e);
        }
    }

    /**
     * Creates {@code schema_version} on first start. Probing with a plain query is much cheaper than
     * {@code DatabaseMetaData.getTables}, which Derby answers by compiling a large catalog query at every start.
     */
    private static void ensureVersionTable(Connection connection) throws SQLException {
        try (Statement probe = connection.createStatement()) {
            probe.executeQuery("SELECT COUNT(*) FROM schema_version").close();
            return;
        } catch (SQLException e) {
            if (!TABLE_NOT_FOUND.equals(e.getSQLState()) && !"42P01".equals(e.getSQLState())) {
                throw e;
            }
            connection.rollback();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, "
                    + "file_name VARCHAR(255) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }
        connection.commit();
    }

    private static Set<Integer> appliedVersions(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT version FROM schema_version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    private static void apply(Connection connection, Migration migration) {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(migration.sql())) {
                statement.execute(sql);
            }
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO schema_version (version, file_name, applied_at) VALUES (?, ?, ?)")) {
                record.setInt(1, migration.version());
                record.setString(2, migration.fileName());
                record.setTimestamp(3, Row.toTimestamp(Instant.now()));
                record.executeUpdate();
            }
            connection.commit();
            LOG.log(System.Logger.Level.INFO, "Applied migration " + migration.fileName());
        } catch (SQLException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            throw new DatabaseException("Migration " + migration.fileName() + " failed: " + e.getMessage(), e);
        }
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** All migrations on the class path, in version order; two files with one version is a build error. */
    static List<Migration> available(String location) {
        List<Migration> migrations = new ArrayList<>();
        for (String fileName : listFiles(location)) {
            Matcher matcher = FILE_NAME.matcher(fileName);
            if (!matcher.matches()) {
                continue;
            }
            migrations.add(new Migration(Integer.parseInt(matcher.group(1)), fileName, read(location, fileName)));
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                throw new DatabaseException("Two migrations share version " + migrations.get(i).version() + ": "
                        + migrations.get(i - 1).fileName() + " and " + migrations.get(i).fileName(), null);
            }
        }
        return migrations;
    }

    private static String read(String location, String fileName) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(location + "/" + fileName)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> listFiles(String location) {
        URL url = Migrations.class.getClassLoader().getResource(location);
        if (url == null) {
            return List.of();
        }
        try {
            URI uri = url.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return fileNames(jar.getPath(location));
                } catch (java.nio.file.FileSystemAlreadyExistsException alreadyOpen) {
                    return fileNames(FileSystems.getFileSystem(uri).getPath(location));
                }
            }
            return fileNames(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}
