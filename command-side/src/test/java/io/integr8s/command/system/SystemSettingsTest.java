package io.integr8s.command.system;

import io.integr8s.command.system.api.InvalidSystemSettings;
import io.integr8s.command.system.api.LogLevel;
import io.integr8s.command.system.api.ResetSystemSettings;
import io.integr8s.command.system.api.SettingViolation;
import io.integr8s.command.system.api.SystemSettingsChanged;
import io.integr8s.command.system.api.SystemSettingsValues;
import io.integr8s.command.system.api.UpdateSystemSettings;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.integr8s.command.system.api.SystemSettingsValues.AGGREGATE_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class SystemSettingsTest {

    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");
    private static final String ADMIN = "admin-1";
    private static final SystemSettingsValues DEFAULTS = new SystemSettingsValues(5, "128Mi", "1000m", 2, 8, 60, 5, 15,
            30, LogLevel.INFO, true, 0.1);
    private static final SystemSettingsValues STRICT = new SystemSettingsValues(2, "64Mi", "500m", 1, 12, 30, 3, 30,
            7, LogLevel.WARNING, false, 0.5);

    private AggregateTestFixture<SystemSettings> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SystemSettings.class);
    }

    private static UpdateSystemSettings update(SystemSettingsValues settings) {
        return new UpdateSystemSettings(AGGREGATE_ID, settings, DEFAULTS, ADMIN, AT);
    }

    private static SystemSettingsChanged changed(SystemSettingsValues settings, SystemSettingsValues previous,
                                                 boolean reset) {
        return new SystemSettingsChanged(AGGREGATE_ID, settings, previous, ADMIN, AT, reset);
    }

    private static SystemSettingsValues with(UnaryOperator<Builder> change) {
        return change.apply(new Builder()).build();
    }

    @Test
    void theFirstChangeRecordsTheDefaultsAsWhatItReplaced() {
        fixture.givenNoPriorActivity()
                .when(update(STRICT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(changed(STRICT, DEFAULTS, false));
    }

    @Test
    void aLaterChangeRecordsTheValuesItReplaced() {
        SystemSettingsValues later = with(b -> b.timeout(600));
        fixture.given(changed(STRICT, DEFAULTS, false))
                .when(update(later))
                .expectEvents(changed(later, STRICT, false));
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothing() {
        fixture.given(changed(STRICT, DEFAULTS, false))
                .when(update(STRICT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void puttingTheDefaultsBeforeAnyChangeRecordsNothing() {
        fixture.givenNoPriorActivity()
                .when(update(DEFAULTS))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resetRestoresTheDefaultsAndSaysSo() {
        fixture.given(changed(STRICT, DEFAULTS, false))
                .when(new ResetSystemSettings(AGGREGATE_ID, DEFAULTS, ADMIN, AT))
                .expectEvents(changed(DEFAULTS, STRICT, true));
    }

    @Test
    void resetBeforeAnyChangeRecordsNothing() {
        fixture.givenNoPriorActivity()
                .when(new ResetSystemSettings(AGGREGATE_ID, DEFAULTS, ADMIN, AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void resetToDefaultsOutOfBoundsIsRefused() {
        fixture.given(changed(STRICT, DEFAULTS, false))
                .when(new ResetSystemSettings(AGGREGATE_ID, with(b -> b.concurrent(0)), ADMIN, AT))
                .expectException(InvalidSystemSettings.class)
                .expectNoEvents();
    }

    static Stream<Arguments> outOfBounds() {
        return Stream.of(
                arguments("max_timeout_seconds", with(b -> b.timeout(0))),
                arguments("max_timeout_seconds", with(b -> b.timeout(3601))),
                arguments("memory_limit", with(b -> b.memory("7Mi"))),
                arguments("memory_limit", with(b -> b.memory("65Gi"))),
                arguments("memory_limit", with(b -> b.memory("512MB"))),
                arguments("memory_limit", with(b -> b.memory("134217728500m"))),
                arguments("memory_limit", with(b -> b.memory("lots"))),
                arguments("memory_limit", with(b -> b.memory(null))),
                arguments("cpu_limit", with(b -> b.cpu("9m"))),
                arguments("cpu_limit", with(b -> b.cpu("65"))),
                arguments("cpu_limit", with(b -> b.cpu("-1"))),
                arguments("cpu_limit", with(b -> b.cpu("1e3"))),
                arguments("max_concurrent_executions", with(b -> b.concurrent(0))),
                arguments("max_concurrent_executions", with(b -> b.concurrent(101))),
                arguments("password_min_length", with(b -> b.passwordLength(7))),
                arguments("password_min_length", with(b -> b.passwordLength(33))),
                arguments("session_timeout_minutes", with(b -> b.session(4))),
                arguments("session_timeout_minutes", with(b -> b.session(1441))),
                arguments("max_login_attempts", with(b -> b.attempts(2))),
                arguments("max_login_attempts", with(b -> b.attempts(11))),
                arguments("lockout_duration_minutes", with(b -> b.lockout(4))),
                arguments("lockout_duration_minutes", with(b -> b.lockout(61))),
                arguments("metrics_retention_days", with(b -> b.retention(6))),
                arguments("metrics_retention_days", with(b -> b.retention(91))),
                arguments("log_level", with(b -> b.logLevel(null))),
                arguments("sampling_rate", with(b -> b.sampling(-0.01))),
                arguments("sampling_rate", with(b -> b.sampling(1.01))),
                arguments("sampling_rate", with(b -> b.sampling(Double.NaN))));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("outOfBounds")
    void aValueOutOfItsBoundsIsRefusedAndNothingChanges(String field, SystemSettingsValues settings) {
        fixture.given(changed(STRICT, DEFAULTS, false))
                .when(update(settings))
                .expectNoEvents()
                .expectException(InvalidSystemSettings.class)
                .expectExceptionMessage(org.hamcrest.Matchers.startsWith(field + ": "));
        assertThat(settings.violations()).extracting(SettingViolation::field).containsExactly(field);
    }

    static Stream<SystemSettingsValues> atTheirBounds() {
        return Stream.of(
                new SystemSettingsValues(1, "8Mi", "10m", 1, 8, 5, 3, 5, 7, LogLevel.DEBUG, false, 0.0),
                new SystemSettingsValues(3600, "64Gi", "64", 100, 32, 1440, 10, 60, 90, LogLevel.CRITICAL, true, 1.0),
                with(b -> b.memory("1G").cpu("1.5")),
                with(b -> b.memory("2097152Ki").cpu("0.25")),
                with(b -> b.memory("268435456")));
    }

    @ParameterizedTest
    @MethodSource("atTheirBounds")
    void valuesAtTheirBoundsAndEveryQuantityFormAreAccepted(SystemSettingsValues settings) {
        fixture.given(changed(STRICT, DEFAULTS, false))
                .when(update(settings))
                .expectEvents(changed(settings, STRICT, false));
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        SystemSettingsValues bad = with(b -> b.timeout(0).memory("huge").passwordLength(4).sampling(2));

        fixture.givenNoPriorActivity()
                .when(update(bad))
                .expectNoEvents()
                .expectException(InvalidSystemSettings.class);
        assertThat(bad.violations()).extracting(SettingViolation::field)
                .containsExactly("max_timeout_seconds", "memory_limit", "password_min_length", "sampling_rate");
    }

    @Test
    void quantitiesAreReadInBaseUnits() {
        assertThat(with(b -> b.memory("512Mi")).memoryLimitBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(with(b -> b.memory("1G")).memoryLimitBytes()).isEqualTo(1_000_000_000L);
        assertThat(with(b -> b.cpu("2000m")).cpuLimitCores()).isEqualTo(2.0);
        assertThat(with(b -> b.cpu("0.5")).cpuLimitCores()).isEqualTo(0.5);
    }

    /** The defaults with single values changed, for the cases above. */
    private static final class Builder {
        private int timeout = DEFAULTS.maxTimeoutSeconds();
        private String memory = DEFAULTS.memoryLimit();
        private String cpu = DEFAULTS.cpuLimit();
        private int concurrent = DEFAULTS.maxConcurrentExecutions();
        private int passwordLength = DEFAULTS.passwordMinLength();
        private int session = DEFAULTS.sessionTimeoutMinutes();
        private int attempts = DEFAULTS.maxLoginAttempts();
        private int lockout = DEFAULTS.lockoutDurationMinutes();
        private int retention = DEFAULTS.metricsRetentionDays();
        private LogLevel logLevel = DEFAULTS.logLevel();
        private double sampling = DEFAULTS.samplingRate();

        Builder timeout(int value) { timeout = value; return this; }
        Builder memory(String value) { memory = value; return this; }
        Builder cpu(String value) { cpu = value; return this; }
        Builder concurrent(int value) { concurrent = value; return this; }
        Builder passwordLength(int value) { passwordLength = value; return this; }
        Builder session(int value) { session = value; return this; }
        Builder attempts(int value) { attempts = value; return this; }
        Builder lockout(int value) { lockout = value; return this; }
        Builder retention(int value) { retention = value; return this; }
        Builder logLevel(LogLevel value) { logLevel = value; return this; }
        Builder sampling(double value) { sampling = value; return this; }

        SystemSettingsValues build() {
            return new SystemSettingsValues(timeout, memory, cpu, concurrent, passwordLength, session, attempts,
                    lockout, retention, logLevel, DEFAULTS.enableTracing(), sampling);
        }
    }
}
