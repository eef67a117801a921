package org.schoolsafety.bulletin.rendition;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jsoup.nodes.Entities;
import org.schoolsafety.events.bulletin.BulletinLink;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.bulletin.BulletinSection;
import org.schoolsafety.events.bulletin.BulletinTraining;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Tlp;

/**
 * A bulletin revision as an email: a whole HTML document and the same content as plain text. Both greet the
 * recipient's organisation through {@link Message#ORGANISATION_NAME}, show times in the service's zone, and end
 * with the TLP marking and the link to the archive page; a correction says what changed at the top.
 */
final class EmailRendition {

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US);
    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("EEE, MMM d, h:mm a", Locale.US);
    private static final DateTimeFormatter TIME_ZONE = DateTimeFormatter.ofPattern("h:mm a z", Locale.US);
    private static final DateTimeFormatter DAY_TIME_ZONE =
            DateTimeFormatter.ofPattern("EEE, MMM d, h:mm a z", Locale.US);

    private final ZoneId zone;

    EmailRendition(ZoneId zone) {
        this.zone = zone;
    }

    String html(BulletinPublished bulletin, String archiveUrl) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.append("<title>").append(esc(bulletin.title())).append("</title></head><body>\n");
        if (bulletin.correction() != null) {
            html.append("<p><strong>Correction:</strong> ")
                    .append(esc(bulletin.correction()))
                    .append("</p>\n");
        }
        html.append("<h1>").append(esc(bulletin.title())).append("</h1>\n");
        html.append("<p>Week of ").append(esc(WEEK.format(bulletin.weekOf()))).append("</p>\n");
        html.append("<p>Hello ").append(Message.ORGANISATION_NAME).append(",</p>\n");
        html.append("<p>").append(esc(bulletin.summary())).append("</p>\n");
        for (BulletinSection section : bulletin.sections()) {
            html.append("<h2>").append(esc(section.heading())).append("</h2>\n");
            html.append(section.html()).append('\n');
        }
        if (!bulletin.trainings().isEmpty()) {
            html.append("<h2>Trainings and events</h2>\n<ul>\n");
            for (BulletinTraining item : bulletin.trainings()) {
                html.append("<li><strong>").append(esc(item.title())).append("</strong>, ");
                html.append(esc(when(item)));
                if (item.place() != null) {
                    html.append(", ").append(esc(item.place()));
                }
                if (item.onlineUrl() != null) {
                    html.append(", ").append(anchor(item.onlineUrl(), "join online"));
                }
                if (item.registrationUrl() != null) {
                    html.append(" (")
                            .append(anchor(item.registrationUrl(), "register"))
                            .append(')');
                }
                html.append("</li>\n");
            }
            html.append("</ul>\n");
        }
        if (!bulletin.links().isEmpty()) {
            html.append("<h2>Links</h2>\n<ul>\n");
            for (BulletinLink link : bulletin.links()) {
                html.append("<li>").append(anchor(link.url(), link.title())).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        html.append("<p>").append(esc(tlpLine(bulletin.tlp()))).append("</p>\n");
        html.append("<p>").append(anchor(archiveUrl, "Read this update online")).append("</p>\n");
        return html.append("</body></html>\n").toString();
    }

    String text(BulletinPublished bulletin, String archiveUrl) {
        StringBuilder text = new StringBuilder();
        if (bulletin.correction() != null) {
            text.append("CORRECTION: ").append(bulletin.correction()).append("\n\n");
        }
        text.append(bulletin.title()).append('\n');
        text.append("Week of ").append(WEEK.format(bulletin.weekOf())).append("\n\n");
        text.append("Hello ").append(Message.ORGANISATION_NAME).append(",\n\n");
        text.append(bulletin.summary()).append("\n\n");
        for (BulletinSection section : bulletin.sections()) {
            text.append(section.heading().toUpperCase(Locale.ROOT)).append("\n\n");
            text.append(section.markdown().strip()).append("\n\n");
        }
        if (!bulletin.trainings().isEmpty()) {
            text.append("TRAININGS AND EVENTS\n\n");
            for (BulletinTraining item : bulletin.trainings()) {
                text.append("- ").append(item.title()).append(", ").append(when(item));
                if (item.place() != null) {
                    text.append(", ").append(item.place());
                }
                if (item.onlineUrl() != null) {
                    text.append(", join online: ").append(item.onlineUrl());
                }
                if (item.registrationUrl() != null) {
                    text.append(", register: ").append(item.registrationUrl());
                }
                text.append('\n');
            }
            text.append('\n');
        }
        if (!bulletin.links().isEmpty()) {
            text.append("LINKS\n\n");
            for (BulletinLink link : bulletin.links()) {
                text.append("- ")
                        .append(link.title())
                        .append(": ")
                        .append(link.url())
                        .append('\n');
            }
            text.append('\n');
        }
        text.append(tlpLine(bulletin.tlp())).append("\n\n");
        text.append("Read this update online: ").append(archiveUrl).append('\n');
        return text.toString();
    }

    /** When an item runs, in the service's zone: one day's times once, else both days. */
    String when(BulletinTraining item) {
        ZonedDateTime start = item.startsAt().atZone(zone);
        ZonedDateTime end = item.endsAt().atZone(zone);
        if (start.toLocalDate().equals(end.toLocalDate())) {
            return DAY_TIME.format(start) + " - " + TIME_ZONE.format(end);
        }
        return DAY_TIME_ZONE.format(start) + " - " + DAY_TIME_ZONE.format(end);
    }

    static String tlpLine(Tlp tlp) {
        return tlp == Tlp.GREEN
                ? "TLP:GREEN - share within the school safety community, not publicly."
                : "TLP:CLEAR - may be shared without limit.";
    }

    private static String anchor(String url, String text) {
        return "<a href=\"" + esc(url) + "\" rel=\"nofollow noopener noreferrer\">" + esc(text) + "</a>";
    }

    private static String esc(String text) {
        return Entities.escape(text);
    }
}
