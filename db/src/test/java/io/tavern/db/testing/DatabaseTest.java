package io.tavern.db.testing;

import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test that runs once per database kind, each time with a {@link FreshDatabase} parameter: on H2 always,
 * on PostgreSQL when one answers (see {@link PostgresTestServer}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(DatabaseTestExtension.class)
public @interface DatabaseTest {

    /** The kinds to run on; both unless the behaviour exists on one only. */
    DatabaseKind[] value() default {DatabaseKind.H2, DatabaseKind.POSTGRESQL};
}
