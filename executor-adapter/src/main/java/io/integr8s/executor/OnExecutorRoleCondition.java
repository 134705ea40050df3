package io.integr8s.executor;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.List;

class OnExecutorRoleCondition extends SpringBootCondition {

    static final String ROLES = "integr8s.roles";
    static final String EXECUTOR = "executor";

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        List<String> roles = Binder.get(context.getEnvironment()).bind(ROLES, Bindable.listOf(String.class))
                .orElse(List.of());
        return roles.isEmpty() || roles.contains(EXECUTOR)
                ? ConditionOutcome.match(ROLES + " " + (roles.isEmpty() ? "is empty (every role)" : roles) + " has " + EXECUTOR)
                : ConditionOutcome.noMatch(ROLES + " " + roles + " has no " + EXECUTOR);
    }
}
