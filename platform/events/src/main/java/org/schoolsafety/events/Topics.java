package org.schoolsafety.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.schoolsafety.events.advisory.AdvisoryPublished;
import org.schoolsafety.events.alert.AlertEvent;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.delivery.DeliveryEvent;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.directory.DirectoryEvent;
import org.schoolsafety.events.notification.NotificationEvent;
import org.schoolsafety.events.vocabulary.Lane;

/**
 * The topic catalog: every topic of the platform, declared once. Services create topics from it at start
 * (brokers never auto-create), and publish only events whose type the topic {@link Topic#carries carries}.
 */
public final class Topics {

    private static final Duration WEEK = Duration.ofDays(7);

    /**
     * The topics' names as constants, for annotations ({@code @KafkaListener(topics = Topics.Names.ALERTS)});
     * code that is not an annotation uses the {@link Topic} itself.
     */
    public static final class Names {
        public static final String ALERTS = "alerts";
        public static final String NOTIFICATIONS = "notifications";
        public static final String DELIVERY_REQUESTS_URGENT = "delivery-requests-urgent";
        public static final String DELIVERY_REQUESTS_BULK = "delivery-requests-bulk";
        public static final String DELIVERY_OUTCOMES = "delivery-outcomes";
        public static final String DIRECTORY = "directory";
        public static final String BULLETINS = "bulletins";
        public static final String CYBER_ADVISORIES = "cyber-advisories";
        public static final String AUDIT = "audit";

        private Names() {}
    }

    /** Alert state, latest per alert: issued, updated, cancelled. Key: alert id. */
    public static final Topic ALERTS =
            new Topic(Names.ALERTS, 6, true, null, AlertEvent.class, "alert-service's alerts as they stand; compacted");

    /** Requests to reach an audience. Key: notification id. */
    public static final Topic NOTIFICATIONS = new Topic(
            Names.NOTIFICATIONS,
            6,
            false,
            WEEK,
            NotificationEvent.class,
            "alert, bulletin and cyber-threat services ask subscription-service to reach an audience; it answers how"
                    + " many deliveries that made");

    /** Urgent delivery work: alerts only, with consumers of its own. Key: endpoint id. */
    public static final Topic DELIVERY_REQUESTS_URGENT = new Topic(
            Names.DELIVERY_REQUESTS_URGENT,
            12,
            false,
            Duration.ofDays(3),
            DeliveryRequested.class,
            "one record per endpoint for urgent alerts; delivery-service's urgent lane");

    /** Bulk delivery work: bulletins and advisories. Key: endpoint id. */
    public static final Topic DELIVERY_REQUESTS_BULK = new Topic(
            Names.DELIVERY_REQUESTS_BULK,
            12,
            false,
            Duration.ofDays(3),
            DeliveryRequested.class,
            "one record per endpoint for bulletins and advisories; delivery-service's bulk lane");

    /** What became of each delivery (key: endpoint id), and SMS replies (key: the sender's number). */
    public static final Topic DELIVERY_OUTCOMES = new Topic(
            Names.DELIVERY_OUTCOMES,
            12,
            false,
            WEEK,
            DeliveryEvent.class,
            "successes, failures and acknowledgements, for alert status and bounce handling; and SMS replies"
                    + " (STOP, HELP, YES) for consent");

    /**
     * The directory as it stands: the latest record per organisation (key: organisation id) and per endpoint
     * with its subscriptions (key: endpoint id). Endpoint records carry addresses and webhook secrets.
     */
    public static final Topic DIRECTORY = new Topic(
            Names.DIRECTORY,
            3,
            true,
            null,
            DirectoryEvent.class,
            "subscription-service's organisations and endpoints as they stand; compacted");

    /** Published weekly updates. Key: bulletin id. */
    public static final Topic BULLETINS = new Topic(
            Names.BULLETINS, 1, false, Duration.ofDays(400), BulletinPublished.class, "published weekly updates");

    /** Published cyber advisories. Key: advisory id. */
    public static final Topic CYBER_ADVISORIES = new Topic(
            Names.CYBER_ADVISORIES,
            3,
            false,
            Duration.ofDays(400),
            AdvisoryPublished.class,
            "normalised advisories from KEV, TAXII partners and analysts");

    /** Privileged actions, append-only. Key: the actor's organisation id. */
    public static final Topic AUDIT =
            new Topic(Names.AUDIT, 3, false, Duration.ofDays(400 * 3), AuditRecorded.class, "append-only audit trail");

    private static final List<Topic> ALL = List.of(
            ALERTS,
            NOTIFICATIONS,
            DELIVERY_REQUESTS_URGENT,
            DELIVERY_REQUESTS_BULK,
            DELIVERY_OUTCOMES,
            DIRECTORY,
            BULLETINS,
            CYBER_ADVISORIES,
            AUDIT);

    private static final Map<String, Topic> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Topic::name, t -> t));

    private Topics() {}

    /** Every topic, in the order of DESIGN.md §3. */
    public static List<Topic> all() {
        return ALL;
    }

    /** The catalog entry of a topic name, if there is one. */
    public static Optional<Topic> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The delivery-requests topic of a lane. */
    public static Topic deliveryRequests(Lane lane) {
        return switch (lane) {
            case URGENT -> DELIVERY_REQUESTS_URGENT;
            case BULK -> DELIVERY_REQUESTS_BULK;
        };
    }
}
