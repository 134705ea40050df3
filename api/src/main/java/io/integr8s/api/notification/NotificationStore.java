package io.integr8s.api.notification;

import jakarta.annotation.PostConstruct;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Sort.Direction;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The notifications in MongoDB. Reads and user changes are scoped to the owner; deleted ones are invisible. */
@Component
public class NotificationStore {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

    private final ReactiveMongoTemplate mongo;

    public NotificationStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    void createIndexes() {
        mongo.indexOps(Notification.class).createIndex(new Index().on(Notification.USER_ID, Direction.ASC)
                .on(Notification.CREATED_AT, Direction.DESC).named("user_created")).block(WRITE_TIMEOUT);
        mongo.indexOps(Notification.class).createIndex(new Index().on(Notification.EXECUTION_ID, Direction.ASC)
                .named("execution")).block(WRITE_TIMEOUT);
    }

    /** Stores it unless a notification with its id exists (then that one, with its user's changes, stays as it is). */
    void insertIfAbsent(Notification notification) {
        Update update = new Update();
        Document document = new Document();
        mongo.getConverter().write(notification, document);
        document.forEach((field, value) -> {
            if (!Notification.ID.equals(field)) {
                update.setOnInsert(field, value);
            }
        });
        mongo.upsert(query(where(Notification.ID).is(notification.notificationId())), update, Notification.class)
                .block(WRITE_TIMEOUT);
    }

    /** The execution's notifications no channel has taken yet (skipped ones stay skipped). */
    List<Notification> undelivered(String executionId) {
        return mongo.find(query(where(Notification.EXECUTION_ID).is(executionId)
                        .and(Notification.DELIVERED_AT).is(null)
                        .and(Notification.STATUS).ne(NotificationStatus.SKIPPED)), Notification.class)
                .collectList().block(WRITE_TIMEOUT);
    }

    /** The channel will not take it (the subscription was switched off or lost its URL since it was created). */
    void markSkipped(String notificationId) {
        mongo.updateFirst(query(where(Notification.ID).is(notificationId).and(Notification.READ_AT).is(null)),
                new Update().set(Notification.STATUS, NotificationStatus.SKIPPED), Notification.class)
                .block(WRITE_TIMEOUT);
    }

    /** A read notification keeps its {@code read} status; only its delivery time is recorded then. */
    void markDelivered(String notificationId, int attempts, Instant at) {
        mongo.updateFirst(query(where(Notification.ID).is(notificationId)), new Update()
                        .set(Notification.DELIVERED_AT, at).set(Notification.ATTEMPTS, attempts)
                        .unset(Notification.LAST_ERROR), Notification.class).block(WRITE_TIMEOUT);
        mongo.updateFirst(query(where(Notification.ID).is(notificationId).and(Notification.READ_AT).is(null)),
                new Update().set(Notification.STATUS, NotificationStatus.DELIVERED), Notification.class)
                .block(WRITE_TIMEOUT);
    }

    void markFailed(String notificationId, int attempts, String error) {
        mongo.updateFirst(query(where(Notification.ID).is(notificationId).and(Notification.READ_AT).is(null)),
                new Update().set(Notification.STATUS, NotificationStatus.FAILED), Notification.class)
                .block(WRITE_TIMEOUT);
        mongo.updateFirst(query(where(Notification.ID).is(notificationId)), new Update()
                .inc(Notification.ATTEMPTS, attempts).set(Notification.LAST_ERROR, error), Notification.class)
                .block(WRITE_TIMEOUT);
    }

    public Flux<Notification> list(String userId, NotificationFilter filter, int limit, int offset) {
        return mongo.find(filter.applyTo(visibleOf(userId)).with(Sort.by(Direction.DESC, Notification.CREATED_AT))
                .skip(offset).limit(limit), Notification.class);
    }

    public Mono<Long> count(String userId, NotificationFilter filter) {
        return mongo.count(filter.applyTo(visibleOf(userId)), Notification.class);
    }

    public Mono<Long> unreadCount(String userId) {
        return mongo.count(visibleOf(userId).addCriteria(where(Notification.READ_AT).is(null)), Notification.class);
    }

    /** False when the user has no such (visible) notification. */
    public Mono<Boolean> markRead(String userId, String notificationId, Instant at) {
        Query own = visibleOf(userId).addCriteria(where(Notification.ID).is(notificationId));
        return mongo.findAndModify(own.addCriteria(where(Notification.READ_AT).is(null)), read(at), Notification.class)
                .map(changed -> true)
                .switchIfEmpty(Mono.defer(() -> mongo.exists(visibleOf(userId)
                        .addCriteria(where(Notification.ID).is(notificationId)), Notification.class)));
    }

    public Mono<Void> markAllRead(String userId, Instant at) {
        return mongo.updateMulti(visibleOf(userId).addCriteria(where(Notification.READ_AT).is(null)), read(at),
                Notification.class).then();
    }

    public Mono<Boolean> delete(String userId, String notificationId, Instant at) {
        return mongo.findAndModify(visibleOf(userId).addCriteria(where(Notification.ID).is(notificationId)),
                        new Update().set(Notification.DELETED_AT, at), FindAndModifyOptions.options().returnNew(true),
                        Notification.class)
                .map(deleted -> true).defaultIfEmpty(false);
    }

    public Mono<Notification> find(String notificationId) {
        return mongo.findById(notificationId, Notification.class);
    }

    private static Update read(Instant at) {
        return new Update().set(Notification.READ_AT, at).set(Notification.STATUS, NotificationStatus.READ);
    }

    private static Query visibleOf(String userId) {
        return query(where(Notification.USER_ID).is(userId).and(Notification.DELETED_AT).is(null));
    }

    /** The list filters of {@code GET /notifications}. */
    public record NotificationFilter(NotificationStatus status, List<String> includeTags, List<String> excludeTags,
                                     String tagPrefix) {

        Query applyTo(Query query) {
            if (status != null) {
                query.addCriteria(where(Notification.STATUS).is(status));
            }
            List<Criteria> tags = new ArrayList<>();
            if (includeTags != null && !includeTags.isEmpty()) {
                tags.add(where(Notification.TAGS).in(includeTags));
            }
            if (excludeTags != null && !excludeTags.isEmpty()) {
                tags.add(where(Notification.TAGS).nin(excludeTags));
            }
            if (tagPrefix != null && !tagPrefix.isEmpty()) {
                tags.add(where(Notification.TAGS).regex("^" + Pattern.quote(tagPrefix)));
            }
            if (!tags.isEmpty()) {
                query.addCriteria(new Criteria().andOperator(tags));
            }
            return query;
        }
    }
}
