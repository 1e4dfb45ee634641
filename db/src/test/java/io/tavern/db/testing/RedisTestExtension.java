package io.tavern.db.testing;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * For tests that need Redis ({@code @ExtendWith(RedisTestExtension.class)}): skips them, with the reason,
 * when no Redis answers (unless {@code TAVERN_TEST_REQUIRE_REDIS=true}, which lets them run and fail), and
 * hands each test method that asks for a {@link RedisTestDatabase} parameter a database of its own, given
 * back when the test ends.
 */
public final class RedisTestExtension implements ExecutionCondition, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisTestExtension.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (RedisTestServer.find().isEmpty() && !RedisTestServer.required()) {
            return ConditionEvaluationResult.disabled(RedisTestServer.absence());
        }
        return ConditionEvaluationResult.enabled("Redis at " + RedisTestServer.find().map(Object::toString).orElse("none"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisTestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        RedisTestDatabase database = RedisTestServer.requireOrSkip().leaseDatabase();
        // The store closes what it holds when the test's context closes: the database is given back then.
        context.getStore(NAMESPACE).put(parameter.getIndex(), database);
        return database;
    }
}
