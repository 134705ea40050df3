package io.integr8s.api.health;

import io.integr8s.api.roles.InstanceRoles;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.health.AdditionalHealthEndpointPath;
import org.springframework.boot.actuate.health.HealthEndpointGroup;
import org.springframework.boot.actuate.health.HealthEndpointGroups;
import org.springframework.boot.actuate.health.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Narrows the {@code readiness} health group (management.endpoint.health.group.readiness.include lists every
 * component it may hold) to the components this instance's roles use ({@link RoleDependencies}): an api-only
 * instance is not taken out of service because Kafka, which only the SSE bridge reads, is down.
 */
@Component
class RoleScopedReadiness implements HealthEndpointGroupsPostProcessor {

    static final String READINESS = "readiness";

    private final Set<String> used;

    RoleScopedReadiness(InstanceRoles roles) {
        this.used = RoleDependencies.of(roles.held());
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        HealthEndpointGroup readiness = groups.get(READINESS);
        if (readiness == null) {
            return groups;
        }
        Map<String, HealthEndpointGroup> scoped = new LinkedHashMap<>();
        groups.getNames().forEach(name -> scoped.put(name, groups.get(name)));
        scoped.put(READINESS, new Scoped(readiness, used));
        return HealthEndpointGroups.of(groups.getPrimary(), scoped);
    }

    private record Scoped(HealthEndpointGroup group, Set<String> used) implements HealthEndpointGroup {

        @Override
        public boolean isMember(String name) {
            return used.contains(name) && group.isMember(name);
        }

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return group.showComponents(securityContext);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return group.showDetails(securityContext);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
