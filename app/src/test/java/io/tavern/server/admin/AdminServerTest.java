package io.tavern.server.admin;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * A whole server on ephemeral ports with the admin token {@link AdminHttp#TOKEN} and the named operators
 * of {@link AdminHttp#OPERATORS_FILE} (one client each: {@link AdminHttp#as}). Every test class
 * with this annotation shares one server (Spring caches the context), so tests use unique names.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "tavern.net.port=0",
    "tavern.admin.token=" + AdminHttp.TOKEN,
    "tavern.admin.operators-file=" + AdminHttp.OPERATORS_FILE,
    // Chat in tests is as fast as the test sends it.
    "tavern.chat.rate-limit.per-second=0",
    "tavern.observability.database-check-interval=500ms",
    "tavern.observability.send-queue-sample-interval=200ms"})
public @interface AdminServerTest {
}
