package io.integr8s.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonDecoder;
import org.springframework.web.reactive.config.WebFluxConfigurer;

/**
 * Request bodies are read by a copy of the application's JSON mapper that refuses strings which are not Unicode text
 * ({@link UnicodeStrings}). Only the server's reading: Axon, the stores and outgoing clients keep the plain mapper,
 * so events already stored are always read back.
 */
@Configuration(proxyBeanMethods = false)
class RequestBodyCodecs implements WebFluxConfigurer {

    private final ObjectMapper requests;

    RequestBodyCodecs(ObjectMapper json) {
        this.requests = json.copy().registerModule(new SimpleModule("unicode-strings")
                .addDeserializer(String.class, new UnicodeStrings()));
    }

    @Override
    public void configureHttpMessageCodecs(ServerCodecConfigurer codecs) {
        codecs.defaultCodecs().jackson2JsonDecoder(new Jackson2JsonDecoder(requests));
    }
}
