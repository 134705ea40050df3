package io.integr8s.command.settings;

import io.integr8s.command.settings.api.ChangeEditorSettings;
import io.integr8s.command.settings.api.ChangeNotificationPreferences;
import io.integr8s.command.settings.api.ChangeTheme;
import io.integr8s.command.settings.api.EditorSettings;
import io.integr8s.command.settings.api.FieldChange;
import io.integr8s.command.settings.api.InvalidUserSettings;
import io.integr8s.command.settings.api.NotificationPreferences;
import io.integr8s.command.settings.api.RestoreUserSettings;
import io.integr8s.command.settings.api.SetCustomSetting;
import io.integr8s.command.settings.api.SettingsPatch;
import io.integr8s.command.settings.api.UpdateUserSettings;
import io.integr8s.command.settings.api.UserSettingsChanged;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;

class UserSettingsTest {

    private static final String USER = "user-1";
    private static final String ADMIN = "admin-1";
    private static final Instant T1 = Instant.parse("2026-11-27T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-11-27T11:00:00Z");
    private static final Instant T3 = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant NOW = Instant.parse("2026-11-27T13:00:00Z");

    private AggregateTestFixture<UserSettings> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(UserSettings.class);
    }

    private static UserSettingsChanged changed(Instant at, FieldChange... changes) {
        return new UserSettingsChanged(USER, List.of(changes), USER, null, at, null);
    }

    private static SettingsPatch patch(String theme, String timezone, EditorSettings editor) {
        return new SettingsPatch(theme, timezone, null, null, null, editor, null);
    }

    private static EditorSettings editor(int fontSize, int tabSize) {
        return new EditorSettings(fontSize, tabSize, false, true, true);
    }

    @Test
    void aChangeRecordsEachChangedFieldWithItsOldAndNewValueTheActorAndTheReason() {
        fixture.givenNoPriorActivity()
                .when(new ChangeTheme(USER, "dark", ADMIN, "support ticket 42", NOW))
                .expectEvents(new UserSettingsChanged(USER, List.of(new FieldChange("theme", "auto", "dark")), ADMIN,
                        "support ticket 42", NOW, null));
    }

    @Test
    void aChangeThatChangesNothingRecordsNothing() {
        fixture.given(changed(T1, new FieldChange("theme", "auto", "dark")))
                .when(new ChangeTheme(USER, "dark", USER, null, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settingTheDefaultsOnAUserWithoutSettingsRecordsNothing() {
        // nothing is stored for such a user, so the fixture's check of the stored against the working state cannot run
        fixture.setReportIllegalStateChange(false);
        fixture.givenNoPriorActivity()
                .when(new ChangeEditorSettings(USER, EditorSettings.DEFAULTS, USER, null, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aPartialUpdateChangesOnlyTheFieldsItGives() {
        fixture.givenNoPriorActivity()
                .when(new UpdateUserSettings(USER, patch(null, "Europe/Berlin", editor(16, 4)), USER, null, NOW))
                .expectEvents(changed(NOW, new FieldChange("timezone", "UTC", "Europe/Berlin"),
                        new FieldChange("editor.font_size", 14, 16)));
    }

    @Test
    void notificationPreferencesAreReplacedAsAWhole() {
        NotificationPreferences quiet = new NotificationPreferences(true, false, true, true, List.of("webhook"));
        fixture.givenNoPriorActivity()
                .when(new ChangeNotificationPreferences(USER, quiet, USER, null, NOW))
                .expectEvents(changed(NOW, new FieldChange("notifications.execution_failed", true, false),
                        new FieldChange("notifications.channels", List.of("in_app"), List.of("webhook"))));
    }

    @ParameterizedTest
    @ValueSource(ints = {7, 33, 40})
    void theFontSizeIsBetween8And32(int fontSize) {
        fixture.givenNoPriorActivity()
                .when(new ChangeEditorSettings(USER, editor(fontSize, 4), USER, null, NOW))
                .expectNoEvents()
                .expectException(InvalidUserSettings.class)
                .expectExceptionMessage("editor.font_size: Must be between 8 and 32, got " + fontSize);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 16})
    void theTabSizeIs2Or4Or8(int tabSize) {
        fixture.givenNoPriorActivity()
                .when(new ChangeEditorSettings(USER, editor(14, tabSize), USER, null, NOW))
                .expectNoEvents()
                .expectException(InvalidUserSettings.class)
                .expectExceptionMessage("editor.tab_size: Must be 2, 4 or 8, got " + tabSize);
    }

    @Test
    void theThemeIsLightDarkOrAuto() {
        fixture.givenNoPriorActivity()
                .when(new ChangeTheme(USER, "neon", USER, null, NOW))
                .expectNoEvents()
                .expectException(InvalidUserSettings.class)
                .expectExceptionMessage("theme: Must be one of light, dark, auto");
    }

    @Test
    void everyBrokenRuleIsListedAndNothingChanges() {
        SettingsPatch broken = new SettingsPatch("neon", "Mars/Olympus", " ", "25h",
                new NotificationPreferences(true, true, true, true, List.of("pager")), editor(40, 3), null);
        fixture.givenNoPriorActivity()
                .when(new UpdateUserSettings(USER, broken, USER, null, NOW))
                .expectNoEvents()
                .expectException(InvalidUserSettings.class)
                .expectExceptionMessage(Matchers.stringContainsInOrder("theme: ", "; timezone: ", "; date_format: ",
                        "; time_format: ", "; notifications.channels: ", "; editor.font_size: ", "; editor.tab_size: "));
    }

    @Test
    void aReasonHasAtMost1000Characters() {
        fixture.given(changed(T1, new FieldChange("theme", "auto", "dark")))
                .when(new RestoreUserSettings(USER, T1.minusSeconds(1), ADMIN, "x".repeat(1001), NOW))
                .expectNoEvents()
                .expectException(InvalidUserSettings.class)
                .expectExceptionMessage(Matchers.startsWith("reason: A reason has at most 1000 characters"));
    }

    @Test
    void aCustomSettingIsAddedChangedAndRemovedByKey() {
        fixture.given(changed(T1, new FieldChange("custom_settings.layout", null, Map.of("panes", 2))))
                .when(new SetCustomSetting(USER, "layout", null, USER, null, NOW))
                .expectEvents(changed(NOW, new FieldChange("custom_settings.layout", Map.of("panes", 2), null)));
        fixture.givenNoPriorActivity()
                .when(new SetCustomSetting(USER, "layout", "wide", USER, null, NOW))
                .expectEvents(changed(NOW, new FieldChange("custom_settings.layout", null, "wide")));
    }

    @Test
    void aCustomSettingsKeyIsShortAndPlain() {
        fixture.givenNoPriorActivity()
                .when(new SetCustomSetting(USER, "a b/c", 1, USER, null, NOW))
                .expectNoEvents()
                .expectException(InvalidUserSettings.class);
    }

    @Test
    void customSettingsInAPartialUpdateReplaceAllCustomSettings() {
        fixture.given(changed(T1, new FieldChange("custom_settings.a", null, 1)))
                .when(new UpdateUserSettings(USER, new SettingsPatch(null, null, null, null, null, null,
                        Map.of("b", true)), USER, null, NOW))
                .expectEvents(changed(NOW, new FieldChange("custom_settings.b", null, true),
                        new FieldChange("custom_settings.a", 1, null)));
    }

    @Test
    void aRestoreRecordsTheDifferenceToTheSettingsAsOfItsTimestamp() {
        fixture.given(changed(T1, new FieldChange("theme", "auto", "dark")),
                        changed(T2, new FieldChange("theme", "dark", "light"), new FieldChange("editor.tab_size", 4, 2)),
                        changed(T3, new FieldChange("custom_settings.x", null, "y")))
                .when(new RestoreUserSettings(USER, T1.plusSeconds(1), ADMIN, "undo the afternoon", NOW))
                .expectEvents(new UserSettingsChanged(USER, List.of(new FieldChange("theme", "light", "dark"),
                        new FieldChange("editor.tab_size", 2, 4), new FieldChange("custom_settings.x", "y", null)),
                        ADMIN, "undo the afternoon", NOW, T1.plusSeconds(1)));
    }

    @Test
    void aRestoreIncludesAChangeMadeExactlyAtItsTimestamp() {
        fixture.given(changed(T1, new FieldChange("theme", "auto", "dark")),
                        changed(T2, new FieldChange("theme", "dark", "light")))
                .when(new RestoreUserSettings(USER, T1, USER, null, NOW))
                .expectEvents(new UserSettingsChanged(USER, List.of(new FieldChange("theme", "light", "dark")), USER,
                        null, NOW, T1));
    }

    @Test
    void aRestoreSeesEarlierRestoresAsChangesOfTheirOwn() {
        fixture.given(changed(T1, new FieldChange("theme", "auto", "dark")),
                        new UserSettingsChanged(USER, List.of(new FieldChange("theme", "dark", "auto")), USER, null, T2,
                                Instant.EPOCH))
                .when(new RestoreUserSettings(USER, T3, USER, null, NOW))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRestoreToBeforeTheFirstChangeRestoresTheDefaults() {
        fixture.given(changed(T2, new FieldChange("editor.font_size", 14, 20)))
                .when(new RestoreUserSettings(USER, T1, USER, null, NOW))
                .expectEvents(new UserSettingsChanged(USER, List.of(new FieldChange("editor.font_size", 20, 14)),
                        USER, null, NOW, T1));
    }

    @Test
    void aRestoreToTheFutureIsRefused() {
        fixture.given(changed(T1, new FieldChange("theme", "auto", "dark")))
                .when(new RestoreUserSettings(USER, NOW.plusSeconds(60), USER, null, NOW))
                .expectNoEvents()
                .expectException(InvalidUserSettings.class)
                .expectExceptionMessage(Matchers.startsWith("timestamp: Must be a past point in time"));
    }
}
