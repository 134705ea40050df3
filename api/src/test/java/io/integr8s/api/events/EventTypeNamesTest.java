package io.integr8s.api.events;

import io.integr8s.command.eventdeletion.api.StoredEventDeleted;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionScheduled;
import io.integr8s.command.settings.api.UserSettingsChanged;
import io.integr8s.command.system.api.SystemSettingsChanged;
import io.integr8s.command.user.api.UserRoleChanged;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventTypeNamesTest {

    @Test
    void executionEventsCarryTheirStreamNames() {
        assertThat(EventTypeNames.of(ExecutionRequested.class.getName())).isEqualTo("execution_requested");
        assertThat(EventTypeNames.of(ExecutionScheduled.class.getName())).isEqualTo("execution_accepted");
    }

    @Test
    void userAndSettingsEventsCarryTheContractsNames() {
        assertThat(EventTypeNames.of(UserRoleChanged.class.getName())).isEqualTo("user_updated");
        assertThat(EventTypeNames.of(UserSettingsChanged.class.getName())).isEqualTo("user_settings_updated");
        assertThat(EventTypeNames.of(StoredEventDeleted.class.getName())).isEqualTo("event_deleted");
    }

    @Test
    void anyOtherTypeIsItsClassNameInSnakeCase() {
        assertThat(EventTypeNames.of(SystemSettingsChanged.class.getName())).isEqualTo("system_settings_changed");
        assertThat(EventTypeNames.of("com.example.gone.LegacyThingHappened")).isEqualTo("legacy_thing_happened");
    }

    @Test
    void aFilterNameSelectsEveryStoredTypeCarryingIt() {
        List<String> stored = List.of(UserRoleChanged.class.getName(), ExecutionRequested.class.getName(),
                "io.integr8s.command.user.api.PasswordChanged");
        assertThat(EventTypeNames.payloadTypesNamed(List.of("user_updated"), stored))
                .containsExactly(UserRoleChanged.class.getName(), "io.integr8s.command.user.api.PasswordChanged");
    }
}
