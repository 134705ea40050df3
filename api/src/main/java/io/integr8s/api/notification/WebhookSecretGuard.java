package io.integr8s.api.notification;

import io.integr8s.api.auth.ProductionProfile;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** Refuses to start a production profile that would sign webhooks with the built-in development secret. */
@Component
class WebhookSecretGuard implements InitializingBean {

    private final NotificationProperties notifications;
    private final ProductionProfile production;

    WebhookSecretGuard(NotificationProperties notifications, ProductionProfile production) {
        this.notifications = notifications;
        this.production = production;
    }

    @Override
    public void afterPropertiesSet() {
        if (production.isActive() && NotificationProperties.DEVELOPMENT_SIGNING_SECRET.equals(notifications.webhook().signingSecret())) {
            throw new IllegalStateException("Refusing to start: profile " + production.names()
                    + " is production but integr8s.notifications.webhook.signing-secret is the built-in development "
                    + "value; set INTEGR8S_NOTIFICATIONS_WEBHOOK_SIGNING_SECRET to a random value (e.g. "
                    + "`openssl rand -hex 32`) and give it to your webhook receivers");
        }
    }
}
