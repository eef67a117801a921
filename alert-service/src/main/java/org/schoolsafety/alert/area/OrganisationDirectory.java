package org.schoolsafety.alert.area;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.platform.kafka.SkippedRecords;
import org.schoolsafety.platform.kafka.TopicView;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.stereotype.Component;

/**
 * The organisations of the directory, as subscription-service publishes them on the compacted {@code directory}
 * topic: enough to check an alert's area and to weigh its size. Held in memory (a state has a few thousand
 * organisations) and rebuilt from the topic on every start. The topic's endpoint records carry contact data
 * that this service has no use for: they are dropped unread.
 */
@Component
public class OrganisationDirectory extends TopicView {

    /** The organisations an alert is for: the ones that have people and systems to reach. */
    static final Set<OrganisationKind> RECIPIENT_KINDS =
            EnumSet.of(OrganisationKind.DISTRICT, OrganisationKind.SCHOOL, OrganisationKind.AGENCY);

    private final Map<String, OrganisationChanged> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> children = new ConcurrentHashMap<>();
    private final Map<String, String> countyByFips = new ConcurrentHashMap<>();

    OrganisationDirectory(ConsumerFactory<?, ?> consumers, SkippedRecords skipped) {
        super(consumers, skipped, Topics.DIRECTORY.name(), "alert-service-directory");
    }

    @Override
    protected void apply(ConsumerRecords<String, Object> batch) {
        for (ConsumerRecord<String, Object> record : batch) {
            if (record.value() instanceof OrganisationChanged organisation) {
                put(organisation);
            }
        }
    }

    void put(OrganisationChanged organisation) {
        OrganisationChanged before = byId.put(organisation.organisationId(), organisation);
        if (before != null && before.parentId() != null) {
            children.getOrDefault(before.parentId(), Set.of()).remove(organisation.organisationId());
        }
        if (organisation.parentId() != null) {
            children.computeIfAbsent(organisation.parentId(), id -> ConcurrentHashMap.newKeySet())
                    .add(organisation.organisationId());
        }
        if (organisation.kind() == OrganisationKind.COUNTY && organisation.countyFips() != null) {
            countyByFips.put(organisation.countyFips(), organisation.organisationId());
        }
    }

    /** An open organisation. */
    public Optional<OrganisationChanged> find(String id) {
        return Optional.ofNullable(byId.get(id)).filter(organisation -> !organisation.closed());
    }

    /** The county with this five-digit FIPS code. */
    Optional<OrganisationChanged> county(String fips) {
        return Optional.ofNullable(countyByFips.get(fips)).flatMap(this::find);
    }

    /** The directory id of the county with this FIPS code, open or closed. */
    Optional<String> countyId(String fips) {
        return Optional.ofNullable(countyByFips.get(fips));
    }

    /** Every open organisation. */
    List<OrganisationChanged> all() {
        return byId.values().stream()
                .filter(organisation -> !organisation.closed())
                .toList();
    }

    /** The open organisations at or below {@code rootId}. */
    List<OrganisationChanged> subtree(String rootId) {
        List<OrganisationChanged> found = new ArrayList<>();
        Deque<String> pending = new ArrayDeque<>(List.of(rootId));
        while (!pending.isEmpty()) {
            String id = pending.pop();
            find(id).ifPresent(found::add);
            pending.addAll(children.getOrDefault(id, Set.of()));
        }
        return found;
    }

    /** How many organisations the directory holds: zero until subscription-service has published one. */
    public int size() {
        return byId.size();
    }

    /** The organisation and every organisation above it, nearest first. */
    List<OrganisationChanged> lineage(String id) {
        List<OrganisationChanged> line = new ArrayList<>();
        OrganisationChanged at = byId.get(id);
        while (at != null && line.size() < 16) {
            line.add(at);
            at = at.parentId() == null ? null : byId.get(at.parentId());
        }
        return line;
    }
}
