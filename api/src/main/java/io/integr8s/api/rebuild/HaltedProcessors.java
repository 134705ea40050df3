package io.integr8s.api.rebuild;

import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event processors this instance keeps stopped on purpose for a rebuild's switch or a reset (ADR 0010): readiness
 * counts them as fine, so a moment's halt does not take every instance out of service.
 */
@Component
public class HaltedProcessors {

    private final Set<String> names = ConcurrentHashMap.newKeySet();

    public boolean contains(String processor) {
        return names.contains(processor);
    }

    void add(String processor) {
        names.add(processor);
    }

    boolean remove(String processor) {
        return names.remove(processor);
    }
}
