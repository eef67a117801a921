package org.schoolsafety.subscription.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Feed;
import org.springframework.stereotype.Component;

/**
 * The audience index in this instance's memory: every endpoint and organisation as the {@code directory} topic
 * has them, fed by the same records as the Redis view (the replay on start, the follow of other instances'
 * changes, and this instance's own writes), with the same rule: a record older than the one held (lower
 * offset) changes nothing. An urgent alert is resolved from here without a round trip, and without Redis: an
 * alert still goes out while Redis is down.
 */
@Component
public class AudienceIndex {

    private record Held<T>(T value, long offset) {}

    private final Map<String, Held<EndpointChanged>> endpoints = new ConcurrentHashMap<>();
    private final Map<String, Held<Organisation>> organisations = new ConcurrentHashMap<>();

    /** Applies endpoint records of the topic (record, offset). */
    void applyEndpoints(List<Map.Entry<EndpointChanged, Long>> records) {
        for (Map.Entry<EndpointChanged, Long> record : records) {
            endpoints.merge(
                    record.getKey().endpointId(), new Held<>(record.getKey(), record.getValue()), AudienceIndex::newer);
        }
    }

    /** Applies organisations as the view holds them (each with the offset of its record). */
    void applyOrganisations(List<Organisation> records) {
        for (Organisation organisation : records) {
            organisations.merge(
                    organisation.id(), new Held<>(organisation, organisation.offset()), AudienceIndex::newer);
        }
    }

    /** Every endpoint subscribed to a feed and not removed (verified or not). */
    public List<EndpointChanged> subscribedTo(Feed feed) {
        List<EndpointChanged> subscribed = new ArrayList<>();
        for (Held<EndpointChanged> held : endpoints.values()) {
            EndpointChanged endpoint = held.value();
            if (!endpoint.removed() && endpoint.feeds().contains(feed)) {
                subscribed.add(endpoint);
            }
        }
        return subscribed;
    }

    /** Every organisation by id, as it stands now (a copy: a few thousand entries). */
    public Map<String, Organisation> organisations() {
        Map<String, Organisation> copy = new HashMap<>(organisations.size() * 2);
        organisations.forEach((id, held) -> copy.put(id, held.value()));
        return copy;
    }

    /** One organisation as it stands now, {@code null} when the directory lacks it. */
    public Organisation organisation(String id) {
        Held<Organisation> held = organisations.get(id);
        return held == null ? null : held.value();
    }

    private static <T> Held<T> newer(Held<T> held, Held<T> offered) {
        return offered.offset() > held.offset() ? offered : held;
    }
}
