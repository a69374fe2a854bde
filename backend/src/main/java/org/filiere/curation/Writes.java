package org.filiere.curation;

import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The transactions of curation writes, run again when Neo4j gives up on one for a passing reason:
 * two curators changing the same entities at the same moment can deadlock on their locks, and
 * Neo4j then stops one of them. Nothing of that attempt was written (the change and its audit
 * record share the transaction), so it is safe to start over; the second attempt sees the first
 * request's change and decides anew (404 if that deleted the entity, 409 if it broke a rule).
 */
final class Writes {

    private static final int ATTEMPTS = 5;

    private final TransactionTemplate tx;

    Writes(PlatformTransactionManager transactions) {
        this.tx = new TransactionTemplate(transactions);
        tx.setTimeout(60);
    }

    <T> T execute(TransactionCallback<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(work);
            } catch (TransientDataAccessException e) {
                if (attempt == ATTEMPTS) throw e;
                pause(attempt);
            }
        }
    }

    void executeWithoutResult(Consumer<org.springframework.transaction.TransactionStatus> work) {
        execute(status -> {
            work.accept(status);
            return null;
        });
    }

    private static void pause(int attempt) {
        try {
            // Random, growing: two requests that deadlocked once should not meet again at once.
            Thread.sleep(ThreadLocalRandom.current().nextLong(10, 30L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a curation write", e);
        }
    }
}
