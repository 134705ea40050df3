package io.integr8s.api.roles;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The roles k8s/ gives each Deployment are ones this application accepts, and together they cover the system. */
class DeploymentRolesTest {

    private static final Path ROLES = Path.of("..", "k8s", "base", "configmap-roles.yaml");

    @SuppressWarnings("unchecked")
    private static Map<String, InstanceRoles> rolesByDeployment() throws IOException {
        try (Reader reader = Files.newBufferedReader(ROLES)) {
            Map<String, Object> configMap = new Yaml().load(reader);
            Map<String, String> data = (Map<String, String>) configMap.get("data");
            Map<String, InstanceRoles> roles = new LinkedHashMap<>();
            data.forEach((deployment, list) ->
                    roles.put(deployment, new InstanceRoles(Arrays.stream(list.split(",")).map(String::trim).toList())));
            return roles;
        }
    }

    @Test
    void eachDeploymentHasItsRolesAndTheWorkerKeepsTheExecutorBesideTheSagas() throws IOException {
        Map<String, InstanceRoles> roles = rolesByDeployment();

        assertThat(roles).containsOnlyKeys("api", "worker", "projections");
        assertThat(roles.get("api").held()).containsExactlyInAnyOrder(Role.API, Role.SSE_BRIDGE);
        assertThat(roles.get("worker").held()).containsExactlyInAnyOrder(Role.SAGAS, Role.COORDINATOR, Role.EXECUTOR);
        assertThat(roles.get("projections").held()).containsExactlyInAnyOrder(Role.PROJECTIONS, Role.NOTIFICATIONS);
    }

    @Test
    void everyRoleRunsSomewhere() throws IOException {
        Set<Role> covered = EnumSet.noneOf(Role.class);
        rolesByDeployment().values().forEach(instance -> covered.addAll(instance.held()));

        assertThat(covered).isEqualTo(EnumSet.allOf(Role.class));
    }
}
