package io.openloop.ledger.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.openloop.ledger.messages.ErrorCode;
import io.openloop.ledger.messages.LedgerException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.NotAcceptableStatusException;
import org.springframework.web.server.PayloadTooLargeException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

/**
 * Turns any exception that reaches the web edge into a {@link LedgerException} with a stable code. Exceptions it
 * does not recognise become {@code INTERNAL_ERROR}, and the caller logs them.
 */
final class ErrorTranslator {

    private static final int MAX_CAUSE_DEPTH = 16;

    private ErrorTranslator() {}

    /** Translates {@code error}. A 415 names {@code requestContentType}, the request's Content-Type or null. */
    static LedgerException translate(Throwable error, String requestContentType) {
        LedgerException domain = find(error, LedgerException.class);
        if (domain != null) {
            return domain;
        }
        if (find(error, ConcurrencyException.class) != null) {
            return new LedgerException(
                    ErrorCode.CONCURRENT_MODIFICATION,
                    "another request changed the same resource at the same time; retry the request");
        }
        if (find(error, DataBufferLimitException.class) != null || error instanceof PayloadTooLargeException) {
            return new LedgerException(
                    ErrorCode.PAYLOAD_TOO_LARGE, "request body is larger than the server accepts; send less data");
        }
        if (error instanceof UnsupportedMediaTypeStatusException unsupported) {
            return unsupportedMediaType(unsupported);
        }
        if (error instanceof MethodNotAllowedException notAllowed) {
            return new LedgerException(
                    ErrorCode.METHOD_NOT_ALLOWED,
                    "method " + notAllowed.getHttpMethod() + " is not allowed on this route",
                    Map.of("allowedMethods", notAllowed.getSupportedMethods().toString()));
        }
        if (error instanceof NotAcceptableStatusException) {
            return new LedgerException(
                    ErrorCode.NOT_ACCEPTABLE, "this route returns application/json; accept that media type");
        }
        if (error instanceof ServerWebInputException input) {
            return badInput(input);
        }
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().value() == 404) {
            return new LedgerException(ErrorCode.NOT_FOUND, "no route matches this path");
        }
        // WebFlux 6.2 rejects a form-encoded body with a bare ResponseStatusException, not the subclass above,
        // because it expects forms to be read through ServerWebExchange.getFormData().
        if (error instanceof ResponseStatusException status
                && status.getStatusCode().value() == 415) {
            String sent = requestContentType == null ? "none" : EchoedValues.excerpt(requestContentType);
            return new LedgerException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "content type " + sent + " is not supported; send application/json",
                    Map.of("contentType", sent));
        }
        return null;
    }

    private static LedgerException unsupportedMediaType(UnsupportedMediaTypeStatusException error) {
        String sent =
                error.getContentType() == null ? "none" : error.getContentType().toString();
        return new LedgerException(
                ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                "content type " + sent + " is not supported; send application/json",
                Map.of("contentType", sent));
    }

    private static LedgerException badInput(ServerWebInputException error) {
        // A number out of range of its field (InputCoercionException) arrives wrapped in a JsonMappingException that
        // carries the path. Broken JSON inside a field is wrapped the same way, and stays MALFORMED_REQUEST below.
        JsonMappingException mapping = find(error, JsonMappingException.class);
        boolean wrongValue =
                mapping instanceof MismatchedInputException || find(error, InputCoercionException.class) != null;
        if (mapping != null && wrongValue && !mapping.getPath().isEmpty()) {
            String field = EchoedValues.excerpt(fieldPath(mapping));
            String message = field + " has the wrong type or format" + expected(mapping);
            return new LedgerException(ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(field, message)));
        }
        if (mapping instanceof MismatchedInputException mismatch && wellFormed(mismatch)) {
            return new LedgerException(ErrorCode.MALFORMED_REQUEST, "request body must be " + shape(mismatch));
        }
        if (find(error, JsonProcessingException.class) != null || find(error, DecodingException.class) != null) {
            return new LedgerException(
                    ErrorCode.MALFORMED_REQUEST, "request body is not valid JSON in UTF-8; check its syntax");
        }
        String reason = error.getReason() == null ? "" : error.getReason();
        if (reason.contains("body")) {
            return new LedgerException(ErrorCode.MALFORMED_REQUEST, "request body is missing; send a JSON object");
        }
        String parameter = parameterName(error);
        if (parameter != null) {
            String message = "request parameter " + parameter + " is invalid" + parameterProblem(error, reason);
            return new LedgerException(
                    ErrorCode.VALIDATION_FAILED, message, Map.of("fields", Map.of(parameter, message)));
        }
        return new LedgerException(
                ErrorCode.VALIDATION_FAILED, "request parameter is invalid: " + reason.replaceAll("\\s+", " "));
    }

    /**
     * Tells whether a mismatch at the top of the body is valid JSON of the wrong shape, such as an array where an
     * object is expected. The parser's current token then starts a complete value. At the end of the input it has none.
     */
    private static boolean wellFormed(MismatchedInputException mismatch) {
        return mismatch.getPath().isEmpty()
                && mismatch.getProcessor() instanceof JsonParser parser
                && parser.currentToken() != null
                && parser.currentToken() != JsonToken.NOT_AVAILABLE;
    }

    /** Describes the expected JSON value and the one sent, such as "a JSON object, not an array". */
    private static String shape(MismatchedInputException mismatch) {
        Class<?> type = mismatch.getTargetType();
        boolean array = type != null && (type.isArray() || Collection.class.isAssignableFrom(type));
        String sent = switch (((JsonParser) mismatch.getProcessor()).currentToken()) {
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> "another value";
        };
        return (array ? "a JSON array" : "a JSON object") + ", not " + sent;
    }

    /** Returns the name of the query or path parameter that failed, as the client sent it, or null if unknown. */
    private static String parameterName(ServerWebInputException error) {
        MethodParameter parameter = error.getMethodParameter();
        if (parameter == null || parameter.hasParameterAnnotation(RequestBody.class)) {
            return null;
        }
        RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
        if (requestParam != null && !requestParam.name().isEmpty()) {
            return requestParam.name();
        }
        PathVariable pathVariable = parameter.getParameterAnnotation(PathVariable.class);
        if (pathVariable != null && !pathVariable.name().isEmpty()) {
            return pathVariable.name();
        }
        return parameter.getParameterName();
    }

    /** Describes what is wrong with a parameter: the type it takes, or else the framework's reason. */
    private static String parameterProblem(ServerWebInputException error, String reason) {
        TypeMismatchException mismatch = find(error, TypeMismatchException.class);
        if (mismatch == null || mismatch.getRequiredType() == null) {
            return ": " + reason.replaceAll("\\s+", " ");
        }
        Class<?> type = mismatch.getRequiredType();
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "; send a whole number";
        }
        return "; send a value of type " + type.getSimpleName();
    }

    /** Describes the JSON value the field takes, when the target type is known. */
    private static String expected(JsonMappingException error) {
        Class<?> type = error instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return "";
        }
        if (type == Long.class || type == long.class || type == Integer.class || type == int.class) {
            return "; send a whole number within the field's range, not a string or a fraction";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "; send a JSON number, not a string";
        }
        if (type == String.class) {
            return "; send a JSON string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "; send true or false";
        }
        return "";
    }

    private static String fieldPath(JsonMappingException error) {
        return error.getPath().stream()
                .map(reference ->
                        reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    static <T extends Throwable> T find(Throwable error, Class<T> type) {
        Throwable current = error;
        for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
            if (type.isInstance(current)) {
                return type.cast(current);
            }
            current = current.getCause();
        }
        return null;
    }
}
