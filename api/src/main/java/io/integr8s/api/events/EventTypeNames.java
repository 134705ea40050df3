package io.integr8s.api.events;

import io.integr8s.api.stream.LifecycleNames;
import io.integr8s.command.eventdeletion.api.StoredEventDeleted;
import io.integr8s.command.settings.api.UserSettingsChanged;
import io.integr8s.command.user.api.PasswordChanged;
import io.integr8s.command.user.api.UserDeleted;
import io.integr8s.command.user.api.UserProfileUpdated;
import io.integr8s.command.user.api.UserRegistered;
import io.integr8s.command.user.api.UserRoleChanged;

import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The snake_case wire name of each stored event type (the payload type column): the execution lifecycle names of the
 * SSE stream, the contract's names of the user and settings events, and for any other type its class name in
 * snake_case ({@code SystemSettingsChanged} → {@code system_settings_changed}).
 */
public final class EventTypeNames {

    private static final Pattern WIRE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,99}");
    private static final Map<Class<?>, String> CONTRACT_NAMES = Map.of(
            UserRegistered.class, "user_registered",
            UserProfileUpdated.class, "user_updated",
            UserRoleChanged.class, "user_updated",
            PasswordChanged.class, "user_updated",
            UserDeleted.class, "user_deleted",
            UserSettingsChanged.class, "user_settings_updated",
            StoredEventDeleted.class, "event_deleted");

    private EventTypeNames() {
    }

    /** The wire name of a stored payload type (a fully qualified class name). */
    public static String of(String payloadType) {
        String simple = payloadType.substring(payloadType.lastIndexOf('.') + 1).replace('$', '_');
        for (Map.Entry<Class<?>, String> known : CONTRACT_NAMES.entrySet()) {
            if (known.getKey().getName().equals(payloadType)) {
                return known.getValue();
            }
        }
        try {
            String lifecycle = LifecycleNames.primaryOf(Class.forName(payloadType, false,
                    EventTypeNames.class.getClassLoader()));
            if (lifecycle != null) {
                return lifecycle;
            }
        } catch (ClassNotFoundException unknownHere) {
            // an event type this version does not know: its class name still names it
        }
        return simple.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The stored payload types among {@code storedTypes} that carry one of {@code names}. */
    static java.util.List<String> payloadTypesNamed(Collection<String> names, Collection<String> storedTypes) {
        return storedTypes.stream().filter(type -> names.contains(of(type))).toList();
    }

    public static boolean wellFormed(String name) {
        return name != null && WIRE_NAME.matcher(name).matches();
    }
}
