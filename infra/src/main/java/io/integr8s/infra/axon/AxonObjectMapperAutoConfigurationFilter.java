package io.integr8s.infra.axon;

import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.boot.autoconfigure.AutoConfigurationMetadata;

/**
 * Drops Axon's {@code ObjectMapperAutoConfiguration}: {@link AxonJacksonAutoConfiguration} provides the
 * {@code defaultAxonObjectMapper} instead. Axon's version only checks for a default-candidate ObjectMapper, so it
 * would try to register a second bean of that name whenever the app has no other ObjectMapper.
 */
public class AxonObjectMapperAutoConfigurationFilter implements AutoConfigurationImportFilter {

    static final String AXON_OBJECT_MAPPER_AUTO_CONFIGURATION =
            "org.axonframework.springboot.autoconfig.ObjectMapperAutoConfiguration";

    @Override
    public boolean[] match(String[] autoConfigurationClasses, AutoConfigurationMetadata metadata) {
        boolean[] matches = new boolean[autoConfigurationClasses.length];
        for (int i = 0; i < autoConfigurationClasses.length; i++) {
            matches[i] = !AXON_OBJECT_MAPPER_AUTO_CONFIGURATION.equals(autoConfigurationClasses[i]);
        }
        return matches;
    }
}
