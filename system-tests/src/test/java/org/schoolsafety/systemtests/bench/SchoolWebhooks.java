package org.schoolsafety.systemtests.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.systemtests.LocalStackProcess;

/**
 * Districts' webhook receivers at the schools of the seeded Missouri directory: {@code count} verified webhooks
 * subscribed to urgent alerts, dealt round-robin over the 2,065 school buildings linked to a district (so about
 * five a school at 10,000), endpoint {@code i} at {@link WebhookReceiver#url(int)} with one known secret, written
 * to the {@code directory} topic as subscription-service would leave them. Knows which delivery ids an alert's
 * notification yields.
 */
final class SchoolWebhooks {

    private static final String CSV_FIELD = ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)";

    private final Map<String, List<String>> endpointsBySchool;
    private final List<String> allEndpoints;
    private final List<String> lastWrittenSchools;

    private SchoolWebhooks(
            Map<String, List<String>> endpointsBySchool, List<String> allEndpoints, List<String> lastWrittenSchools) {
        this.endpointsBySchool = endpointsBySchool;
        this.allEndpoints = allEndpoints;
        this.lastWrittenSchools = lastWrittenSchools;
    }

    /** Writes the endpoints and waits until the broker has them all. */
    static SchoolWebhooks write(String bootstrap, WebhookReceiver receiver, String secret, int count) throws Exception {
        List<String> schools = seededSchools();
        Instant now = Instant.now();
        List<EndpointChanged> endpoints = new ArrayList<>(count);
        Map<String, List<String>> bySchool = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String school = schools.get(i % schools.size());
            EndpointChanged endpoint = DeliveryBenchSupport.endpoint(
                    "ep-bench-alert-" + i, school, Channel.WEBHOOK, receiver.url(i), secret, now);
            endpoints.add(endpoint);
            bySchool.computeIfAbsent(school, s -> new ArrayList<>()).add(endpoint.endpointId());
        }
        List<RecordMetadata> written = DeliveryBenchSupport.writeEndpoints(bootstrap, endpoints);
        // the last record of each partition: a view that has it has every endpoint written there before it
        Map<Integer, Integer> lastByPartition = new TreeMap<>();
        for (int i = 0; i < written.size(); i++) {
            RecordMetadata at = written.get(i);
            Integer held = lastByPartition.get(at.partition());
            if (held == null || written.get(held).offset() < at.offset()) {
                lastByPartition.put(at.partition(), i);
            }
        }
        Set<String> lastSchools = new LinkedHashSet<>();
        lastByPartition.values().forEach(i -> lastSchools.add(endpoints.get(i).organisationId()));
        return new SchoolWebhooks(
                bySchool, endpoints.stream().map(EndpointChanged::endpointId).toList(), List.copyOf(lastSchools));
    }

    /** The schools that have endpoints, in the order they were dealt. */
    List<String> schools() {
        return List.copyOf(endpointsBySchool.keySet());
    }

    /**
     * The schools of the last endpoint written to each partition of the {@code directory} topic: once an alert to
     * them reaches all their endpoints, subscription-service's and delivery-service's views hold every endpoint.
     */
    List<String> lastWrittenSchools() {
        return lastWrittenSchools;
    }

    int size() {
        return allEndpoints.size();
    }

    /** The delivery ids of a notification to these schools: one per endpoint of theirs. */
    List<String> deliveryIds(String notificationId, Collection<String> schools) {
        List<String> ids = new ArrayList<>();
        for (String school : schools) {
            for (String endpoint : endpointsBySchool.getOrDefault(school, List.of())) {
                ids.add(DeliveryIds.of(notificationId, endpoint));
            }
        }
        return ids;
    }

    /** The delivery ids of a statewide notification: one per endpoint. */
    List<String> deliveryIds(String notificationId) {
        return allEndpoints.stream()
                .map(endpoint -> DeliveryIds.of(notificationId, endpoint))
                .toList();
    }

    /** School buildings linked to a district with a county: those the seed publishes under a district. */
    private static List<String> seededSchools() throws IOException {
        Path data = LocalStackProcess.projectDir().resolve("subscription-service/src/main/resources/directory/mo");
        Set<String> districts = new LinkedHashSet<>();
        for (String[] fields : rows(data.resolve("districts.csv"))) {
            if (!fields[2].isBlank()) {
                districts.add(fields[0]);
            }
        }
        List<String> schools = new ArrayList<>();
        for (String[] fields : rows(data.resolve("schools.csv"))) {
            if (fields.length > 2 && districts.contains(fields[2])) {
                schools.add(fields[0]);
            }
        }
        if (schools.isEmpty()) {
            throw new IllegalStateException("no schools linked to a district in " + data);
        }
        return schools;
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        return lines.subList(1, lines.size()).stream()
                .map(line -> line.split(CSV_FIELD, -1))
                .toList();
    }
}
