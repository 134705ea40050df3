package io.integr8s.api.auth;

import io.integr8s.api.management.ManagementAccess;
import io.integr8s.api.system.CurrentSystemSettings;
import io.integr8s.api.user.UserDirectory;
import io.integr8s.api.web.ApiError;
import io.integr8s.api.web.Problem;
import io.integr8s.api.web.ProblemWriter;
import io.integr8s.command.system.api.SystemSettingsValues;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import java.time.Duration;

/**
 * Who may call what. Sessions are stateless (the token is the session); {@link SessionAuthenticationFilter} reads it,
 * {@link CsrfFilter} checks cookie-borne unsafe requests, and the path rules below decide access. Spring Security's
 * own CSRF, headers and login pages are off: API.md defines ours.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
@EnableConfigurationProperties(SecurityProperties.class)
class SecurityConfiguration {

    static final String[] PUBLIC = {"/api/v1/auth/login", "/api/v1/auth/register", "/api/v1/auth/logout",
            "/api/v1/health/**", "/api/v1/k8s-limits", "/api/v1/example-scripts"};

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, SessionTokens tokens, UserDirectory directory,
                                                  CsrfTokens csrf, ProblemWriter errors,
                                                  ManagementAccess management) {
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .cors(Customizer.withDefaults())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .addFilterBefore(management.scrapeTokenFilter(), SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAt(new SessionAuthenticationFilter(tokens, directory), SecurityWebFiltersOrder.AUTHENTICATION)
                .addFilterAfter(new CsrfFilter(csrf, errors), SecurityWebFiltersOrder.AUTHENTICATION)
                .authorizeExchange(exchanges -> management.authorize(exchanges
                                .pathMatchers(HttpMethod.OPTIONS, "/**").permitAll())
                        .pathMatchers(PUBLIC).permitAll()
                        .pathMatchers("/api/v1/admin/**", "/api/v1/replay/**").hasRole("ADMIN")
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint((exchange, denied) -> errors.write(exchange, new Problem(
                                HttpStatus.UNAUTHORIZED, new ApiError("Not authenticated", "AuthenticationRequiredError"))))
                        .accessDeniedHandler((exchange, denied) -> errors.write(exchange, new Problem(
                                HttpStatus.FORBIDDEN, new ApiError("Admin access required; sign in as an admin", "ForbiddenError")))))
                .build();
    }

    /** Argon2id with Spring Security's current recommended cost (16 MiB, 2 iterations). */
    @Bean
    PasswordEncoder passwordEncoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }

    /** Sign-in follows the system settings in force (an admin may change them); a blocking read, call it off the event loop. */
    @Bean
    AuthPolicySource systemSettingsAuthPolicy(CurrentSystemSettings settings) {
        return () -> {
            SystemSettingsValues current = settings.current();
            return new AuthPolicy(current.passwordMinLength(), Duration.ofMinutes(current.sessionTimeoutMinutes()),
                    current.maxLoginAttempts(), Duration.ofMinutes(current.lockoutDurationMinutes()));
        };
    }
}
