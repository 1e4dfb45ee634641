package io.tavern.server.budget;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.tavern.protocol.v1.Envelope.BodyCase;
import io.tavern.server.config.TavernProperties;
import io.tavern.server.session.SendStats;
import io.tavern.server.session.Session;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** What the request budget decides, request by request, at given times (no clock, no sockets). */
class RequestBudgetPolicyTest {

    static final long SECOND = 1_000_000_000L;

    private final List<String> events = new ArrayList<>();
    private final BudgetListener recorder = new BudgetListener() {
        @Override
        public void refused(BodyCase kind, Limit limit) {
            events.add(kind + " " + limit);
        }

        @Override
        public void flooding(Session session, int strikes) {
            events.add("flooding");
        }
    };
    private final List<EmbeddedChannel> channels = new ArrayList<>();

    @AfterEach
    void release() {
        channels.forEach(EmbeddedChannel::finishAndReleaseAll);
    }

    private static RequestCosts costs(String... settings) {
        MapConfigurationPropertySource source = new MapConfigurationPropertySource();
        for (String setting : settings) {
            String[] pair = setting.split("=");
            source.put("tavern.limits.costs." + pair[0], pair[1]);
        }
        return new RequestCosts(new Binder(source)
                .bindOrCreate("tavern.limits.costs", Bindable.of(TavernProperties.Limits.Costs.class)));
    }

    private Session session() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channels.add(channel);
        return new Session("s" + channels.size(), channel, 1 << 20, Duration.ofSeconds(1), new SendStats());
    }

    private RequestBudget budget(double perSecond, int burst, double addressPerSecond, int addressBurst, int strikes) {
        return new RequestBudget(costs("list-rooms=5"), new TokenBucket.Rate(perSecond, burst),
                new TokenBucket.Rate(addressPerSecond, addressBurst), new TokenBucket.Rate(5, 10), strikes, recorder);
    }

    @Test
    void aRequestCostsItsKindsTokensAndARefusalSaysWhenTheyAreBack() {
        RequestBudget budget = budget(10, 10, 0, 1, 64);
        Session session = session();
        budget.sessionOpened(session, 0);

        assertThat(budget.admit(session, BodyCase.LIST_ROOMS, 0).outcome()).isEqualTo(RequestBudget.Outcome.ADMIT);
        assertThat(budget.admit(session, BodyCase.LIST_ROOMS, 0).outcome()).isEqualTo(RequestBudget.Outcome.ADMIT);
        RequestBudget.Verdict refused = budget.admit(session, BodyCase.LIST_ROOMS, 0);

        assertThat(refused.outcome()).isEqualTo(RequestBudget.Outcome.REFUSE);
        assertThat(refused.retryAfterMillis()).as("5 tokens at 10 a second").isEqualTo(500);
        assertThat(budget.admit(session, BodyCase.SET_READY, 0).outcome()).as("nor a cheap one: no token left")
                .isEqualTo(RequestBudget.Outcome.REFUSE);
        assertThat(budget.admit(session, BodyCase.LIST_ROOMS, SECOND / 2).outcome()).isEqualTo(RequestBudget.Outcome.ADMIT);
        assertThat(events).containsExactly("LIST_ROOMS SESSION", "SET_READY SESSION");
    }

    @Test
    void moreRefusalsAtOnceThanTheStrikesCloseTheSessionAndStrikesAreForgivenOverTime() {
        RequestBudget budget = budget(1, 1, 0, 1, 3);
        Session patient = session();
        Session flooder = session();
        budget.sessionOpened(patient, 0);
        budget.sessionOpened(flooder, 0);

        for (int i = 0; i < 10; i++) { // one refusal a second: forgiven as fast as they come
            long now = i * SECOND;
            budget.admit(patient, BodyCase.SET_READY, now);
            assertThat(budget.admit(patient, BodyCase.SET_READY, now).outcome()).isEqualTo(RequestBudget.Outcome.REFUSE);
        }
        budget.admit(flooder, BodyCase.SET_READY, 0);
        List<RequestBudget.Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            outcomes.add(budget.admit(flooder, BodyCase.SET_READY, 0).outcome());
        }
        assertThat(outcomes).containsExactly(RequestBudget.Outcome.REFUSE, RequestBudget.Outcome.REFUSE,
                RequestBudget.Outcome.REFUSE, RequestBudget.Outcome.CLOSE);
        assertThat(events).containsOnlyOnce("flooding");
    }

    @Test
    void aChatLineOverTheChatLimitIsRefusedWithoutAStrikeAndItsHintCoversBothBuckets() {
        RequestBudget budget = budget(1000, 1000, 0, 1, 1);
        Session chatter = session();
        budget.sessionOpened(chatter, 0);
        for (int i = 0; i < 10; i++) {
            assertThat(budget.admit(chatter, BodyCase.SEND_CHAT, 0).outcome()).isEqualTo(RequestBudget.Outcome.ADMIT);
        }
        for (int i = 0; i < 5; i++) { // more than the single strike allowed, yet no close
            RequestBudget.Verdict refused = budget.admit(chatter, BodyCase.SEND_CHAT, 0);
            assertThat(refused.outcome()).isEqualTo(RequestBudget.Outcome.REFUSE);
            assertThat(refused.retryAfterMillis()).as("a line every 200 ms").isEqualTo(200);
        }
        assertThat(events).containsOnly("SEND_CHAT CHAT");

        RequestBudget tight = budget(1, 1, 0, 1, 64);
        Session other = session();
        tight.sessionOpened(other, 0);
        tight.admit(other, BodyCase.SEND_CHAT, 0);
        assertThat(tight.admit(other, BodyCase.SEND_CHAT, 0).retryAfterMillis())
                .as("the budget refuses, for a second; the chat limit would have allowed it sooner").isEqualTo(1000);
    }

    @Test
    void theSessionsOfOneAddressShareItsBudgetButARefusedSessionSpendsNoneOfIt() {
        RequestBudget budget = budget(1, 3, 1, 4, 64);
        Session flooder = session();
        Session neighbour = session(); // both from the same (unknown) address
        budget.sessionOpened(flooder, 0);
        budget.sessionOpened(neighbour, 0);

        for (int i = 0; i < 100; i++) {
            budget.admit(flooder, BodyCase.SET_READY, 0);
        }
        assertThat(budget.admit(neighbour, BodyCase.SET_READY, 0).outcome()).as("one token of the address's left")
                .isEqualTo(RequestBudget.Outcome.ADMIT);
        RequestBudget.Verdict refused = budget.admit(neighbour, BodyCase.SET_READY, 0);
        assertThat(refused.outcome()).isEqualTo(RequestBudget.Outcome.REFUSE);
        assertThat(refused.retryAfterMillis()).isEqualTo(1000);
        assertThat(events).endsWith("SET_READY ADDRESS");

        budget.sessionClosed(flooder, 0);
        budget.sessionClosed(neighbour, 0);
        Session reconnected = session();
        budget.sessionOpened(reconnected, 0);
        assertThat(budget.admit(reconnected, BodyCase.SET_READY, 0).outcome())
                .as("reconnecting does not refill the address's bucket").isEqualTo(RequestBudget.Outcome.REFUSE);
    }
}
