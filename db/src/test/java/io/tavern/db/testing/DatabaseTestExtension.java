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
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Runs each {@link DatabaseTest} once per database kind with a fresh database.
 *
 * <p>The PostgreSQL variant is skipped when {@code TAVERN_TEST_PG_URL} is unset or its server unreachable,
 * and fails in both cases when {@code TAVERN_TEST_REQUIRE_PG=true}, so that CI cannot pass on H2 alone.
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
            if (kind == DatabaseKind.POSTGRESQL && PostgresTestServer.fromEnvironment().isEmpty()
                    && !PostgresTestServer.required()) {
                return ConditionEvaluationResult.disabled("TAVERN_TEST_PG_URL is not set");
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
            try {
                fresh = kind == DatabaseKind.H2 ? FreshDatabase.h2() : FreshDatabase.postgres(postgresServer());
            } catch (SQLException unreachable) {
                if (PostgresTestServer.required()) {
                    throw new IllegalStateException("TAVERN_TEST_REQUIRE_PG=true and PostgreSQL at "
                            + PostgresTestServer.fromEnvironment().orElseThrow() + " is unreachable", unreachable);
                }
                throw new TestAbortedException("PostgreSQL unreachable: " + unreachable.getMessage(), unreachable);
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

        private static PostgresTestServer postgresServer() {
            Optional<PostgresTestServer> server = PostgresTestServer.fromEnvironment();
            if (server.isEmpty()) {
                throw new IllegalStateException("TAVERN_TEST_REQUIRE_PG=true but TAVERN_TEST_PG_URL is not set");
            }
            return server.get();
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
