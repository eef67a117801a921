package org.schoolsafety.delivery.endpoints;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.schoolsafety.delivery.settings.DeliverySettings;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.platform.kafka.SkippedRecords;
import org.schoolsafety.platform.kafka.TopicView;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * Every endpoint as the {@code directory} topic has it (subscription-service writes it), in memory: what a
 * delivery needs beyond its request, the webhook's signing secrets and payload format, and whether the endpoint
 * still exists and is verified. Read to the end before the service takes work, then followed; a record with a
 * lower offset than the one held changes nothing. A tombstone removes its endpoint as a {@code removed} record
 * does: the endpoint is {@link #seen seen}, and {@link #get} finds nothing.
 *
 * <p>subscription-service writes a new endpoint's record before it asks for the endpoint's verification, but this
 * view may not have read that record when the request comes: {@link #seenOrAwait} waits (at most
 * {@code ssn.delivery.directory-wait}) until it has read everything the topic held at that moment.
 */
@Component
public class EndpointDirectory extends TopicView {

    /** An endpoint's latest record; {@code endpoint} is {@code null} for a tombstone. */
    private record Held(EndpointChanged endpoint, long offset) {}

    private final Map<String, Held> endpoints = new ConcurrentHashMap<>();
    /** Each organisation's parent, for scoping: a district's people act on their district and its schools. */
    private final Map<String, String> parents = new ConcurrentHashMap<>();

    private final Duration recentWait;

    EndpointDirectory(ConsumerFactory<?, ?> consumers, SkippedRecords skipped, DeliverySettings settings) {
        super(consumers, skipped, Topics.DIRECTORY.name(), "delivery-endpoints");
        this.recentWait = settings.directoryWait();
    }

    /** The endpoint's latest record; empty if there is none or it was a tombstone. */
    public Optional<EndpointChanged> get(String endpointId) {
        Held held = endpoints.get(endpointId);
        return held == null ? Optional.empty() : Optional.ofNullable(held.endpoint());
    }

    /** Whether the directory has had a record for the endpoint, a tombstone or a removal included. */
    public boolean seen(String endpointId) {
        return endpoints.containsKey(endpointId);
    }

    /**
     * Whether the directory has had a record for the endpoint; when this view has none, it first waits until it has
     * read every record {@code directory} holds now (at most {@code ssn.delivery.directory-wait}), then looks again.
     */
    public boolean seenOrAwait(String endpointId) {
        if (seen(endpointId)) {
            return true;
        }
        awaitCaughtUp(recentWait);
        return seen(endpointId);
    }

    /** Whether {@code organisationId} is {@code ancestorId} or lies under it in the directory. */
    public boolean within(String organisationId, String ancestorId) {
        String each = organisationId;
        for (int depth = 0; each != null && depth < 16; depth++) {
            if (each.equals(ancestorId)) {
                return true;
            }
            each = parents.get(each);
        }
        return false;
    }

    @Override
    protected void apply(ConsumerRecords<String, Object> batch) {
        for (ConsumerRecord<String, Object> record : batch) {
            if (record.value() instanceof OrganisationChanged organisation && organisation.parentId() != null) {
                parents.put(organisation.organisationId(), organisation.parentId());
            }
            if (record.value() instanceof EndpointChanged endpoint) {
                hold(endpoint.endpointId(), new Held(endpoint, record.offset()));
            } else if (record.value() == null && record.key() != null) {
                // a tombstone: the endpoint's records are gone (an organisation's key held here does no harm)
                hold(record.key(), new Held(null, record.offset()));
            }
        }
    }

    private void hold(String endpointId, Held offered) {
        endpoints.merge(endpointId, offered, (held, newer) -> newer.offset() > held.offset() ? newer : held);
    }
}
