package io.integr8s.query.execution;

import io.integr8s.command.execution.api.ExecutionCancelled;
import io.integr8s.command.execution.api.ExecutionRequested;
import io.integr8s.command.execution.api.ExecutionStatus;
import io.integr8s.command.execution.api.Priority;
import io.integr8s.projections.execution.ExecutionProjection;
import io.integr8s.projections.execution.ExecutionView;
import io.integr8s.projections.execution.ExecutionReadModel;
import io.integr8s.projections.testing.InMemoryMongo;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Seeds the read model through the projection, then asks through a real Axon query bus and gateway. */
class ExecutionQueriesTest {

    private static final String ALICE = "alice";
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryMongo mongo = new InMemoryMongo();
    private AnnotationEventHandlerAdapter projection;
    private ExecutionQueries queries;

    @BeforeEach
    void setUp() {
        ExecutionReadModel readModel = new ExecutionReadModel(mongo.template(), name -> 0);
        projection = new AnnotationEventHandlerAdapter(new ExecutionProjection(readModel));
        SimpleQueryBus queryBus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new ExecutionQueryHandler(mongo.template(), readModel)).subscribe(queryBus);
        queries = new ExecutionQueries(DefaultQueryGateway.builder().queryBus(queryBus).build());
    }

    @AfterEach
    void tearDown() {
        mongo.close();
    }

    @Test
    void findsOneExecutionWithItsScript() throws Exception {
        requested("e1", ALICE, "python", 0);

        ExecutionView found = queries.find("e1").block();

        assertThat(found.executionId()).isEqualTo("e1");
        assertThat(found.ownerId()).isEqualTo(ALICE);
        assertThat(found.status()).isEqualTo(ExecutionStatus.QUEUED);
        assertThat(found.script()).isEqualTo("print('e1')");
    }

    @Test
    void anUnknownExecutionIsNotFound() {
        assertThatThrownBy(() -> queries.find("nope").block())
                .isInstanceOf(ExecutionNotFound.class)
                .hasMessage("Execution 'nope' not found");
    }

    @Test
    void listsOnlyTheOwnersExecutionsNewestFirstWithoutScripts() throws Exception {
        requested("e1", ALICE, "python", 0);
        requested("e2", ALICE, "python", 2);
        requested("e3", ALICE, "node", 1);
        requested("b1", "bob", "python", 3);

        ExecutionPage page = queries.list(new ListExecutions(ALICE, null, null, null, null, 0, 50)).block();

        assertThat(ids(page)).containsExactly("e2", "e3", "e1");
        assertThat(page.items()).extracting(ExecutionView::script).containsOnlyNulls();
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.hasMore()).isFalse();
    }

    @Test
    void filtersByStatusAndLanguage() throws Exception {
        requested("e1", ALICE, "python", 0);
        requested("e2", ALICE, "python", 1);
        requested("e3", ALICE, "node", 2);
        cancelled("e2");

        assertThat(ids(list(ExecutionStatus.CANCELLED, null))).containsExactly("e2");
        assertThat(ids(list(ExecutionStatus.QUEUED, null))).containsExactly("e3", "e1");
        assertThat(ids(list(null, "node"))).containsExactly("e3");
        assertThat(ids(list(ExecutionStatus.QUEUED, "python"))).containsExactly("e1");
    }

    @Test
    void filtersByCreationTimeWithInclusiveBounds() throws Exception {
        for (int minute = 0; minute < 5; minute++) {
            requested("e" + minute, ALICE, "python", minute);
        }

        ExecutionPage between = queries.list(new ListExecutions(ALICE, null, null, at(1), at(3), 0, 50)).block();
        ExecutionPage from = queries.list(new ListExecutions(ALICE, null, null, at(3), null, 0, 50)).block();
        ExecutionPage until = queries.list(new ListExecutions(ALICE, null, null, null, at(0), 0, 50)).block();

        assertThat(ids(between)).containsExactly("e3", "e2", "e1");
        assertThat(ids(from)).containsExactly("e4", "e3");
        assertThat(ids(until)).containsExactly("e0");
    }

    @Test
    void pagesWithSkipLimitTotalAndHasMore() throws Exception {
        for (int minute = 0; minute < 5; minute++) {
            requested("e" + minute, ALICE, "python", minute);
        }

        ExecutionPage first = queries.list(new ListExecutions(ALICE, null, null, null, null, 0, 2)).block();
        ExecutionPage last = queries.list(new ListExecutions(ALICE, null, null, null, null, 4, 2)).block();

        assertThat(first).isEqualTo(new ExecutionPage(first.items(), 5, 0, 2, true));
        assertThat(ids(first)).containsExactly("e4", "e3");
        assertThat(last).isEqualTo(new ExecutionPage(last.items(), 5, 4, 2, false));
        assertThat(ids(last)).containsExactly("e0");
    }

    @Test
    void rejectsAListingWithoutOwnerOrWithABadPage() {
        assertThatThrownBy(() -> new ListExecutions(null, null, null, null, null, 0, 50))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new ListExecutions(ALICE, null, null, null, null, -1, 50))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ListExecutions(ALICE, null, null, null, null, 0, ListExecutions.MAX_LIMIT + 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private ExecutionPage list(ExecutionStatus status, String lang) {
        return queries.list(new ListExecutions(ALICE, status, lang, null, null, 0, 50)).block();
    }

    private static List<String> ids(ExecutionPage page) {
        return page.items().stream().map(ExecutionView::executionId).toList();
    }

    private void requested(String id, String owner, String lang, int minute) throws Exception {
        ExecutionRequested event = new ExecutionRequested(id, owner, "print('" + id + "')", lang, "1",
                Priority.NORMAL, 30, "128Mi", "1000m", at(minute));
        deliver(id, 0, event, at(minute));
    }

    private void cancelled(String id) throws Exception {
        deliver(id, 1, new ExecutionCancelled(id, ALICE, "no longer needed", ALICE, ExecutionStatus.QUEUED), at(10));
    }

    private void deliver(String id, long sequence, Object event, Instant at) throws Exception {
        projection.handle(new GenericDomainEventMessage<>("Execution", id, sequence, event, MetaData.emptyInstance(),
                UUID.randomUUID().toString(), at));
    }

    private static Instant at(int minute) {
        return T0.plusSeconds(60L * minute);
    }
}
