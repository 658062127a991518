package ai.braindrive.server.personas;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import ai.braindrive.server.db.Row;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.db.SqlHints;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.personas.PersonaRecords.PersonaFilter;

/** All SQL of personas and their tags. Every read and write is scoped by the owner's user id. */
public final class PersonaRepository {
    private static final String COLUMNS = "id, user_id, name, description, system_prompt, model_settings, avatar, "
            + "sample_greeting, is_active, created_at, updated_at";

    private final Sql db;

    public PersonaRepository(Sql db) {
        this.db = db;
    }

    private static Persona persona(Row row) {
        return new Persona(row.string("id"), row.string("name"), row.string("description"),
                row.string("system_prompt"), Json.parseStored(row.string("model_settings")), row.string("avatar"),
                List.of(), row.string("sample_greeting"), row.bool("is_active"), row.string("user_id"),
                row.instant("created_at"), row.instant("updated_at"));
    }

    /** The user's persona with its tags, or empty when it does not exist or belongs to someone else. */
    public Optional<Persona> find(String userId, String id) {
        return find(db, userId, id);
    }

    Optional<Persona> find(Sql tx, String userId, String id) {
        return tx.one("SELECT " + COLUMNS + " FROM personas WHERE id = ? AND user_id = ?",
                PersonaRepository::persona, id, userId)
                .map(p -> p.withTags(tagsOf(tx, List.of(p.id())).getOrDefault(p.id(), List.of())));
    }

    /** True when {@code id} names one of the user's personas. */
    public boolean exists(Sql tx, String userId, String id) {
        return tx.exists("SELECT 1 FROM personas WHERE id = ? AND user_id = ?", id, userId);
    }

    public List<Persona> page(String userId, PersonaFilter filter, long skip, int limit) {
        List<Object> params = new ArrayList<>();
        String where = where(userId, filter, params);
        params.add(skip);
        params.add(limit);
        List<Persona> personas = db.list("SELECT " + COLUMNS + " FROM personas"
                + SqlHints.derbyIndex("personas_user_created_ix") + " WHERE " + where
                + " ORDER BY created_at DESC, id DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                PersonaRepository::persona, params.toArray());
        if (personas.isEmpty()) {
            return personas;
        }
        Map<String, List<String>> tags = tagsOf(db, personas.stream().map(Persona::id).toList());
        return personas.stream().map(p -> p.withTags(tags.getOrDefault(p.id(), List.of()))).toList();
    }

    public long count(String userId, PersonaFilter filter) {
        List<Object> params = new ArrayList<>();
        String where = where(userId, filter, params);
        return db.count("SELECT COUNT(*) AS c FROM personas WHERE " + where, params.toArray());
    }

    /** The WHERE clause of a list: fixed SQL with one placeholder per bound value. */
    private static String where(String userId, PersonaFilter filter, List<Object> params) {
        StringBuilder where = new StringBuilder("user_id = ?");
        params.add(userId);
        if (filter.isActive() != null) {
            where.append(" AND is_active = ?");
            params.add(filter.isActive());
        }
        if (filter.search() != null) {
            String pattern = "%" + escapeLike(filter.search().toLowerCase(Locale.ROOT)) + "%";
            where.append(" AND (LOWER(name) LIKE ? ESCAPE '\\' OR LOWER(description) LIKE ? ESCAPE '\\'"
                    + " OR LOWER(system_prompt) LIKE ? ESCAPE '\\')");
            params.add(pattern);
            params.add(pattern);
            params.add(pattern);
        }
        if (!filter.tags().isEmpty()) {
            where.append(" AND id IN (SELECT persona_id FROM persona_tags WHERE user_id = ? AND tag IN (")
                    .append(placeholders(filter.tags().size())).append("))");
            params.add(userId);
            params.addAll(filter.tags());
        }
        return where.toString();
    }

    static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Tags of the given personas, in their stored order. */
    private static Map<String, List<String>> tagsOf(Sql tx, List<String> personaIds) {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        tx.list("SELECT persona_id, tag FROM persona_tags WHERE persona_id IN (" + placeholders(personaIds.size())
                        + ") ORDER BY persona_id, position",
                row -> {
                    tags.computeIfAbsent(row.string("persona_id"), k -> new ArrayList<>()).add(row.string("tag"));
                    return null;
                }, personaIds.toArray());
        return tags;
    }

    /** The distinct tags of the user's personas, alphabetically. */
    public List<String> distinctTags(String userId) {
        return db.list("SELECT DISTINCT tag FROM persona_tags WHERE user_id = ? ORDER BY tag",
                row -> row.string("tag"), userId);
    }

    public void insert(Sql tx, Persona p) {
        tx.update("INSERT INTO personas (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.userId(), p.name(), p.description(), p.systemPrompt(), storedJson(p), p.avatar(),
                p.sampleGreeting(), p.isActive(), p.createdAt(), p.updatedAt());
        insertTags(tx, p);
    }

    /** Rewrites the persona and its tags; false when it no longer exists. */
    public boolean update(Sql tx, Persona p) {
        long changed = tx.update("UPDATE personas SET name = ?, description = ?, system_prompt = ?, model_settings = ?, avatar = ?, "
                        + "sample_greeting = ?, is_active = ?, updated_at = ? WHERE id = ? AND user_id = ?",
                p.name(), p.description(), p.systemPrompt(), storedJson(p), p.avatar(), p.sampleGreeting(),
                p.isActive(), p.updatedAt(), p.id(), p.userId());
        if (changed == 0) {
            return false;
        }
        tx.update("DELETE FROM persona_tags WHERE persona_id = ?", p.id());
        insertTags(tx, p);
        return true;
    }

    /** Deletes the user's persona (its tags cascade; conversations keep a null persona). False when not found. */
    public boolean delete(Sql tx, String userId, String id) {
        return tx.update("DELETE FROM personas WHERE id = ? AND user_id = ?", id, userId) == 1;
    }

    private static void insertTags(Sql tx, Persona p) {
        int position = 0;
        for (String tag : p.tags()) {
            tx.update("INSERT INTO persona_tags (persona_id, user_id, tag, position) VALUES (?, ?, ?, ?)",
                    p.id(), p.userId(), tag, position++);
        }
    }

    private static String storedJson(Persona p) {
        return p.modelSettings() == null || p.modelSettings().isNull() ? null : Json.write(p.modelSettings());
    }
}
