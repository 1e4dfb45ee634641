package io.tavern.server.startup;

import io.tavern.server.config.ConfigurationKeys;
import io.tavern.server.config.ConfigurationOrigins;
import io.tavern.server.config.ConfigurationValues;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * A setting that cannot be read (not a number, not a duration, not one of an enum's values) or that is out
 * of its range or breaks a relation with another (the constraints and relations of the
 * {@code @ConfigurationProperties} records): each named with its value, where it was written, and what is
 * allowed, for example {@code tavern.chat.max-length=-5 (command line): must be between 1 and 100000}.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
final class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
        if (cause.getCause() instanceof BindValidationException invalid) {
            return invalid(invalid.getValidationErrors(), cause);
        }
        if (cause.getCause() instanceof UnboundConfigurationPropertiesException) {
            return null;
        }
        return unreadable(cause);
    }

    private FailureAnalysis invalid(ValidationErrors errors, BindException cause) {
        List<Problem> problems = errors.getAllErrors().stream().map(error -> problem(errors, error)).toList();
        if (problems.size() == 1) {
            Problem problem = problems.get(0);
            return new FailureAnalysis("invalid setting " + problem.text(), problem.action(), cause);
        }
        return new FailureAnalysis(problems.size() + " invalid settings: "
                + problems.stream().map(Problem::text).collect(Collectors.joining(", ")),
                "correct them, or remove those you set to use the defaults", cause);
    }

    private Problem problem(ValidationErrors errors, ObjectError error) {
        if (!(error instanceof FieldError field)) {
            return new Problem(errors.getName() + ": " + error.getDefaultMessage(), "correct it");
        }
        ConfigurationPropertyName key = errors.getName().append(DataObjectPropertyName.toDashedForm(field.getField()));
        ConfigurationProperty bound = errors.getBoundProperties().stream()
                .filter(property -> property.getName().equals(key)).findFirst().orElse(null);
        String defaultValue = defaultValue(key);
        if (bound != null) {
            return new Problem(key + "=" + bound.getValue() + " (" + ConfigurationOrigins.describe(bound.getOrigin())
                    + "): " + field.getDefaultMessage(),
                    "correct it, or remove it" + (defaultValue != null ? " to use the default " + defaultValue : ""));
        }
        Object value = field.getRejectedValue() != null ? ConfigurationValues.text(field.getRejectedValue()) : defaultValue;
        return new Problem(key + "=" + value + " (the default): " + field.getDefaultMessage(),
                "set " + key + " to a value that fits, or change the setting it depends on");
    }

    private FailureAnalysis unreadable(BindException cause) {
        ConfigurationProperty property = cause.getProperty();
        String setting = property == null ? cause.getName().toString()
                : property.getName() + "=" + property.getValue() + " (" + ConfigurationOrigins.describe(property.getOrigin()) + ")";
        ConversionFailedException conversion = findCause(cause, ConversionFailedException.class);
        String reason;
        if (conversion != null && conversion.getTargetType().getType().isEnum()) {
            reason = "must be one of " + Stream.of(conversion.getTargetType().getType().getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", "));
        } else if (conversion != null) {
            reason = "cannot be read as " + conversion.getTargetType().getType().getSimpleName() + " (" + rootMessage(cause) + ")";
        } else {
            reason = rootMessage(cause);
        }
        return new FailureAnalysis("invalid setting " + setting + ": " + reason, "correct it", cause);
    }

    private static String defaultValue(ConfigurationPropertyName key) {
        try {
            return ConfigurationKeys.load(ConfigurationFailureAnalyzer.class.getClassLoader(), key.chop(1).toString())
                    .find(key).map(ConfigurationKeys.Key::defaultValue).orElse(null);
        } catch (RuntimeException noMetadata) {
            return null;
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage());
    }

    /** One setting's problem and how to fix it. */
    private record Problem(String text, String action) {
    }
}
