package org.schoolsafety.alert.escalation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.schoolsafety.alert.alert.Alert;
import org.schoolsafety.alert.alert.AlertQueries;
import org.schoolsafety.alert.alert.AlertSettings;
import org.schoolsafety.alert.alert.RecipientTime;
import org.schoolsafety.alert.area.AreaResolver;
import org.schoolsafety.alert.rendition.Renditions;
import org.schoolsafety.alert.status.Escalations;
import org.schoolsafety.alert.status.Escalations.Step;
import org.schoolsafety.alert.status.StatusStore;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.alert.AlertStatus;
import org.schoolsafety.events.audit.AuditRecorded;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.events.notification.Audience;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.notification.NotificationRequested;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.platform.kafka.EventPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Escalates an {@code Actual} alert that a school has not acknowledged: after {@code school-after} its SMS
 * numbers are told again that the alert waits for them, after {@code district-after} its district office is
 * told which school is silent. Each step is its own urgent notification ({@code <alert>-e1-<school>},
 * {@code <alert>-e2-<school>}), published with its audit record in one transaction, taken once per school
 * whichever instance sees it first, and shown in the alert's status. Exercises and tests are never escalated;
 * nor are cancelled or expired alerts.
 */
@Component
class EscalationWatch implements SchedulingConfigurer {

    private static final Logger log = LoggerFactory.getLogger(EscalationWatch.class);
    private static final int RECENT = 500;

    private final AlertQueries alerts;
    private final StatusStore status;
    private final Escalations escalations;
    private final AreaResolver areas;
    private final Renditions renditions;
    private final AlertSettings.Escalation properties;
    private final KafkaTemplate<String, Object> template;
    private final EventPublisher events;
    private final Clock clock;
    private final ObjectProvider<ObservationRegistry> observations;

    EscalationWatch(
            AlertQueries alerts,
            StatusStore status,
            Escalations escalations,
            AreaResolver areas,
            Renditions renditions,
            AlertSettings properties,
            KafkaTemplate<String, Object> template,
            Clock clock,
            ObjectProvider<ObservationRegistry> observations) {
        this.alerts = alerts;
        this.status = status;
        this.escalations = escalations;
        this.areas = areas;
        this.renditions = renditions;
        this.properties = properties.escalation();
        this.template = template;
        this.events = new EventPublisher(template);
        this.clock = clock;
        this.observations = observations;
    }

    @Override
    public void configureTasks(ScheduledTaskRegistrar tasks) {
        // observed as @Scheduled methods are, so that each run has a trace id in its log lines
        ObservationRegistry registry = observations.getIfAvailable(() -> ObservationRegistry.NOOP);
        Runnable run = () ->
                Observation.createNotStarted("alert.escalation.look", registry).observe(this::look);
        tasks.addFixedDelayTask(new FixedDelayTask(run, properties.every(), properties.every()));
    }

    void look() {
        if (!properties.enabled()) {
            return;
        }
        Instant now = clock.instant();
        try {
            for (Alert alert : alerts.newest(RECENT)) {
                if (alert.status() == AlertStatus.ACTUAL && alert.active(now) && alert.published()) {
                    escalate(alert, now);
                }
            }
        } catch (RuntimeException e) {
            log.warn("escalation watch could not finish; it looks again shortly: {}", e.toString());
        }
    }

    private void escalate(Alert alert, Instant now) {
        Instant sent = alert.messages().getFirst().sent();
        boolean schoolDue = !now.isBefore(sent.plus(properties.schoolAfter()));
        boolean districtDue = !now.isBefore(sent.plus(properties.districtAfter()));
        if (!schoolDue) {
            return;
        }
        Map<String, Long> acknowledged = status.acknowledgedOrganisations(alert.id());
        Set<String> reached = status.reached(alert.messages().getFirst().notificationId());
        for (String organisationId : reached) {
            if (acknowledged.containsKey(organisationId)) {
                continue;
            }
            OrganisationChanged school = areas.organisation(organisationId)
                    .filter(o -> o.kind() == OrganisationKind.SCHOOL)
                    .orElse(null);
            if (school == null) {
                continue;
            }
            step(alert, school, Step.SCHOOL, now);
            if (districtDue) {
                step(alert, school, Step.DISTRICT, now);
            }
        }
    }

    private void step(Alert alert, OrganisationChanged school, Step step, Instant now) {
        if (!escalations.claim(alert.id(), school.organisationId(), step, now)) {
            return;
        }
        try {
            NotificationRequested notification = notification(alert, school, step, now);
            if (notification == null) {
                return;
            }
            AuditRecorded audit = new AuditRecorded(
                    UUID.randomUUID().toString(),
                    "alert-service",
                    alert.authorOrganisation().isEmpty() ? "unknown" : alert.authorOrganisation(),
                    step == Step.SCHOOL ? "alert.escalate.school" : "alert.escalate.district",
                    "alert/" + alert.id() + "/organisation/" + school.organisationId(),
                    "allowed",
                    now);
            template.executeInTransaction(operations -> {
                events.publish(Topics.NOTIFICATIONS, notification.notificationId(), notification);
                events.publish(Topics.AUDIT, audit.organisationId(), audit);
                return null;
            });
            log.info("alert {} escalated to step {} for {}", alert.id(), step, school.organisationId());
        } catch (RuntimeException e) {
            escalations.release(alert.id(), school.organisationId(), step);
            throw e;
        }
    }

    /** The notification of a step; {@code null} for a district step of a school that has no district. */
    private NotificationRequested notification(Alert alert, OrganisationChanged school, Step step, Instant now) {
        String sentAt = RecipientTime.of(alert.messages().getFirst().sent());
        String link = renditions.pageLink(alert.id());
        Audience audience;
        String subject;
        String text;
        if (step == Step.SCHOOL) {
            audience = new Audience(
                    false,
                    List.of(),
                    List.of(),
                    List.of(school.organisationId()),
                    List.of(),
                    List.of(),
                    List.of(Channel.SMS));
            subject = "NOT YET ACKNOWLEDGED: " + alert.info().headline();
            text = "Nobody at " + school.name() + " has acknowledged the urgent alert sent " + sentAt + ": "
                    + alert.info().headline() + ". What to do: " + alert.info().instruction()
                    + "\n\nAcknowledge with the link in the alert email, or tell your district office. Details: "
                    + link;
        } else {
            OrganisationChanged district =
                    areas.district(school.organisationId()).orElse(null);
            if (district == null) {
                return null;
            }
            audience = new Audience(
                    false,
                    List.of(),
                    List.of(),
                    List.of(district.organisationId()),
                    List.of(OrganisationKind.DISTRICT),
                    List.of());
            subject = "School not responding: " + school.name() + " has not acknowledged an urgent alert";
            text = school.name() + " has not acknowledged the urgent alert sent " + sentAt + ": "
                    + alert.info().headline() + ".\n\nPlease make sure the school has it and is acting on it. "
                    + "Details: " + link;
        }
        String sms = renditions.sms(subject, alert.id());
        String html =
                "<p>" + org.springframework.web.util.HtmlUtils.htmlEscape(text).replace("\n", "<br>") + "</p>";
        return new NotificationRequested(
                alert.id() + "-e" + (step.ordinal() + 1) + "-" + school.organisationId(),
                Feed.URGENT_ALERTS,
                Lane.URGENT,
                "alert",
                alert.id(),
                false,
                null,
                null,
                audience,
                new Message(subject, text, html, null, sms),
                now);
    }
}
