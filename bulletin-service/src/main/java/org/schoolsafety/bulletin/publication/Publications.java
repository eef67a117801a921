package org.schoolsafety.bulletin.publication;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.bulletin.bulletin.Bulletin;
import org.schoolsafety.bulletin.bulletin.BulletinState;
import org.schoolsafety.bulletin.bulletin.BulletinStore;
import org.schoolsafety.bulletin.rendition.BulletinEvents;
import org.schoolsafety.bulletin.rendition.BulletinRenditions;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing a bulletin revision, whoever asks (an editor now, the schedule, a correction): claim the bulletin in
 * Redis so that one publisher at a time works on it, put the revision on Kafka, and only once the broker has
 * committed store it as published. A broker that fails leaves the bulletin as it was (503); a publisher that dies
 * leaves a claim that expires, and the revision is published again with the same ids.
 */
@Component
class Publications {

    private static final Logger log = LoggerFactory.getLogger(Publications.class);

    private final BulletinStore store;
    private final BulletinPublisher publisher;
    private final BulletinRenditions renditions;
    private final BulletinSettings settings;
    private final JsonMapper json;
    private final Clock clock;

    Publications(
            BulletinStore store,
            BulletinPublisher publisher,
            BulletinRenditions renditions,
            BulletinSettings settings,
            JsonMapper json,
            Clock clock) {
        this.store = store;
        this.publisher = publisher;
        this.renditions = renditions;
        this.settings = settings;
        this.json = json;
        this.clock = clock;
    }

    /** An editor publishes a draft or scheduled bulletin now; a published one is a 409. */
    Bulletin publishNow(String id, Long expectedVersion, Actor actor) {
        refusePublished(store.get(id));
        return underClaim(
                        id,
                        expectedVersion,
                        bulletin -> {
                            refusePublished(bulletin);
                            return bulletin;
                        },
                        null,
                        actor,
                        "bulletin.publish")
                .orElseThrow(() -> new BulletinRefusal.Conflict(
                        null, "The bulletin is being published right now; reload it in a moment."));
    }

    /** A correction of a published bulletin: its new content, published as the next revision. */
    Bulletin correct(String id, long expectedVersion, Bulletin content, String whatChanged, Actor actor) {
        if (store.get(id).state() != BulletinState.PUBLISHED) {
            throw new BulletinRefusal.Conflict(
                    "state", "Only a published bulletin is corrected; change the draft with PUT instead.");
        }
        return underClaim(
                        id,
                        expectedVersion,
                        bulletin -> bulletin.withContent(content, clock.instant()),
                        whatChanged,
                        actor,
                        "bulletin.correct")
                .orElseThrow(() -> new BulletinRefusal.Conflict(
                        null, "The bulletin is being published right now; reload it in a moment."));
    }

    /**
     * Publishes the scheduled bulletin {@code id} if it is due and no other instance holds it. Returns whether this
     * instance published it.
     */
    boolean publishIfDue(String id) {
        Instant now = clock.instant();
        return underClaim(
                        id,
                        null,
                        bulletin -> {
                            if (bulletin.state() != BulletinState.SCHEDULED
                                    || bulletin.publishAt() == null
                                    || bulletin.publishAt().isAfter(now)) {
                                return null;
                            }
                            return bulletin;
                        },
                        null,
                        Actor.SCHEDULE,
                        "bulletin.publish")
                .isPresent();
    }

    /**
     * Under a claim: reads the bulletin, lets {@code prepare} check it and give the content to publish (null: nothing
     * to do), publishes the next revision and stores it. Empty when someone else holds the claim or nothing was due.
     */
    private Optional<Bulletin> underClaim(
            String id,
            Long expectedVersion,
            UnaryOperator<Bulletin> prepare,
            String whatChanged,
            Actor actor,
            String action) {
        String token = UUID.randomUUID().toString();
        if (!store.claim(
                id, expectedVersion, token, settings.publication().claimFor().toMillis())) {
            return Optional.empty();
        }
        try {
            Bulletin claimed = store.get(id);
            Bulletin content = prepare.apply(claimed);
            if (content == null) {
                store.release(id, token);
                return Optional.empty();
            }
            Instant now = clock.instant();
            int revision = claimed.revision() + 1;
            BulletinPublished event = BulletinEvents.of(content, revision, now, whatChanged);
            try {
                publisher.publish(event, renditions.of(event), audit(actor, action, id, now));
            } catch (RuntimeException e) {
                log.warn("bulletin {} revision {} was not published: the broker did not take it", id, revision, e);
                throw new BulletinRefusal.Unavailable(
                        "The message broker did not take the bulletin; nothing was published. Try again.");
            }
            Bulletin published = content.published(revision, whatChanged, now);
            if (!store.complete(claimed.version(), published, token, json.writeValueAsString(event))) {
                log.warn("bulletin {} revision {}: another publisher took the claim over", id, revision);
            }
            return Optional.of(published);
        } catch (RuntimeException e) {
            store.release(id, token);
            throw e;
        }
    }

    private static void refusePublished(Bulletin bulletin) {
        if (bulletin.state() == BulletinState.PUBLISHED) {
            throw new BulletinRefusal.Conflict(
                    "state", "The bulletin is already published; send a correction to change it.");
        }
    }

    private static AuditRecorded audit(Actor actor, String action, String id, Instant at) {
        return new AuditRecorded(
                UUID.randomUUID().toString(),
                actor.subject(),
                actor.organisationId(),
                action,
                "bulletin/" + id,
                "allowed",
                at);
    }

    /**
     * Who publishes, for the audit record.
     *
     * @param subject the caller's subject, or the service itself for the schedule
     * @param organisationId the caller's organisation
     */
    record Actor(String subject, String organisationId) {

        static final Actor SCHEDULE = new Actor("bulletin-service/schedule", "unknown");
    }
}
