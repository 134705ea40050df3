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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The notifications in MongoDB. Reads and user changes are scoped to the owner; deleted ones are invisible. */
@Component
public class NotificationStore {

    private static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);
    /** Fields of a notification held for a digest (absent otherwise): {@value #HELD} or {@value #SENDING}. */
    private static final String DIGEST = "digest";
    private static final String HELD = "held";
    private static final String SENDING = "sending";
    private static final String DIGEST_ID = "digestId";
    private static final String CLAIMED_AT = "claimedAt";
    /** Fields of a notification handed to the delivery pool (absent otherwise): the claim's id, and since when. */
    private static final String POSTING = "posting";
    private static final String POSTING_SINCE = "postingSince";

    private final ReactiveMongoTemplate mongo;

    public NotificationStore(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @PostConstruct
    void createIndexes() {
        mongo.indexOps(Notification.class).createIndex(new Index().on(Notification.USER_ID, Direction.ASC)
                .on(Notification.CREATED_AT, Direction.DESC).named("user_created")).block(WRITE_TIMEOUT);
        // NotificationDigests looks for held ones every second on each instance: only those few carry the field
        mongo.indexOps(Notification.class).createIndex(new Index().on(DIGEST, Direction.ASC).sparse()
                .named("digest")).block(WRITE_TIMEOUT);
        // and for posts whose claim went stale: only those in the delivery pool carry the field
        mongo.indexOps(Notification.class).createIndex(new Index().on(POSTING_SINCE, Direction.ASC).sparse()
                .named("posting")).block(WRITE_TIMEOUT);
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

    /**
     * The execution's notifications no channel has taken yet (skipped ones stay skipped, held ones wait for a digest).
     * Looked up by their ids alone, which derive from the execution: any other query is a scan of every notification
     * on the embedded run's Mongo-wire server, which made each execution slower than the one before.
     */
    List<Notification> undelivered(String executionId) {
        List<String> ids = Arrays.stream(NotificationChannel.values())
                .map(channel -> Notification.idFor(executionId, channel)).toList();
        List<Document> found = mongo.find(query(where(Notification.ID).in(ids)), Document.class,
                Notification.COLLECTION).collectList().block(WRITE_TIMEOUT);
        return (found == null ? List.<Document>of() : found).stream()
                .filter(document -> !document.containsKey(DIGEST) && !document.containsKey(POSTING))
                .map(document -> mongo.getConverter().read(Notification.class, document))
                .filter(notification -> notification.deliveredAt() == null)
                .filter(notification -> notification.status() != NotificationStatus.SKIPPED)
                .toList();
    }

    /** The channel will not take it (the subscription was switched off or lost its URL since it was created). */
    void markSkipped(String notificationId) {
        setStatus(where(Notification.ID).is(notificationId), NotificationStatus.SKIPPED);
    }

    void markDelivered(String notificationId, int attempts, Instant at) {
        delivered(where(Notification.ID).is(notificationId), attempts, at);
    }

    void markFailed(String notificationId, int attempts, String error) {
        failed(where(Notification.ID).is(notificationId), attempts, error);
    }

    /**
     * Takes an undelivered notification for one post by the delivery pool; false when it is already taken (by a
     * digest or another post) or delivered. The update of a document is atomic, so instances never both take it.
     */
    boolean claimPost(String notificationId, String claim, Instant at) {
        Criteria free = where(Notification.ID).is(notificationId).and(POSTING).exists(false).and(DIGEST).exists(false)
                .and(Notification.DELIVERED_AT).is(null);
        Long claimed = mongo.updateFirst(query(free), new Update().set(POSTING, claim).set(POSTING_SINCE, at),
                Notification.class).map(result -> result.getModifiedCount()).block(WRITE_TIMEOUT);
        if (claimed == null || claimed == 0) {
            return false;
        }
        setStatus(where(Notification.ID).is(notificationId), NotificationStatus.SENDING);
        return true;
    }

    /**
     * The pool starts the post now: its claim counts from now. False when the claim is gone (it waited longer than
     * the stale-claim time and was handed to a digest): then the post must not be made.
     */
    boolean startPost(String notificationId, String claim, Instant at) {
        Long started = mongo.updateFirst(query(where(Notification.ID).is(notificationId).and(POSTING).is(claim)),
                new Update().set(POSTING_SINCE, at), Notification.class).map(result -> result.getModifiedCount())
                .block(WRITE_TIMEOUT);
        return started != null && started > 0;
    }

    /** Ends the post's claim (after recording its outcome); a failed one can then be claimed by a retry. */
    void endPost(String notificationId) {
        mongo.updateFirst(query(where(Notification.ID).is(notificationId)), new Update().unset(POSTING)
                .unset(POSTING_SINCE), Notification.class).block(WRITE_TIMEOUT);
    }

    /**
     * Posts claimed before {@code before} and never finished (their instance stopped with them in its pool) are held
     * for their channel's next digest instead: no event can bring them back.
     */
    void releaseStalePosts(Instant before) {
        Criteria stale = where(POSTING_SINCE).lt(before);
        setStatus(stale, NotificationStatus.QUEUED);
        mongo.updateMulti(query(stale), new Update().set(DIGEST, HELD).unset(POSTING).unset(POSTING_SINCE),
                Notification.class).block(WRITE_TIMEOUT);
    }

    /** Whether notifications of this user's channel wait for a digest (then a new one joins them, keeping order). */
    boolean holding(String userId, NotificationChannel channel) {
        return Boolean.TRUE.equals(mongo.exists(query(ofChannel(userId, channel).and(DIGEST).exists(true)),
                Notification.class).block(WRITE_TIMEOUT));
    }

    long deliveredSince(String userId, NotificationChannel channel, Instant since) {
        Long count = mongo.count(query(ofChannel(userId, channel).and(Notification.DELIVERED_AT).gte(since)),
                Notification.class).block(WRITE_TIMEOUT);
        return count == null ? 0 : count;
    }

    /** Keeps it for the next digest of its user's channel instead of sending it now. */
    void hold(String notificationId) {
        Criteria it = where(Notification.ID).is(notificationId);
        mongo.updateFirst(query(it), new Update().set(DIGEST, HELD), Notification.class).block(WRITE_TIMEOUT);
        setStatus(it, NotificationStatus.QUEUED);
    }

    /** Each user's channel with held notifications, and when the oldest of them was created. */
    Map<HeldChannel, Instant> heldChannels() {
        List<Notification> found = mongo.find(query(where(DIGEST).is(HELD)), Notification.class).collectList().block(WRITE_TIMEOUT);
        Map<HeldChannel, Instant> oldest = new HashMap<>();
        for (Notification notification : found == null ? List.<Notification>of() : found) {
            oldest.merge(new HeldChannel(notification.userId(), notification.channel()), notification.createdAt(),
                    (a, b) -> a.isBefore(b) ? a : b);
        }
        return oldest;
    }

    /**
     * Takes every held notification of the channel for one digest, oldest first. Each is taken by one digest only,
     * also when instances race: the update of a document is atomic.
     */
    List<Notification> claimDigest(HeldChannel held, String digestId, Instant at) {
        mongo.updateMulti(query(ofChannel(held.userId(), held.channel()).and(DIGEST).is(HELD)),
                new Update().set(DIGEST, SENDING).set(DIGEST_ID, digestId).set(CLAIMED_AT, at),
                Notification.class).block(WRITE_TIMEOUT);
        setStatus(where(DIGEST_ID).is(digestId), NotificationStatus.SENDING);
        return mongo.find(query(where(DIGEST_ID).is(digestId)).with(Sort.by(Notification.CREATED_AT)),
                Notification.class).collectList().block(WRITE_TIMEOUT);
    }

    /**
     * The pool starts posting the digest now: its claim counts from now. False when the claim is gone (it waited in
     * the pool longer than the stale-claim time and its notifications were held again): then it must not be posted.
     */
    boolean startDigest(String digestId, Instant at) {
        Long started = mongo.updateMulti(query(where(DIGEST_ID).is(digestId).and(DIGEST).is(SENDING)),
                new Update().set(CLAIMED_AT, at), Notification.class).map(result -> result.getModifiedCount())
                .block(WRITE_TIMEOUT);
        return started != null && started > 0;
    }

    void digestDelivered(String digestId, int attempts, Instant at) {
        delivered(where(DIGEST_ID).is(digestId), attempts, at);
        endDigest(digestId);
    }

    void digestFailed(String digestId, int attempts, String error) {
        failed(where(DIGEST_ID).is(digestId), attempts, error);
        endDigest(digestId);
    }

    void digestSkipped(String digestId) {
        setStatus(where(DIGEST_ID).is(digestId), NotificationStatus.SKIPPED);
        endDigest(digestId);
    }

    /** Digests claimed before {@code before} and never finished (their instance stopped) are held again. */
    void releaseStaleDigests(Instant before) {
        release(where(DIGEST).is(SENDING).and(CLAIMED_AT).lt(before));
    }

    /** A digest the delivery pool could not take now: its notifications are held again for the next one. */
    void releaseDigest(String digestId) {
        release(where(DIGEST_ID).is(digestId));
    }

    private void release(Criteria digest) {
        setStatus(digest, NotificationStatus.QUEUED);
        mongo.updateMulti(query(digest), new Update().set(DIGEST, HELD).unset(DIGEST_ID).unset(CLAIMED_AT),
                Notification.class).block(WRITE_TIMEOUT);
    }

    private void endDigest(String digestId) {
        mongo.updateMulti(query(where(DIGEST_ID).is(digestId)),
                new Update().unset(DIGEST).unset(DIGEST_ID).unset(CLAIMED_AT), Notification.class).block(WRITE_TIMEOUT);
    }

    /** A read notification keeps its {@code read} status; only its delivery time is recorded then. */
    private void delivered(Criteria which, int attempts, Instant at) {
        mongo.updateMulti(query(which), new Update().set(Notification.DELIVERED_AT, at)
                .set(Notification.ATTEMPTS, attempts).unset(Notification.LAST_ERROR), Notification.class)
                .block(WRITE_TIMEOUT);
        setStatus(which, NotificationStatus.DELIVERED);
    }

    private void failed(Criteria which, int attempts, String error) {
        setStatus(which, NotificationStatus.FAILED);
        mongo.updateMulti(query(which), new Update().inc(Notification.ATTEMPTS, attempts)
                .set(Notification.LAST_ERROR, error), Notification.class).block(WRITE_TIMEOUT);
    }

    /** Sets the delivery status of those its user has not read (a read one keeps {@code read}). */
    private void setStatus(Criteria which, NotificationStatus status) {
        mongo.updateMulti(query(which).addCriteria(where(Notification.READ_AT).is(null)),
                new Update().set(Notification.STATUS, status), Notification.class).block(WRITE_TIMEOUT);
    }

    private static Criteria ofChannel(String userId, NotificationChannel channel) {
        return where(Notification.USER_ID).is(userId).and(Notification.CHANNEL).is(channel);
    }

    /** One user's outbound channel. */
    record HeldChannel(String userId, NotificationChannel channel) {
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
