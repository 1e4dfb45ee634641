package io.tavern.server.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A {@link org.springframework.util.unit.DataSize} between {@link #min} and {@link #max}, both inclusive and
 * written as in configuration ({@code 64B}, {@code 16MB}). Bean Validation has ranges for numbers and
 * Hibernate Validator for durations; sizes need this one.
 */
@Documented
@Constraint(validatedBy = DataSizeRangeValidator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
        ElementType.TYPE_USE})
@Retention(RetentionPolicy.RUNTIME)
public @interface DataSizeRange {

    String min();

    String max();

    String message() default "must be between {min} and {max}";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
