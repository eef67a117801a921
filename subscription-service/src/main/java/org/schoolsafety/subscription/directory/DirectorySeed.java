package org.schoolsafety.subscription.directory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.schoolsafety.subscription.SubscriptionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * The Missouri directory the platform starts with (data and provenance in {@code resources/directory/mo}):
 * the state and its agencies, regions, counties, districts and charter LEAs, and school buildings. Only
 * organisations the directory does not hold yet are published, so the seed never undoes what the state's
 * directory administrator has renamed, moved or closed. {@code ssn.subscription.directory.seed=none} turns it off.
 */
@Component
class DirectorySeed {

    static final String STATE = "mo-state";
    private static final Logger log = LoggerFactory.getLogger(DirectorySeed.class);

    private final DirectoryView view;
    private final EventPublisher publisher;
    private final SubscriptionSettings.Seed seed;

    DirectorySeed(DirectoryView view, EventPublisher publisher, SubscriptionSettings settings) {
        this.view = view;
        this.publisher = publisher;
        this.seed = settings.directory().seed();
    }

    /** Publishes the seed's organisations that the view lacks, parents first, and waits until all are stored. */
    void addMissing() {
        if (seed != SubscriptionSettings.Seed.MO) {
            return;
        }
        long t0 = System.nanoTime();
        List<OrganisationChanged> seed = missouri(Instant.now());
        java.util.Set<String> held = new java.util.HashSet<>();
        view.getAll(seed.stream().map(OrganisationChanged::organisationId).toList())
                .forEach(organisation -> held.add(organisation.id()));
        List<OrganisationChanged> missing = seed.stream()
                .filter(organisation -> !held.contains(organisation.organisationId()))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        List<CompletableFuture<SendResult<String, Object>>> sent = new ArrayList<>();
        for (OrganisationChanged organisation : missing) {
            sent.add(publisher.publish(Topics.DIRECTORY, organisation.organisationId(), organisation));
        }
        try {
            List<Map.Entry<OrganisationChanged, Long>> stored = new ArrayList<>();
            for (int i = 0; i < missing.size(); i++) {
                long offset = sent.get(i)
                        .get(60, TimeUnit.SECONDS)
                        .getRecordMetadata()
                        .offset();
                stored.add(Map.entry(missing.get(i), offset));
            }
            view.applyAll(stored);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not store the seed directory on the directory topic", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the directory", e);
        }
        log.info(
                "seeded {} Missouri organisations into the directory in {} ms",
                missing.size(),
                (System.nanoTime() - t0) / 1_000_000);
    }

    /** The whole seed, parents before children. */
    static List<OrganisationChanged> missouri(Instant at) {
        List<OrganisationChanged> all = new ArrayList<>();
        all.add(organisation(STATE, OrganisationKind.STATE, "State of Missouri", null, null, null, at));
        all.add(organisation(
                "mo-agency-dese",
                OrganisationKind.AGENCY,
                "Missouri Department of Elementary and Secondary Education",
                STATE,
                null,
                null,
                at));
        all.add(organisation(
                "mo-agency-moces",
                OrganisationKind.AGENCY,
                "Missouri Center for Education Safety",
                STATE,
                null,
                null,
                at));
        all.add(organisation(
                "mo-agency-miac",
                OrganisationKind.AGENCY,
                "Missouri Information Analysis Center (fusion center)",
                STATE,
                null,
                null,
                at));
        for (Map<String, String> row : rows("regions.csv")) {
            all.add(organisation(row.get("id"), OrganisationKind.REGION, row.get("name"), STATE, null, null, at));
        }
        for (Map<String, String> row : rows("counties.csv")) {
            all.add(organisation(
                    row.get("id"),
                    OrganisationKind.COUNTY,
                    row.get("name"),
                    row.get("region_id"),
                    row.get("fips5"),
                    row.get("same_code"),
                    at));
        }
        java.util.Set<String> districts = new java.util.HashSet<>();
        for (Map<String, String> row : rows("districts.csv")) {
            if (row.get("county_id").isBlank()) {
                // the source gives no county (a statewide LEA): the administrator places it
                continue;
            }
            districts.add(row.get("id"));
            all.add(organisation(
                    row.get("id"), OrganisationKind.DISTRICT, row.get("name"), row.get("county_id"), null, null, at));
        }
        for (Map<String, String> row : rows("schools.csv")) {
            String district = row.get("district_id");
            if (!districts.contains(district)) {
                // a building the derivation could not link to a district honestly waits for the administrator
                continue;
            }
            all.add(organisation(row.get("id"), OrganisationKind.SCHOOL, row.get("name"), district, null, null, at));
        }
        return all;
    }

    private static OrganisationChanged organisation(
            String id,
            OrganisationKind kind,
            String name,
            String parentId,
            String countyFips,
            String sameCode,
            Instant at) {
        return new OrganisationChanged(id, kind, name, parentId, countyFips, sameCode, false, null, at);
    }

    private static List<Map<String, String>> rows(String file) {
        try (InputStream in = new ClassPathResource("directory/mo/" + file).getInputStream()) {
            return Csv.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the seed directory lacks " + file, e);
        }
    }
}
