package io.integr8s.api.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.MethodParameter;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.server.MissingRequestValueException;
import org.springframework.web.server.ServerWebInputException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Describes an unreadable request input (malformed JSON, a value of the wrong type, a missing body or parameter) as
 * one contract violation whose {@code loc} points at the offending field as far as Jackson tells it. Jackson's own
 * messages name Java types, so the message is written here from the expected kind of value instead.
 */
@Component
public class JsonInputProblems {

    /** WebFlux's reason for a required body that was not sent. */
    private static final String NO_BODY = "No request body";

    private final ObjectMapper json;

    public JsonInputProblems(ObjectMapper json) {
        this.json = json;
    }

    public ValidationProblem.Violation violation(ServerWebInputException e) {
        if (e instanceof MissingRequestValueException missing) {
            return new ValidationProblem.Violation("missing", List.of(source(missing.getMethodParameter()), missing.getName()),
                    "Field required; send the " + missing.getLabel() + " '" + missing.getName() + "'", null);
        }
        TypeMismatchException mismatch = cause(e, TypeMismatchException.class);
        if (mismatch != null && e.getMethodParameter() != null) {
            String name = String.valueOf(e.getMethodParameter().getParameterName());
            return new ValidationProblem.Violation("type_error", List.of(source(e.getMethodParameter()), name),
                    "Input should be " + kind(mismatch.getRequiredType()) + "; correct '" + name + "'", mismatch.getValue());
        }
        JsonParseException malformed = cause(e, JsonParseException.class);
        if (malformed != null) {
            JsonLocation at = malformed.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            return new ValidationProblem.Violation("json_invalid", List.of("body"),
                    "The body is not valid JSON" + where + "; send a well-formed JSON object", null);
        }
        UnicodeStrings.NotUnicodeText notText = cause(e, UnicodeStrings.NotUnicodeText.class);
        if (notText != null) {
            return new ValidationProblem.Violation("string_unicode", location(notText), "Input should be Unicode "
                    + "text; it holds a lone surrogate (an unpaired \\ud800-\\udfff escape): send whole characters", null);
        }
        JsonMappingException wrongType = cause(e, JsonMappingException.class);
        if (wrongType != null) {
            List<Object> loc = location(wrongType);
            Class<?> expected = wrongType instanceof MismatchedInputException m ? m.getTargetType() : null;
            Object input = wrongType instanceof InvalidFormatException f ? f.getValue() : null;
            String what = loc.size() == 1 ? "the body" : "'" + loc.get(loc.size() - 1) + "'";
            return new ValidationProblem.Violation(loc.size() == 1 ? "model_attributes_type" : "type_error", loc,
                    "Input should be " + kind(expected) + "; correct " + what, input);
        }
        if (NO_BODY.equals(e.getReason())) {
            return new ValidationProblem.Violation("missing", List.of("body"),
                    "Field required; send a JSON body with the fields of the contract", null);
        }
        return new ValidationProblem.Violation("value_error", List.of("body"),
                "The request could not be read; send a JSON object with the fields of the contract", null);
    }

    private static List<Object> location(JsonMappingException e) {
        List<Object> loc = new ArrayList<>();
        loc.add("body");
        for (JsonMappingException.Reference step : e.getPath()) {
            loc.add(step.getFieldName() != null ? step.getFieldName() : step.getIndex());
        }
        return loc;
    }

    private String kind(Class<?> type) {
        if (type == null) {
            return "a value of the documented type";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants())
                    .map(constant -> json.valueToTree(constant).asText()).collect(Collectors.joining(", "));
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (type.getPackageName().startsWith("java.time")) {
            return "an ISO-8601 date-time";
        }
        if (Map.class.isAssignableFrom(type) || !type.getPackageName().startsWith("java.")) {
            return "a JSON object";
        }
        return "a value of the documented type";
    }

    private static String source(MethodParameter parameter) {
        if (parameter == null) {
            return "body";
        }
        if (parameter.hasParameterAnnotation(PathVariable.class)) {
            return "path";
        }
        return parameter.hasParameterAnnotation(RequestHeader.class) ? "header" : "query";
    }

    private static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
