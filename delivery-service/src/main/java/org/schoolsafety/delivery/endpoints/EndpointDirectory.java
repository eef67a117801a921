package org.schoolsafety.delivery.endpoints;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
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
 * lower offset than the one held changes nothing.
 */
@Component
public class EndpointDirectory extends TopicView {

    private record Held(EndpointChanged endpoint, long offset) {}

    private final Map<String, Held> endpoints = new ConcurrentHashMap<>();
    /** Each organisation's parent, for scoping: a district's people act on their district and its schools. */
    private final Map<String, String> parents = new ConcurrentHashMap<>();

    EndpointDirectory(ConsumerFactory<?, ?> consumers, SkippedRecords skipped) {
        super(consumers, skipped, Topics.DIRECTORY.name(), "delivery-endpoints");
    }

    public Optional<EndpointChanged> get(String endpointId) {
        Held held = endpoints.get(endpointId);
        return held == null ? Optional.empty() : Optional.of(held.endpoint());
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
                endpoints.merge(
                        endpoint.endpointId(),
                        new Held(endpoint, record.offset()),
                        (held, offered) -> offered.offset() > held.offset() ? offered : held);
            }
        }
    }
}
