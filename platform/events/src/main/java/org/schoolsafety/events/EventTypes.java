package org.schoolsafety.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.schoolsafety.events.advisory.AdvisoryPublished;
import org.schoolsafety.events.alert.AlertCancelled;
import org.schoolsafety.events.alert.AlertIssued;
import org.schoolsafety.events.alert.AlertUpdated;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.delivery.DeliveryAcknowledged;
import org.schoolsafety.events.delivery.DeliveryFailed;
import org.schoolsafety.events.delivery.DeliveryReceipt;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.delivery.DeliverySucceeded;
import org.schoolsafety.events.delivery.EndpointDisabled;
import org.schoolsafety.events.delivery.SmsReceived;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.notification.NotificationExpanded;
import org.schoolsafety.events.notification.NotificationRequested;

/** Every event type of the platform: the only mapping between {@code ce_type} names and records. */
public final class EventTypes {

    public static final EventType<AlertIssued> ALERT_ISSUED = new EventType<>("alert.issued.v1", AlertIssued.class);
    public static final EventType<AlertUpdated> ALERT_UPDATED = new EventType<>("alert.updated.v1", AlertUpdated.class);
    public static final EventType<AlertCancelled> ALERT_CANCELLED =
            new EventType<>("alert.cancelled.v1", AlertCancelled.class);
    public static final EventType<NotificationRequested> NOTIFICATION_REQUESTED =
            new EventType<>("notification.requested.v1", NotificationRequested.class);
    public static final EventType<NotificationExpanded> NOTIFICATION_EXPANDED =
            new EventType<>("notification.expanded.v1", NotificationExpanded.class);
    public static final EventType<DeliveryRequested> DELIVERY_REQUESTED =
            new EventType<>("delivery.requested.v1", DeliveryRequested.class);
    public static final EventType<DeliverySucceeded> DELIVERY_SUCCEEDED =
            new EventType<>("delivery.succeeded.v1", DeliverySucceeded.class);
    public static final EventType<DeliveryFailed> DELIVERY_FAILED =
            new EventType<>("delivery.failed.v1", DeliveryFailed.class);
    public static final EventType<DeliveryAcknowledged> DELIVERY_ACKNOWLEDGED =
            new EventType<>("delivery.acknowledged.v1", DeliveryAcknowledged.class);
    public static final EventType<DeliveryReceipt> DELIVERY_RECEIPT =
            new EventType<>("delivery.receipt.v1", DeliveryReceipt.class);
    public static final EventType<EndpointDisabled> ENDPOINT_DISABLED =
            new EventType<>("delivery.endpoint.disabled.v1", EndpointDisabled.class);
    public static final EventType<SmsReceived> SMS_RECEIVED =
            new EventType<>("delivery.sms.received.v1", SmsReceived.class);
    public static final EventType<OrganisationChanged> ORGANISATION_CHANGED =
            new EventType<>("directory.organisation.changed.v1", OrganisationChanged.class);
    public static final EventType<EndpointChanged> ENDPOINT_CHANGED =
            new EventType<>("directory.endpoint.changed.v1", EndpointChanged.class);
    public static final EventType<BulletinPublished> BULLETIN_PUBLISHED =
            new EventType<>("bulletin.published.v1", BulletinPublished.class);
    public static final EventType<AdvisoryPublished> ADVISORY_PUBLISHED =
            new EventType<>("advisory.published.v1", AdvisoryPublished.class);
    public static final EventType<AuditRecorded> AUDIT_RECORDED =
            new EventType<>("audit.recorded.v1", AuditRecorded.class);

    private static final List<EventType<?>> ALL = List.of(
            ALERT_ISSUED,
            ALERT_UPDATED,
            ALERT_CANCELLED,
            NOTIFICATION_REQUESTED,
            NOTIFICATION_EXPANDED,
            DELIVERY_REQUESTED,
            DELIVERY_SUCCEEDED,
            DELIVERY_FAILED,
            DELIVERY_ACKNOWLEDGED,
            DELIVERY_RECEIPT,
            ENDPOINT_DISABLED,
            SMS_RECEIVED,
            ORGANISATION_CHANGED,
            ENDPOINT_CHANGED,
            BULLETIN_PUBLISHED,
            ADVISORY_PUBLISHED,
            AUDIT_RECORDED);

    // looked up for every record written and read: maps, not scans
    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::name, t -> t));
    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::javaType, t -> t));

    private EventTypes() {}

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The type named by a {@code ce_type} header, if this version of the platform knows it. */
    public static Optional<EventType<?>> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The type of an event record, if it is one of the platform's. */
    public static Optional<EventType<?>> of(Class<?> javaType) {
        return Optional.ofNullable(BY_CLASS.get(javaType));
    }
}
