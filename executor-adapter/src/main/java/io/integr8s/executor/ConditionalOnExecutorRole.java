package io.integr8s.executor;

import org.springframework.context.annotation.Conditional;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Only on instances with the {@code executor} role: {@code integr8s.roles} lists it or is empty (every role, the
 * default). The backends and their start-up work (reconciliation, cleanup) live there; the API validates the list.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(OnExecutorRoleCondition.class)
public @interface ConditionalOnExecutorRole {
}
