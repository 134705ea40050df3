package io.integr8s.infra.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The ObjectMapper behind Axon's Jackson serializer (events, messages, sagas, deadlines, tokens). Axon's own default
 * calls {@code findAndRegisterModules()}, which would also pick up the Scala module that the Kafka broker brings,
 * and writes dates as numbers; and when the app has Boot's web ObjectMapper, Axon would store events in whatever
 * shape the HTTP JSON is configured for. Not a default autowire candidate, so the app's own ObjectMapper stays
 * Boot's. Axon's ObjectMapperAutoConfiguration is filtered out ({@link AxonObjectMapperAutoConfigurationFilter}).
 */
@AutoConfiguration(before = AxonAutoConfiguration.class)
public class AxonJacksonAutoConfiguration {

    /** Axon looks this bean up by this exact name. */
    static final String AXON_OBJECT_MAPPER = "defaultAxonObjectMapper";

    @Bean(name = AXON_OBJECT_MAPPER, defaultCandidate = false)
    @ConditionalOnMissingBean(name = AXON_OBJECT_MAPPER)
    public ObjectMapper defaultAxonObjectMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // an event stored by an older version may carry a field the current record no longer has
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
