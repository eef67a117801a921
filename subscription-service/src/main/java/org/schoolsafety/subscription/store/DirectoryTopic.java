package org.schoolsafety.subscription.store;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.directory.DirectoryEvent;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.subscription.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * How this service changes anything: append the new state to the {@code directory} topic and wait until
 * every in-sync replica has it, then write the audit trail. A change that is not confirmed is reported as
 * such ({@link Refusal.NotConfirmed}), never as done.
 */
@Component
public class DirectoryTopic {

    private static final Logger log = LoggerFactory.getLogger(DirectoryTopic.class);

    private final EventPublisher publisher;

    DirectoryTopic(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Appends the state under its key and returns the record's offset. */
    public long append(String key, DirectoryEvent state) {
        try {
            return publisher
                    .publish(Topics.DIRECTORY, key, state)
                    .get(10, TimeUnit.SECONDS)
                    .getRecordMetadata()
                    .offset();
        } catch (ExecutionException | TimeoutException e) {
            throw notConfirmed(key, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notConfirmed(key, e);
        }
    }

    private static Refusal.NotConfirmed notConfirmed(String key, Exception cause) {
        return new Refusal.NotConfirmed(
                "The change could not be confirmed. Look at " + key + " before you try again.", cause);
    }

    /** Writes who did what to which id (never an address) on the audit trail. */
    public void audit(Caller caller, String action, String target, Instant at) {
        AuditRecorded entry = new AuditRecorded(
                UUID.randomUUID().toString(),
                caller.subject(),
                caller.organisationId(),
                action,
                target,
                "succeeded",
                at);
        try {
            publisher.publish(Topics.AUDIT, target, entry).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.error("AUDIT GAP: {} of {} by {} is stored but not audited", action, target, caller.subject(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.error("AUDIT GAP: {} of {} by {} is stored but not audited", action, target, caller.subject());
        }
    }
}
