package io.integr8s.api.notification;

import io.integr8s.api.auth.SecurityProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/** Refuses to start a production profile that would sign webhooks with the built-in development secret. */
@Component
class WebhookSecretGuard implements InitializingBean {

    private final NotificationProperties notifications;
    private final SecurityProperties security;
    private final Environment environment;

    WebhookSecretGuard(NotificationProperties notifications, SecurityProperties security, Environment environment) {
        this.notifications = notifications;
        this.security = security;
        this.environment = environment;
    }

    @Override
    public void afterPropertiesSet() {
        boolean production = environment.acceptsProfiles(Profiles.of(security.productionProfiles().toArray(String[]::new)));
        if (production && NotificationProperties.DEVELOPMENT_SIGNING_SECRET.equals(notifications.webhook().signingSecret())) {
            throw new IllegalStateException("Refusing to start: profile " + security.productionProfiles()
                    + " is production but integr8s.notifications.webhook.signing-secret is the built-in development "
                    + "value; set INTEGR8S_NOTIFICATIONS_WEBHOOK_SIGNING_SECRET to a random value (e.g. "
                    + "`openssl rand -hex 32`) and give it to your webhook receivers");
        }
    }
}
