package io.integr8s.query.saga;

import io.integr8s.projections.saga.SagaView;

import java.util.List;

/** A page of sagas and the number of all that match. */
public record SagaPage(List<SagaView> items, long total, int skip, int limit) {

    public SagaPage {
        items = List.copyOf(items);
    }

    public boolean hasMore() {
        return skip + items.size() < total;
    }
}
