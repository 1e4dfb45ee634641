package io.tavern.server.admin;

import com.google.protobuf.ProtocolMessageEnum;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * What a value of the admin API must look like, in the words of its error details: every "not
 * valid" answer names the field, repeats the value it was given and says what would be valid, such
 * as {@code until: '2030-13-01' is not an ISO-8601 instant such as 2030-01-01T00:00:00Z}.
 */
final class ExpectedValue {

    static final String INSTANT = "an ISO-8601 instant such as 2030-01-01T00:00:00Z";
    static final String DURATION = "an ISO-8601 duration such as PT30M, PT24H, P7D or P1M";

    private ExpectedValue() {
    }

    /** {@code field: 'value' is not <what type expects>}. */
    static String mismatch(String field, Object value, Class<?> type) {
        return field + ": " + quoted(value) + " is not " + describe(type);
    }

    /** A value as the caller wrote it: text in quotes, numbers and booleans as they are. */
    static String quoted(Object value) {
        return value instanceof Number || value instanceof Boolean ? String.valueOf(value) : "'" + value + "'";
    }

    static String describe(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + String.join(", ", choicesOf(type));
        }
        if (type == Instant.class) {
            return INSTANT;
        }
        if (type == Duration.class) {
            return DURATION;
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isRecord()) {
            return "a JSON object";
        }
        return "a " + type.getSimpleName();
    }

    /**
     * The names of an enum a caller may use: a protobuf enum's {@code UNRECOGNIZED} and its unspecified
     * zero value belong to the schema, not to the choices.
     */
    static List<String> choicesOf(Class<?> enumType) {
        return Arrays.stream(enumType.getEnumConstants())
                .map(Enum.class::cast)
                .filter(ExpectedValue::isChoice)
                .map(Enum::name)
                .toList();
    }

    static boolean isChoice(Enum<?> value) {
        return !(value instanceof ProtocolMessageEnum protobuf)
                || !value.name().equals("UNRECOGNIZED") && protobuf.getNumber() != 0;
    }
}
