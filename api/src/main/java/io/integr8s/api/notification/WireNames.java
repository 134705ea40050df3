package io.integr8s.api.notification;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The contract spells this feature's enum constants in lower case ({@code in_app}, {@code high}, {@code read}). */
final class WireNames {

    private WireNames() {
    }

    static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String wireName) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> of(constant).equals(wireName)).findFirst();
    }
}
