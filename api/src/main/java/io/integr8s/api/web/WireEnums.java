package io.integr8s.api.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Query parameters naming one of an enum's snake_case wire names (status, priority, state): 422 for any other. */
public final class WireEnums {

    private WireEnums() {
    }

    /** The constant whose lower-case name is {@code value}; null when the parameter is absent. */
    public static <T extends Enum<T>> T parse(String parameter, String value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiValidationException(parameter, value, "Unknown " + parameter + " '" + value + "'; use one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT))
                    .collect(Collectors.joining(", ")));
        }
    }
}
