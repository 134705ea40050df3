package io.integr8s.api.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

import java.io.IOException;

/**
 * Reads every JSON string of a request body (fields, list items, values of free-form objects) and refuses one holding
 * a lone surrogate, which JSON can carry as an escape ({@code "\}{@code ud800"}) but which is no Unicode text: UTF-8
 * cannot encode it, so PostgreSQL, BSON and Kafka would each keep something else (a {@code ?}). Refused here, it
 * becomes a 422 at its field ({@link JsonInputProblems}) instead of a value no view can show back as it was sent.
 */
final class UnicodeStrings extends StdScalarDeserializer<String> {

    UnicodeStrings() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String value = StringDeserializer.instance.deserialize(parser, context);
        if (value != null && hasLoneSurrogate(value)) {
            throw new NotUnicodeText(parser, value);
        }
        return value;
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** A string that is not Unicode text. */
    static final class NotUnicodeText extends InvalidFormatException {

        NotUnicodeText(JsonParser parser, String value) {
            super(parser, "a lone surrogate", value, String.class);
        }
    }
}
