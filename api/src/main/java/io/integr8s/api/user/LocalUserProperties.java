package io.integr8s.api.user;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** The single user every request acts as until real identities exist. */
@ConfigurationProperties(prefix = "integr8s.local-user")
public record LocalUserProperties(@DefaultValue("local-user") String id, @DefaultValue("local") String username) {

    public CurrentUser asCurrentUser() {
        return new CurrentUser(id, username, io.integr8s.command.user.api.UserRole.USER);
    }
}
