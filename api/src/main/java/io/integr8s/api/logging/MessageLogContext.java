package io.integr8s.api.logging;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the handled message's execution id, user id, correlation id and causation id into the logging context (MDC)
 * while its handler runs, and restores the outer context afterwards (an event handled inside the command that
 * applied it leaves the command's context as it was). Axon's own metadata names differ from ours: Axon's
 * {@code traceId} is the id of the message that started the whole flow (our correlation id), its
 * {@code correlationId} the id of the message that directly caused this one (our causation id). Only ids are
 * copied: never a payload field that could hold a script or a secret.
 */
public class MessageLogContext implements MessageHandlerInterceptor<Message<?>> {

    public static final String EXECUTION_ID = "execution_id";
    public static final String USER_ID = "user_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";
    public static final String MESSAGE_ID = "message_id";

    private static final String EXECUTION_AGGREGATE = "Execution";
    private static final Map<Class<?>, Map<String, RecordComponent>> COMPONENTS = new ConcurrentHashMap<>();

    @Override
    public Object handle(UnitOfWork<? extends Message<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Message<?> message = unitOfWork.getMessage();
        Map<String, String> outer = MDC.getCopyOfContextMap();
        try {
            put(MESSAGE_ID, message.getIdentifier());
            put(CORRELATION_ID, metaData(message, "traceId"));
            put(CAUSATION_ID, metaData(message, "correlationId"));
            put(EXECUTION_ID, executionId(message));
            put(USER_ID, idComponent(message.getPayload(), "ownerId")
                    .or(() -> idComponent(message.getPayload(), "userId")).orElse(null));
            return chain.proceed();
        } finally {
            if (outer == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(outer);
            }
        }
    }

    private static String executionId(Message<?> message) {
        if (message instanceof DomainEventMessage<?> event && EXECUTION_AGGREGATE.equals(event.getType())) {
            return event.getAggregateIdentifier();
        }
        return idComponent(message.getPayload(), "executionId").orElse(null);
    }

    private static String metaData(Message<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    /** A String component of a record payload with that name (messages are records). */
    private static Optional<String> idComponent(Object payload, String name) {
        if (payload == null || !payload.getClass().isRecord()) {
            return Optional.empty();
        }
        RecordComponent component = COMPONENTS.computeIfAbsent(payload.getClass(), MessageLogContext::componentsOf)
                .get(name);
        if (component == null || component.getType() != String.class) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((String) component.getAccessor().invoke(payload));
        } catch (ReflectiveOperationException e) {
            return Optional.empty();
        }
    }

    private static Map<String, RecordComponent> componentsOf(Class<?> type) {
        Map<String, RecordComponent> byName = new ConcurrentHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            byName.put(component.getName(), component);
        }
        return byName;
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
