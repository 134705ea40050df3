package io.integr8s.api.rebuild;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.stereotype.Component;

/**
 * Token work of rebuilds and resets. Moves a finished generation's tokens to the live processor and points the read side at that generation, in one
 * PostgreSQL transaction: the live processor then goes on exactly where the rebuild stopped (ADR 0010).
 */
@Component
class TokenHandover {

    private final TokenStore tokens;
    private final TransactionManager transactions;
    private final JdbcProjectionGenerations generations;

    TokenHandover(TokenStore tokens, TransactionManager transactions, JdbcProjectionGenerations generations) {
        this.tokens = tokens;
        this.transactions = transactions;
        this.generations = generations;
    }

    /**
     * Claims every segment of {@code processor} for this node; throws {@code UnableToClaimTokenException} while an
     * instance still runs it (or died holding it, until Axon's claim timeout).
     */
    void claim(String processor) {
        transactions.executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(processor)) {
                tokens.fetchToken(processor, segment);
            }
        });
    }

    /** Replaces the live processor's tokens by the rebuild processor's, and switches the projection's generation. */
    void handOver(String projection, int generation, String rebuildProcessor, String liveProcessor) {
        transactions.executeInTransaction(() -> {
            delete(liveProcessor);
            for (int segment : tokens.fetchSegments(rebuildProcessor)) {
                TrackingToken token = tokens.fetchToken(rebuildProcessor, segment);
                tokens.initializeSegment(token, liveProcessor, segment);
                tokens.deleteToken(rebuildProcessor, segment);
            }
            generations.switchTo(projection, generation);
        });
    }

    /** Gives up this node's claims on {@code processor} (Axon's reset keeps them), so any instance may run it at once. */
    void releaseClaims(String processor) {
        transactions.executeInTransaction(() -> {
            for (int segment : tokens.fetchSegments(processor)) {
                tokens.releaseClaim(processor, segment);
            }
        });
    }

    /** Deletes every token of {@code processor} (an abandoned rebuild's). */
    void deleteTokens(String processor) {
        transactions.executeInTransaction(() -> delete(processor));
    }

    private void delete(String processor) {
        for (int segment : tokens.fetchSegments(processor)) {
            tokens.fetchToken(processor, segment);
            tokens.deleteToken(processor, segment);
        }
    }
}
