package io.tavern.server.admin;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller of the admin API: present unless {@code tavern.admin.enabled=false}. Every path under
 * {@value #PATH} needs the admin token (see {@code AdminSecurityConfiguration}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RestController
@ConditionalOnBooleanProperty(name = "tavern.admin.enabled", matchIfMissing = true)
public @interface AdminApi {

    String PATH = "/admin/api";
}
