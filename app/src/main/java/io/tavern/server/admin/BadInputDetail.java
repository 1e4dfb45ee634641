package io.tavern.server.admin;

import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;

/**
 * The detail of a 400 for input Spring MVC or Jackson refused before a controller ran: which field,
 * the value it was given, and what would be valid ({@link ExpectedValue}), never just "Failed to
 * read request".
 */
final class BadInputDetail {

    private BadInputDetail() {
    }

    /** A body that is missing, not JSON, or JSON that does not fit the request. */
    static String of(HttpMessageNotReadableException unreadable) {
        Throwable cause = unreadable.getCause();
        if (cause == null) {
            // Spring's only refusal without a cause: a required body that is absent.
            return "a JSON body is required";
        }
        if (cause instanceof PropertyBindingException unknown) {
            return path(unknown) + ": unknown field; the fields are " + unknown.getKnownPropertyIds().stream()
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        if (cause instanceof InvalidFormatException invalid) {
            return ExpectedValue.mismatch(path(invalid), invalid.getValue(), invalid.getTargetType());
        }
        if (cause instanceof MismatchedInputException mismatched) {
            String expected = ExpectedValue.describe(mismatched.getTargetType());
            if (mismatched.getCurrentToken() == null) {
                return "the body is empty; send " + expected;
            }
            String sent = describe(mismatched.getCurrentToken());
            return mismatched.getPath().isEmpty() ? "the body must be " + expected + ", not " + sent
                    : path(mismatched) + ": expected " + expected + ", not " + sent;
        }
        if (cause instanceof StreamReadException syntax) {
            return "the body is not valid JSON: " + syntax.getOriginalMessage() + at(syntax.getLocation());
        }
        return "the body could not be read: " + cause.getMessage();
    }

    /** A query parameter or path variable that does not convert to its type. */
    static String of(TypeMismatchException mismatch) {
        String field = mismatch instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName() : mismatch.getPropertyName();
        Class<?> type = mismatch.getRequiredType();
        return type == null ? field + ": '" + mismatch.getValue() + "' is not valid"
                : ExpectedValue.mismatch(field, mismatch.getValue(), type);
    }

    /** Constraints on a controller's parameters ({@code @Min}, {@code @Max}...). */
    static String of(HandlerMethodValidationException invalid) {
        return invalid.getParameterValidationResults().stream()
                .map(BadInputDetail::of)
                .collect(Collectors.joining("; "));
    }

    /** Constraints on, or conversion of, the fields of a bound object (a body, or query parameters). */
    static String of(MethodArgumentNotValidException invalid) {
        return invalid.getBindingResult().getFieldErrors().stream()
                .map(BadInputDetail::of)
                .distinct()
                .collect(Collectors.joining("; "));
    }

    private static String of(ParameterValidationResult result) {
        String field = Objects.requireNonNullElse(result.getMethodParameter().getParameterName(), "a parameter");
        return result.getResolvableErrors().stream()
                .map(error -> field + ": " + ExpectedValue.quoted(result.getArgument()) + " " + error.getDefaultMessage())
                .collect(Collectors.joining("; "));
    }

    private static String of(FieldError error) {
        if (error.contains(TypeMismatchException.class)) {
            return of(error.unwrap(TypeMismatchException.class));
        }
        return error.getField() + ": " + ExpectedValue.quoted(error.getRejectedValue()) + " " + error.getDefaultMessage();
    }

    /** Where in the body: {@code reason}, {@code metadata.mode}, {@code items[2]}. */
    private static String path(JacksonException failure) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : failure.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : path.toString();
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "true or false";
            case VALUE_NULL -> "null";
            default -> token.name();
        };
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }
}
