package ai.braindrive.server.pluginstate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.DbErrors;
import ai.braindrive.server.db.Ids;
import ai.braindrive.server.http.ApiException;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.CurrentUser;
import ai.braindrive.server.http.FieldError;
import ai.braindrive.server.http.Json;
import ai.braindrive.server.http.Params;
import ai.braindrive.server.http.ValidationException;
import ai.braindrive.server.pluginstate.PluginStateInput.Change;
import ai.braindrive.server.pluginstate.PluginStateInput.NewState;
import ai.braindrive.server.pluginstate.PluginStateRecords.BulkBody;
import ai.braindrive.server.pluginstate.PluginStateRecords.BulkResult;
import ai.braindrive.server.pluginstate.PluginStateRecords.CleanupResult;
import ai.braindrive.server.pluginstate.PluginStateRecords.CreateBody;
import ai.braindrive.server.pluginstate.PluginStateRecords.Message;
import ai.braindrive.server.pluginstate.PluginStateRecords.PluginState;
import ai.braindrive.server.pluginstate.PluginStateRecords.UpdateBody;

import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The Plugin State section: JSON state that plugins keep per user (optionally per page and key). Every operation
 * is scoped to the caller; another user's state answers 404. The list is a plain JSON array, as in the original
 * API, with the number of matching states in {@code X-Total-Count}.
 */
public final class PluginStateService {
    static final int MAX_BULK = 100;
    static final String TOTAL_COUNT = "X-Total-Count";
    private static final String NOT_FOUND = "Plugin state not found";

    private final Database db;
    private final PluginStateRepository repository;

    public PluginStateService(Database db) {
        this.db = db;
        this.repository = new PluginStateRepository(db);
    }

    public void routes(ApiRoutes routes) {
        routes.under("/api/v1/plugin-state")
                .post("", this::create)
                .get("", this::list)
                .post("/bulk", this::bulkCreate)
                .get("/stats", this::stats)
                .delete("/cleanup", this::cleanup)
                .get("/{id}", this::get)
                .put("/{id}", this::update)
                .delete("/{id}", this::delete);
    }

    private void create(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        CreateBody body = Json.read(req, CreateBody.class);
        List<FieldError> errors = new ArrayList<>();
        NewState state = PluginStateInput.newState(body, List.of("body"), errors);
        if (state == null) {
            throw new ValidationException(errors);
        }
        user.requireSelf(body.userId());
        PluginStateInput.checkSize("state_data", state.stateSize());
        Instant now = Ids.now();
        String id = Ids.newId();
        PluginState created = insertAll(user.id(), List.of(state), List.of(id), now, false).getFirst();
        Json.send(res, Status.CREATED_201, created);
    }

    private void bulkCreate(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        BulkBody body = Json.read(req, BulkBody.class);
        if (body.states() == null) {
            throw ValidationException.of(FieldError.body("states", "Field required", "missing"));
        }
        if (body.states().size() > MAX_BULK) {
            throw ValidationException.of(FieldError.body("states",
                    "List should have at most " + MAX_BULK + " items, not " + body.states().size(), "too_long"));
        }
        List<FieldError> errors = new ArrayList<>();
        List<NewState> states = new ArrayList<>();
        for (int i = 0; i < body.states().size(); i++) {
            states.add(PluginStateInput.newState(body.states().get(i), List.of("body", "states", i), errors));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        for (int i = 0; i < states.size(); i++) {
            user.requireSelf(body.states().get(i).userId());
            PluginStateInput.checkSize("states[" + i + "].state_data", states.get(i).stateSize());
            for (int j = 0; j < i; j++) {
                if (states.get(i).sameScope(states.get(j))) {
                    throw ApiException.conflict("states[" + i + "] duplicates states[" + j + "] ("
                            + states.get(i).describeScope() + "); nothing was created");
                }
            }
        }
        Instant now = Ids.now();
        List<String> ids = states.stream().map(s -> Ids.newId()).toList();
        List<PluginState> created = insertAll(user.id(), states, ids, now, true);
        Json.send(res, Status.CREATED_201, new BulkResult(created, List.of()));
    }

    /** Inserts every state in one transaction: all of them, or (on the first conflict) none. */
    private List<PluginState> insertAll(String userId, List<NewState> states, List<String> ids, Instant now,
                                        boolean bulk) {
        try {
            return db.inTransaction(tx -> {
                List<PluginState> created = new ArrayList<>(states.size());
                for (int i = 0; i < states.size(); i++) {
                    NewState state = states.get(i);
                    if (repository.scopeTaken(tx, userId, state, now)) {
                        throw ApiException.conflict((bulk ? "states[" + i + "]: " : "")
                                + "A plugin state already exists for " + state.describeScope()
                                + (bulk ? "; nothing was created" : ". Use PUT to update it."));
                    }
                    repository.deleteExpiredInScope(tx, userId, state, now);
                    repository.insert(tx, ids.get(i), userId, state, now);
                    created.add(repository.findEvenIfExpired(tx, userId, ids.get(i)).orElseThrow());
                }
                return created;
            });
        } catch (RuntimeException e) {
            if (DbErrors.isUniqueViolation(e)) {
                throw ApiException.conflict("A plugin state already exists for the same plugin_id, page_id and "
                        + "state_key");
            }
            throw e;
        }
    }

    private void list(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String strategy = Params.query(req, "state_strategy").orElse(null);
        String syncStatus = Params.query(req, "sync_status").orElse(null);
        List<FieldError> errors = new ArrayList<>();
        enumQuery(errors, "state_strategy", strategy, PluginStateInput.STRATEGIES);
        enumQuery(errors, "sync_status", syncStatus, PluginStateInput.SYNC_STATUSES);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        PluginStateRepository.Filter filter = new PluginStateRepository.Filter(
                Params.query(req, "plugin_id").orElse(null), Params.query(req, "page_id").orElse(null),
                Params.query(req, "state_key").orElse(null), strategy, syncStatus,
                Params.boolQuery(req, "is_active").orElse(null), Params.query(req, "device_id").orElse(null));
        Params.PageRequest page = Params.paging(req, 100, 1000);
        Instant now = Ids.now();
        long total = repository.count(user.id(), filter, now);
        List<PluginState> states = repository.list(user.id(), filter, page.skip(), page.limit(), now);
        res.header(TOTAL_COUNT, String.valueOf(total));
        Json.send(res, states);
    }

    private static void enumQuery(List<FieldError> errors, String name, String value, List<String> allowed) {
        if (value != null && !allowed.contains(value)) {
            errors.add(FieldError.query(name, "Input should be " + String.join(", ",
                    allowed.stream().map(a -> "'" + a + "'").toList()), "enum"));
        }
    }

    /** Reading a state counts as an access ({@code access_count}, {@code last_accessed}), as in the original. */
    private void get(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        Instant now = Ids.now();
        PluginState state = db.inTransaction(tx -> {
            if (!repository.touch(tx, user.id(), id, now)) {
                throw ApiException.notFound(NOT_FOUND);
            }
            return repository.find(tx, user.id(), id, now).orElseThrow(() -> ApiException.notFound(NOT_FOUND));
        });
        Json.send(res, state);
    }

    private void update(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        String id = Params.path(req, "id");
        UpdateBody body = Json.read(req, UpdateBody.class);
        List<FieldError> errors = new ArrayList<>();
        Change change = PluginStateInput.change(body, errors);
        if (change == null) {
            throw new ValidationException(errors);
        }
        user.requireSelf(body.userId());
        if (change.stateSize() != null) {
            PluginStateInput.checkSize("state_data", change.stateSize());
        }
        Instant now = Ids.now();
        PluginState updated = db.inTransaction(tx -> {
            PluginState current = repository.find(tx, user.id(), id, now)
                    .orElseThrow(() -> ApiException.notFound(NOT_FOUND));
            if (!repository.update(tx, apply(current, change), now)) {
                throw ApiException.notFound(NOT_FOUND);
            }
            // Read back even if expired: an update may set a TTL in the past, which expires the state.
            return repository.findEvenIfExpired(tx, user.id(), id).orElseThrow();
        });
        Json.send(res, updated);
    }

    /** The state with the change applied; an update without {@code sync_status} marks the state synced. */
    private static PluginState apply(PluginState s, Change c) {
        return new PluginState(s.id(), s.userId(), s.pluginId(), s.pageId(), s.stateKey(),
                c.strategy() != null ? c.strategy() : s.stateStrategy(),
                c.stateJson() != null ? Json.parseStored(c.stateJson()) : s.stateData(),
                c.stateSize() != null ? c.stateSize() : s.stateSize(),
                c.schemaVersion() != null ? c.schemaVersion() : s.stateSchemaVersion(), s.compressionType(),
                c.deviceId() != null ? c.deviceId() : s.deviceId(),
                c.syncStatus() != null ? c.syncStatus() : PluginStateInput.DEFAULT_SYNC_STATUS,
                s.version(), c.active() != null ? c.active() : s.isActive(),
                c.ttlGiven() ? c.ttlExpiresAt() : s.ttlExpiresAt(), s.lastAccessed(), s.accessCount(),
                s.createdAt(), s.updatedAt());
    }

    private void delete(ServerRequest req, ServerResponse res) {
        CurrentUser user = CurrentUser.of(req);
        if (!repository.delete(user.id(), Params.path(req, "id"), Ids.now())) {
            throw ApiException.notFound(NOT_FOUND);
        }
        Json.send(res, new Message("Plugin state deleted successfully"));
    }

    private void stats(ServerRequest req, ServerResponse res) {
        Json.send(res, repository.stats(CurrentUser.of(req).id(), Ids.now()));
    }

    /** Deletes the caller's expired states, except persistent ones (those only become invisible). */
    private void cleanup(ServerRequest req, ServerResponse res) {
        long deleted = repository.deleteExpired(CurrentUser.of(req).id(), Ids.now());
        Json.send(res, new CleanupResult("Cleaned up " + deleted + " expired plugin states", deleted, deleted));
    }
}
