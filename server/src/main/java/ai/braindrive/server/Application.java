package ai.braindrive.server;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import ai.braindrive.server.auth.AuthRepository;
import ai.braindrive.server.auth.AuthService;
import ai.braindrive.server.auth.Authenticator;
import ai.braindrive.server.auth.LoginGuard;
import ai.braindrive.server.auth.PasswordHasher;
import ai.braindrive.server.auth.SecretFiles;
import ai.braindrive.server.auth.TokenService;
import ai.braindrive.server.auth.UserProvisioner;
import ai.braindrive.server.components.ComponentsRepository;
import ai.braindrive.server.components.ComponentsService;
import ai.braindrive.server.config.ServerConfig;
import ai.braindrive.server.conversations.ConversationRepository;
import ai.braindrive.server.conversations.ConversationService;
import ai.braindrive.server.conversations.MessageRepository;
import ai.braindrive.server.conversations.MessageService;
import ai.braindrive.server.db.Database;
import ai.braindrive.server.db.Sql;
import ai.braindrive.server.health.HealthService;
import ai.braindrive.server.http.AccessLogFilter;
import ai.braindrive.server.http.ApiRoutes;
import ai.braindrive.server.http.BrowserGuardFilter;
import ai.braindrive.server.http.ErrorHandling;
import ai.braindrive.server.http.RateLimiter;
import ai.braindrive.server.http.RouteCatalog;
import ai.braindrive.server.jobs.JobEngine;
import ai.braindrive.server.jobs.JobRepository;
import ai.braindrive.server.jobs.JobService;
import ai.braindrive.server.jobs.JobsConfig;
import ai.braindrive.server.jobs.SleepJobHandler;
import ai.braindrive.server.navigation.NavigationRepository;
import ai.braindrive.server.navigation.NavigationService;
import ai.braindrive.server.navigation.PageLinks;
import ai.braindrive.server.pages.NavigationLinks;
import ai.braindrive.server.pages.PagesRepository;
import ai.braindrive.server.pages.PagesService;
import ai.braindrive.server.pluginstate.PluginStateService;
import ai.braindrive.server.settings.SettingsService;
import ai.braindrive.server.personas.PersonaRepository;
import ai.braindrive.server.personas.PersonaService;
import ai.braindrive.server.tags.TagRepository;
import ai.braindrive.server.tags.TagService;

import io.helidon.webserver.http.HttpRouting;

/**
 * The composition root: builds every feature's repository and service over one database, and lays out the
 * routing. Plain constructor calls, in dependency order; nothing is discovered at run time.
 */
public final class Application implements AutoCloseable {
    private final ServerConfig config;
    private final Database db;
    private final RateLimiter rateLimiter;
    private final RouteCatalog catalog = new RouteCatalog();
    private final Authenticator authenticator;
    private final HealthService health;
    private final AuthService auth;
    private final JobEngine jobs;
    private final JobService jobService;
    private final ComponentsService components;
    private final NavigationService navigation;
    private final PagesService pages;
    private final SettingsService settings;
    private final PersonaService personas;
    private final TagService tags;
    private final ConversationService conversations;
    private final MessageService messages;
    private final PluginStateService pluginState;

    public Application(ServerConfig config, Database db) {
        this.config = config;
        this.db = db;
        this.rateLimiter = new RateLimiter(config.apiRateLimit(), config.authRateLimit());
        TokenService tokens = new TokenService(SecretFiles.loadOrCreateKey(config.dataDir(), "jwt.key", 32),
                config.accessTokenTtl(), config.refreshTokenTtl());
        AuthRepository users = new AuthRepository(db);
        users.deleteExpiredRefreshTokens(Instant.now());
        this.authenticator = new Authenticator(tokens, users);
        this.health = new HealthService(db);

        // Features: construct repositories and services here, in dependency order.
        this.settings = new SettingsService(db, SecretFiles.loadOrCreateKey(config.dataDir(), "settings.key", 32));
        this.components = new ComponentsService(db, new ComponentsRepository(db));
        PagesRepository pageRows = new PagesRepository(db);
        NavigationRepository navigationRows = new NavigationRepository(db);
        this.navigation = new NavigationService(db, navigationRows, new PageLinks() {
            @Override
            public boolean ownsPage(String userId, String pageId) {
                return pageRows.owns(userId, pageId);
            }

            @Override
            public void routeDeleted(Sql tx, String userId, String routeId) {
                pageRows.detachNavigationRoute(tx, userId, routeId);
            }
        });
        this.pages = new PagesService(db, pageRows, new NavigationLinks() {
            @Override
            public boolean ownsRoute(String userId, String routeId) {
                return navigationRows.owns(userId, routeId);
            }

            @Override
            public void pageDeleted(Sql tx, String userId, String pageId) {
                navigationRows.clearDefaultPage(tx, userId, pageId);
            }
        });

        ConversationRepository conversationRepository = new ConversationRepository(db);
        PersonaRepository personaRepository = new PersonaRepository(db);
        this.personas = new PersonaService(db, personaRepository, List.of(conversationRepository::clearPersona));
        TagRepository tagRepository = new TagRepository(db);
        this.tags = new TagService(tagRepository);
        this.conversations = new ConversationService(db, conversationRepository, personaRepository, tagRepository);
        this.messages = new MessageService(db, conversationRepository, new MessageRepository(db));
        this.pluginState = new PluginStateService(db);

        JobRepository jobRepository = new JobRepository(db);
        this.jobs = new JobEngine(jobRepository, JobsConfig.from(config.config()))
                .register(new SleepJobHandler());
        this.jobService = new JobService(jobs, jobRepository);

        // Each feature's defaults for a new user, applied in the registration transaction.
        List<UserProvisioner> defaults = new ArrayList<>();
        defaults.add(settings::provisionDefaults);
        defaults.add(components::provisionDefaults);
        defaults.add(navigation::provisionDefaults);
        defaults.add(pages::provisionDefaults);
        defaults.add(conversationRepository::provision);
        this.auth = new AuthService(db, users, new PasswordHasher(), tokens, authenticator,
                new LoginGuard(10, Duration.ofMinutes(15), Duration.ofMinutes(15)), defaults);

        // Background work starts once every feature is built over the migrated database.
        jobs.start();
    }

    /** Filters, error mapping, every route, then the 404/405 fallback. Tests reuse it. */
    public void routing(HttpRouting.Builder routing) {
        routing.addFilter(new AccessLogFilter())
                .addFilter(new BrowserGuardFilter(config.allowedHosts(), config.corsOrigins()));
        ErrorHandling.register(routing);
        health.routes(routing);

        ApiRoutes api = new ApiRoutes(routing, catalog, authenticator, rateLimiter);
        auth.routes(api);
        // Features: register routes here.
        settings.routes(api);
        components.routes(api);
        navigation.routes(api);
        pages.routes(api);
        personas.routes(api);
        tags.routes(api);
        conversations.routes(api);
        messages.routes(api);
        pluginState.routes(api);
        jobService.routes(api);

        ErrorHandling.registerFallback(routing, catalog);
    }

    /** The API routes registered by {@link #routing}. */
    public RouteCatalog routes() {
        return catalog;
    }

    public Database database() {
        return db;
    }

    /** The job engine: features register their job types and submit jobs here. */
    public JobEngine jobs() {
        return jobs;
    }

    /** Ends long-lived responses (event streams), so the web server's graceful stop does not wait for them. */
    public void beforeStop() {
        jobService.closeStreams();
    }

    @Override
    public void close() {
        // Features with background work stop here, before the database closes.
        jobs.close();
    }
}
