package org.schoolsafety.bulletin.training;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.LastModified;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.schoolsafety.platform.security.LinkProperties;
import org.springframework.stereotype.Component;

/**
 * The training calendar as RFC 5545 iCalendar, written by ical4j: one VEVENT per training, its UID stable across
 * changes (the training's id and the platform's host), times in UTC, DTSTAMP the time it last changed, so a
 * subscribed calendar updates an event instead of adding another.
 */
@Component
class TrainingCalendar {

    static final String MEDIA_TYPE = "text/calendar;charset=utf-8";
    private static final String PRODUCT = "-//School Safety Alert Network//Training calendar//EN";

    private final String host;

    TrainingCalendar(LinkProperties links) {
        this.host = links.baseUrl().getHost();
    }

    String ics(List<Training> trainings) {
        Calendar calendar = new Calendar()
                .add(new ProdId(PRODUCT))
                .add(ImmutableVersion.VERSION_2_0)
                .add(ImmutableCalScale.GREGORIAN)
                .add(new XProperty("X-WR-CALNAME", "School safety trainings"));
        trainings.forEach(training -> calendar.add(event(training)));
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter().output(calendar, out);
        } catch (IOException | ValidationException e) {
            throw new IllegalStateException("the training calendar could not be written", e);
        }
        return out.toString();
    }

    String uid(Training training) {
        return training.id() + "@" + host;
    }

    private VEvent event(Training training) {
        VEvent event = new VEvent(utc(training.startsAt()), utc(training.endsAt()), training.title());
        event.replace(new DtStamp(utc(training.changedAt())));
        event.add(new Uid(uid(training)));
        event.add(new LastModified(utc(training.changedAt())));
        if (!training.description().isEmpty()) {
            event.add(new Description(training.description()));
        }
        String location = training.place() != null ? training.place() : "Online: " + training.onlineUrl();
        event.add(new Location(location));
        String url = training.registrationUrl() != null ? training.registrationUrl() : training.onlineUrl();
        if (url != null) {
            event.add(new Url(URI.create(url)));
        }
        return event;
    }

    /** iCalendar times have whole seconds. */
    private static Instant utc(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
