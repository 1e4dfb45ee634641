package io.tavern.db.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.opentest4j.TestAbortedException;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs each {@link DatabaseTest} once per database kind with a fresh database.
 *
 * <p>The PostgreSQL variant is skipped when no PostgreSQL answers (see {@link PostgresTestServer}), and fails
 * instead when {@code TAVERN_TEST_REQUIRE_PG=true}, so that CI cannot pass on H2 alone.
 */
final class DatabaseTestExtension implements TestTemplateInvocationContextProvider {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DatabaseTestExtension.class);

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(method -> method.isAnnotationPresent(DatabaseTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        DatabaseKind[] kinds = context.getRequiredTestMethod().getAnnotation(DatabaseTest.class).value();
        return Arrays.stream(kinds).map(Variant::new);
    }

    private record Variant(DatabaseKind kind) implements TestTemplateInvocationContext {

        @Override
        public String getDisplayName(int invocationIndex) {
            return "[" + kind.displayName() + "]";
        }

        @Override
        public List<Extension> getAdditionalExtensions() {
            return List.of(new SkipPostgresUnlessConfigured(kind), new FreshDatabaseResolver(kind));
        }
    }

    private record SkipPostgresUnlessConfigured(DatabaseKind kind) implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (kind == DatabaseKind.POSTGRESQL && PostgresTestServer.find().isEmpty()
                    && !PostgresTestServer.required()) {
                return ConditionEvaluationResult.disabled(PostgresTestServer.absence());
            }
            return ConditionEvaluationResult.enabled(kind.displayName());
        }
    }

    /**
     * Creates the test's database before it runs (where an aborted test is reported as skipped, not as an
     * error), hands it to the test, and deletes it afterwards.
     */
    private record FreshDatabaseResolver(DatabaseKind kind) implements BeforeEachCallback, ParameterResolver,
            AfterEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) throws Exception {
            FreshDatabase fresh;
            if (kind == DatabaseKind.H2) {
                fresh = FreshDatabase.h2();
            } else {
                PostgresTestServer server = PostgresTestServer.requireOrSkip();
                try {
                    fresh = FreshDatabase.postgres(server);
                } catch (SQLException lost) { // it answered when the run began
                    if (PostgresTestServer.required()) {
                        throw new IllegalStateException("TAVERN_TEST_REQUIRE_PG=true and PostgreSQL at " + server
                                + " is unreachable", lost);
                    }
                    throw new TestAbortedException("PostgreSQL unreachable: " + lost.getMessage(), lost);
                }
            }
            context.getStore(NAMESPACE).put(FreshDatabase.class, fresh);
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == FreshDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getStore(NAMESPACE).get(FreshDatabase.class, FreshDatabase.class);
        }

        @Override
        public void afterEach(ExtensionContext context) throws Exception {
            FreshDatabase fresh = context.getStore(NAMESPACE).remove(FreshDatabase.class, FreshDatabase.class);
            if (fresh != null) {
                fresh.close();
            }
        }
    }
}
