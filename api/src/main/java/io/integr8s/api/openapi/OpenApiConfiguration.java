package io.integr8s.api.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's own OpenAPI document, generated from its controllers ({@code /v3/api-docs}, UI at
 * {@code /swagger-ui.html}, both readable without signing in). It covers the operations of
 * {@code shared/contract/openapi.json} this build serves, plus ours (readiness, audit); {@code OpenApiContractTest}
 * keeps the two in step.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    private static final String BEARER = "bearer";
    private static final String COOKIE = "access_token cookie";

    @Bean
    OpenAPI integr8sOpenApi() {
        return new OpenAPI()
                .info(new Info().title("integr8s").version("0.1.0").description("""
                        Runs untrusted scripts in locked-down sandboxes and streams each run's lifecycle over SSE.
                        Sign in with POST /api/v1/auth/login; send the access_token cookie (plus X-CSRF-Token on
                        unsafe requests) or the token as Authorization: Bearer."""))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes(COOKIE, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("access_token")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER))
                .addSecurityItem(new SecurityRequirement().addList(COOKIE));
    }
}
