package io.integr8s.api.notification;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import java.util.List;

/** The contract's SubscriptionUpdate; names are checked by {@link SubscriptionRules}, so a bad one gets a 422 naming it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SubscriptionUpdate(Boolean enabled, List<String> severities, List<String> includeTags,
                                 List<String> excludeTags, String webhookUrl, String slackWebhook,
                                 Boolean quietHoursEnabled, String quietHoursStart, String quietHoursEnd,
                                 String timezone, Integer batchIntervalMinutes) {
}
