package io.tavern.server.config;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tavern.protocol.ProtocolVersion;
import io.tavern.protocol.v1.Limits;
import io.tavern.protocol.v1.Welcome;
import io.tavern.server.budget.BudgetListener;
import io.tavern.server.budget.RequestBudget;
import io.tavern.server.budget.RequestCosts;
import io.tavern.server.budget.TokenBucket;
import io.tavern.server.chat.ChatAdmission;
import io.tavern.server.chat.ChatRecorder;
import io.tavern.server.chat.ChatRules;
import io.tavern.server.chat.MessageIds;
import io.tavern.db.account.AccountStore;
import io.tavern.db.chat.ChatHistoryStore;
import io.tavern.server.identity.AccountLoginHandler;
import io.tavern.server.identity.GuestLoginHandler;
import io.tavern.server.identity.LoginListener;
import io.tavern.server.identity.AttemptKind;
import io.tavern.server.identity.AttemptListener;
import io.tavern.server.identity.LoginAttempts;
import io.tavern.server.identity.RegistrationThrottle;
import io.tavern.server.identity.ReservedNames;
import io.tavern.server.identity.SessionLogin;
import io.tavern.server.lobby.HistoryRequestHandler;
import io.tavern.server.moderation.Moderation;
import io.tavern.server.lobby.ChatRequestHandler;
import io.tavern.server.lobby.Lobby;
import io.tavern.server.lobby.LobbyFeed;
import io.tavern.server.lobby.LobbyQueryHandler;
import io.tavern.server.lobby.OnlineListing;
import io.tavern.server.lobby.RoomDirectory;
import io.tavern.server.lobby.RoomLimits;
import io.tavern.server.lobby.RoomRequestHandler;
import io.tavern.server.lobby.Rooms;
import io.tavern.server.logic.LogicExecutor;
import io.tavern.server.logic.LogicStats;
import io.tavern.server.logic.RequestHandler;
import io.tavern.server.logic.RequestRouter;
import io.tavern.server.logic.SessionDispatcher;
import io.tavern.server.net.FrameLimitAtLogin;
import io.tavern.server.net.NetworkStats;
import io.tavern.server.persistence.SessionDbRequests;
import io.tavern.server.net.TavernServer;
import io.tavern.server.session.OutboundBudget;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.SessionRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Wires the tiers together: network (game port) → logic executor (sessions, lobby, chat). The
 * classes themselves know nothing of Spring; this is the one place that does.
 */
@Configuration(proxyBeanMethods = false)
public class ServerConfiguration {

    static final int HISTORY_PAGE_MAX = 100;

    /**
     * Static, as a bean-factory post-processor must be: it runs before any bean is created, so that a
     * misspelt {@code tavern.*} key stops the start before a port or the database is opened.
     */
    @Bean
    static UnknownKeysCheck unknownKeysCheck(ConfigurableEnvironment environment) {
        return new UnknownKeysCheck(environment);
    }

    @Bean
    SendStats sendStats(MeterRegistry registry) {
        DistributionSummary framesPerWrite = DistributionSummary.builder("tavern.send.frames.per.write")
                .description("frames coalesced into one gathered write and flush")
                .register(registry);
        return new SendStats(framesPerWrite::record);
    }

    /** What every session's send queue holds, against {@code tavern.net.outbound-budget}. */
    @Bean
    OutboundBudget outboundBudget(TavernProperties properties, SessionRegistry registry, MeterRegistry meters) {
        OutboundBudget budget = new OutboundBudget(properties.net().outboundBudget().toBytes(), registry::sessions);
        Gauge.builder("tavern.net.outbound.held", budget, OutboundBudget::heldBytes).baseUnit("bytes")
                .description("bytes all send queues hold, each frame with its overhead").register(meters);
        Gauge.builder("tavern.net.outbound.budget", budget, OutboundBudget::limitBytes).baseUnit("bytes")
                .description("tavern.net.outbound-budget").register(meters);
        FunctionCounter.builder("tavern.net.outbound.budget.closes", budget, OutboundBudget::sessionsClosed)
                .description("sessions closed as slow consumers to bring the server back under its outbound budget")
                .register(meters);
        return budget;
    }

    @Bean
    NetworkStats networkStats() {
        return new NetworkStats();
    }

    @Bean
    SessionRegistry sessionRegistry() {
        return new SessionRegistry();
    }

    @Bean(destroyMethod = "")
    LogicExecutor logicExecutor(TavernProperties properties, MeterRegistry registry) {
        return new LogicExecutor(properties.logic().threads(), properties.logic().batchBudget(), new LogicStats(registry));
    }

    @Bean
    LobbyFeed lobbyFeed(LogicExecutor logic, TavernProperties properties) {
        return new LobbyFeed(logic.newSerialExecutor("lobby-feed", 0), logic, properties.lobby().feedInterval());
    }

    /** Sheds chat load before the members' send queues overflow (issue 12, item 6). */
    @Bean
    ChatAdmission chatAdmission(TavernProperties properties, MeterRegistry meters) {
        TavernProperties.Chat.Admission config = properties.chat().admission();
        long audienceShare = properties.net().outboundBudget().toBytes() / 100 * config.budgetShare();
        ChatAdmission admission = new ChatAdmission(config.memberBacklog().toBytes(), audienceShare,
                config.retryAfter().toMillis(), config.stalledAfter().toNanos());
        FunctionCounter.builder("tavern.chat.admission.refused", admission, ChatAdmission::refused)
                .description("chat lines refused with SERVER_BUSY because their audience was too far behind")
                .register(meters);
        return admission;
    }

    @Bean
    Lobby lobby(LogicExecutor logic, ChatRecorder chatRecorder, ChatAdmission chatAdmission, MessageIds messageIds,
                LobbyFeed feed) {
        return new Lobby(logic.newSerialExecutor("lobby", 0), chatRecorder, chatAdmission, messageIds, feed);
    }

    @Bean
    RoomDirectory roomDirectory(TavernProperties properties) {
        return new RoomDirectory(properties.rooms().maxRooms(), properties.rooms().maxRoomsPerPlayer());
    }

    @Bean
    Rooms rooms(RoomDirectory directory, Lobby lobby, LogicExecutor logic, ChatRecorder chatRecorder,
                ChatAdmission chatAdmission, MessageIds messageIds, Moderation moderation, TavernProperties properties, AttemptListener attempts) {
        TavernProperties.Rooms config = properties.rooms();
        RoomLimits limits = new RoomLimits(config.maxCapacity(), config.effectiveDefaultCapacity(),
                config.defaultMinPlayers());
        // Room passwords are guessed like account passwords, and counted apart from them.
        LoginAttempts passwordAttempts = new LoginAttempts(AttemptKind.ROOM_PASSWORD,
                loginAttemptLimits(properties.auth().loginAttempts()), attempts);
        return new Rooms(directory, lobby, logic, chatRecorder, chatAdmission, messageIds, moderation, limits, config.emptyGrace(),
                config.historyOnJoin(), passwordAttempts, config.creationsPerMinute(),
                config.creationsPerMinutePerAddress());
    }

    @Bean
    RoomRequestHandler roomRequestHandler(Rooms rooms) {
        return new RoomRequestHandler(rooms);
    }

    /** Who is online, sorted at login and logout for ListOnlineUsers: a {@link LoginListener}, and told of closes. */
    @Bean
    OnlineListing onlineListing() {
        return new OnlineListing();
    }

    @Bean
    LobbyQueryHandler lobbyQueryHandler(OnlineListing online, LobbyFeed feed) {
        return new LobbyQueryHandler(online, feed);
    }

    @Bean
    ChatRules chatRules(TavernProperties properties) {
        return new ChatRules(properties.chat());
    }

    /** Every {@link LoginListener} bean hears of logins: the lobby (which lets the player in), metrics. */
    @Bean
    SessionLogin sessionLogin(SessionRegistry registry, Moderation moderation, List<LoginListener> listeners) {
        return new SessionLogin(registry, moderation, LoginListener.all(listeners));
    }

    @Bean
    FrameLimitAtLogin frameLimitAtLogin() {
        return new FrameLimitAtLogin();
    }

    @Bean
    ReservedNames reservedNames(TavernProperties properties) {
        return new ReservedNames(properties.auth().reservedNames());
    }

    @Bean
    GuestLoginHandler guestLoginHandler(SessionLogin login, AccountStore accounts, ReservedNames reserved,
                                        TavernProperties properties) {
        return new GuestLoginHandler(login, accounts, reserved, properties.auth().allowGuests());
    }

    @Bean
    AccountLoginHandler accountLoginHandler(SessionLogin login, AccountStore accounts, ReservedNames reserved,
                                            TavernProperties properties, AttemptListener attempts) {
        TavernProperties.Auth auth = properties.auth();
        return new AccountLoginHandler(login, accounts, reserved,
                new LoginAttempts(AttemptKind.LOGIN, loginAttemptLimits(auth.loginAttempts()), attempts),
                new RegistrationThrottle(auth.registration().perAddress(), auth.registration().window(), attempts));
    }

    private static LoginAttempts.Limits loginAttemptLimits(TavernProperties.Auth.LoginAttempts config) {
        return new LoginAttempts.Limits(config.perName(), config.perAddress(), config.backoff(), config.maxBackoff(),
                config.forgetAfter());
    }

    @Bean
    HistoryRequestHandler historyRequestHandler(ChatHistoryStore history, Rooms rooms, SessionRegistry registry,
                                                AccountStore accounts, SessionDbRequests lane) {
        return new HistoryRequestHandler(history, rooms, registry, accounts, lane);
    }

    @Bean
    ChatRequestHandler chatRequestHandler(ChatRules rules, TavernProperties properties, Lobby lobby, Rooms rooms,
                                          SessionRegistry registry, ChatRecorder chatRecorder, MessageIds messageIds,
                                          Moderation moderation) {
        return new ChatRequestHandler(rules, lobby, rooms, registry, chatRecorder, messageIds, moderation);
    }

    @Bean
    RequestRouter requestRouter(List<RequestHandler> handlers) {
        return new RequestRouter(handlers);
    }

    /** Every {@link BudgetListener} bean hears what the budget decides (metrics, the flood log). */
    @Bean
    RequestBudget requestBudget(TavernProperties properties, List<BudgetListener> listeners) {
        TavernProperties.Limits limits = properties.limits();
        TavernProperties.Chat.RateLimit chat = properties.chat().rateLimit();
        return new RequestBudget(new RequestCosts(limits.costs()),
                new TokenBucket.Rate(limits.session().perSecond(), limits.session().burst()),
                new TokenBucket.Rate(limits.address().perSecond(), limits.address().burst()),
                new TokenBucket.Rate(chat.perSecond(), chat.burst()),
                properties.logic().floodStrikes(), BudgetListener.all(listeners));
    }

    @Bean
    SessionDispatcher sessionDispatcher(LogicExecutor logic, RequestRouter router, TavernProperties properties,
                                        RequestBudget budget, Rooms rooms, Lobby lobby, OnlineListing online,
                                        SessionRegistry registry) {
        // A closing session leaves its room first, then the lobby and the online list; the registry forgets it last.
        return new SessionDispatcher(logic, router, properties.logic().sessionQueueLimit(), budget,
                List.of(rooms, lobby, online), registry);
    }

    @Bean
    Welcome welcomeTemplate(TavernProperties properties, ObjectProvider<BuildProperties> build) {
        BuildProperties info = build.getIfAvailable();
        String version = info != null ? info.getVersion() : "dev";
        TavernProperties.Net net = properties.net();
        TavernProperties.Chat chat = properties.chat();
        return Welcome.newBuilder()
                .setServerVersion("tavern/" + version)
                .setProtocolVersion(ProtocolVersion.CURRENT)
                .setHeartbeatIntervalMs(Math.toIntExact(net.heartbeatInterval().toMillis()))
                .setIdleTimeoutMs(Math.toIntExact(net.idleTimeout().toMillis()))
                .setLimits(Limits.newBuilder()
                        .setMaxFrameBytes(net.maxFrameBytes())
                        .setMaxFrameBytesBeforeLogin(net.maxFrameBytesBeforeLogin())
                        .setMaxChatLength(chat.maxLength())
                        .setChatRatePerSecond(chat.rateLimit().perSecond())
                        .setChatBurst(chat.rateLimit().burst())
                        .setMaxRoomCapacity(properties.rooms().maxCapacity())
                        .setHistoryPageMax(HISTORY_PAGE_MAX))
                .build();
    }

    @Bean
    TavernServer tavernServer(TavernProperties properties, Welcome welcomeTemplate, SessionRegistry registry,
                              SessionDispatcher dispatcher, SendStats sendStats, NetworkStats networkStats,
                              OutboundBudget outboundBudget) {
        return new TavernServer(properties, welcomeTemplate, registry, dispatcher, sendStats, networkStats,
                outboundBudget);
    }

    /**
     * Stops the logic pool after the game port (which depends on it) has said its goodbyes: Spring
     * destroys dependents first, and the lifecycle stop of {@link TavernServer} runs before any
     * bean is destroyed.
     */
    @Bean
    @DependsOn("chatArchive") // so the archive is flushed after the last logic task recorded into it
    LogicShutdown logicShutdown(LogicExecutor logic, TavernProperties properties) {
        return new LogicShutdown(logic, properties.shutdown().logicDrain());
    }

    record LogicShutdown(LogicExecutor logic, Duration timeout) implements org.springframework.beans.factory.DisposableBean {
        @Override
        public void destroy() {
            logic.shutdown(timeout);
        }
    }
}
