package org.schoolsafety.bulletin.training;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/** The training calendar: what editors enter, and what the bulletins and the calendar feed list. */
@Service
public class Trainings {

    private static final Comparator<Training> BY_START =
            Comparator.comparing(Training::startsAt).thenComparing(Training::id);

    private final TrainingStore store;
    private final Clock clock;

    Trainings(TrainingStore store, ObjectProvider<Clock> clock) {
        this.store = store;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * The trainings that start at or after {@code from} and before {@code to}, earliest first: what a bulletin for
     * the coming weeks lists.
     */
    public List<Training> between(Instant from, Instant to) {
        return store.all().stream()
                .filter(t -> !t.startsAt().isBefore(from) && t.startsAt().isBefore(to))
                .sorted(BY_START)
                .toList();
    }

    /** The trainings that have not ended yet, earliest first. */
    List<Training> upcoming() {
        Instant now = clock.instant();
        return endingAfter(now);
    }

    /** The trainings that end after {@code since}, earliest first. */
    List<Training> endingAfter(Instant since) {
        return store.all().stream()
                .filter(t -> t.endsAt().isAfter(since))
                .sorted(BY_START)
                .toList();
    }

    Training add(TrainingRequest request) {
        Training training = request.toTraining("trn-" + UUID.randomUUID(), clock.instant());
        store.put(training);
        return training;
    }

    Training find(String id) {
        return store.find(id).orElseThrow(() -> notFound(id));
    }

    Training replace(String id, TrainingRequest request) {
        Training training = request.toTraining(id, clock.instant());
        if (!store.replace(training)) {
            throw notFound(id);
        }
        return training;
    }

    void delete(String id) {
        if (!store.delete(id)) {
            throw notFound(id);
        }
    }

    Instant now() {
        return clock.instant();
    }

    private static BulletinRefusal.NotFound notFound(String id) {
        return new BulletinRefusal.NotFound("No training " + id + " in the calendar.");
    }
}
