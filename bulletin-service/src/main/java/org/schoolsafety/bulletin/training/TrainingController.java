package org.schoolsafety.bulletin.training;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.Role;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The training calendar over HTTP: any platform user reads it, only editors change it (the gateway checks the same;
 * this service does not rely on it), and anyone subscribes to {@code /feeds/trainings.ics}.
 */
@RestController
class TrainingController {

    static final String PATH = "/api/bulletins/trainings";

    private final Trainings trainings;
    private final TrainingCalendar calendar;
    private final Duration lookback;

    TrainingController(Trainings trainings, TrainingCalendar calendar, BulletinSettings settings) {
        this.trainings = trainings;
        this.calendar = calendar;
        this.lookback = settings.archive().calendarLookback();
    }

    @PostMapping(PATH)
    ResponseEntity<Training> add(@RequestBody TrainingRequest request) {
        editor();
        Training added = trainings.add(request);
        return ResponseEntity.created(URI.create(PATH + "/" + added.id())).body(added);
    }

    @GetMapping(PATH)
    List<Training> upcoming() {
        platformUser();
        return trainings.upcoming();
    }

    @GetMapping(PATH + "/{id}")
    Training one(@PathVariable String id) {
        platformUser();
        return trainings.find(id);
    }

    @PutMapping(PATH + "/{id}")
    Training replace(@PathVariable String id, @RequestBody TrainingRequest request) {
        editor();
        return trainings.replace(id, request);
    }

    @DeleteMapping(PATH + "/{id}")
    ResponseEntity<Void> delete(@PathVariable String id) {
        editor();
        trainings.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** Upcoming trainings and those that ended within the look-back, for calendar applications; no token. */
    @GetMapping(path = "/feeds/trainings.ics", produces = TrainingCalendar.MEDIA_TYPE)
    ResponseEntity<String> ics() {
        List<Training> listed = trainings.endingAfter(trainings.now().minus(lookback));
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(calendar.ics(listed));
    }

    private static void editor() {
        if (!Caller.current().map(c -> c.hasAnyRole(Role.STATE_EDITOR)).orElse(false)) {
            throw new AccessDeniedException("only editors change the training calendar");
        }
    }

    private static void platformUser() {
        if (Caller.current().map(c -> c.roles().isEmpty()).orElse(true)) {
            throw new AccessDeniedException("the training calendar's API is for platform users");
        }
    }
}
