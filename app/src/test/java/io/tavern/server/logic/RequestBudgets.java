package io.tavern.server.logic;

import io.tavern.server.budget.BudgetListener;
import io.tavern.server.budget.RequestBudget;
import io.tavern.server.budget.RequestCosts;
import io.tavern.server.budget.TokenBucket;
import io.tavern.server.config.TavernProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

/** Request budgets for tests that build a dispatcher by hand. */
final class RequestBudgets {

    private RequestBudgets() {
    }

    /** A budget that admits everything: no session, address or chat limit. */
    static RequestBudget unlimited() {
        TokenBucket.Rate off = new TokenBucket.Rate(0, 1);
        return new RequestBudget(new RequestCosts(defaultCosts()), off, off, off, 1, BudgetListener.NONE);
    }

    /** {@code tavern.limits.costs} as the server binds it with nothing configured. */
    static TavernProperties.Limits.Costs defaultCosts() {
        return new Binder(org.springframework.boot.context.properties.source.ConfigurationPropertySources
                .from(new MockEnvironment().getPropertySources()))
                .bindOrCreate("tavern.limits.costs", Bindable.of(TavernProperties.Limits.Costs.class));
    }
}
