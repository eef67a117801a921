package org.schoolsafety.alert.status;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.schoolsafety.alert.AlertUnavailable;
import org.schoolsafety.alert.alert.AlertQueries;
import org.schoolsafety.platform.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The open status streams. Each second, every stream whose report changed gets it again as a {@code status}
 * event; every ten seconds a comment keeps quiet streams (and the proxies between) alive. Figures are read from
 * Redis, not from this instance's own consumer, so a stream shows every outcome whichever instance counted it.
 */
@Component
class StatusStreams {

    private static final Logger log = LoggerFactory.getLogger(StatusStreams.class);
    private static final Duration LONGEST = Duration.ofMinutes(30);
    private static final int MAX_STREAMS = 500;

    private final AlertQueries alerts;
    private final AlertStatusView view;
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private long ticks;

    StatusStreams(AlertQueries alerts, AlertStatusView view) {
        this.alerts = alerts;
        this.view = view;
    }

    /** One open stream: whose, for which alert, and what it was last sent. */
    private static final class Stream {
        final String alertId;
        final Caller caller;
        final SseEmitter emitter;
        volatile AlertStatusReport last;

        Stream(String alertId, Caller caller, SseEmitter emitter) {
            this.alertId = alertId;
            this.caller = caller;
            this.emitter = emitter;
        }
    }

    SseEmitter open(String alertId, Caller caller) {
        if (streams.size() >= MAX_STREAMS) {
            throw new AlertUnavailable(
                    "Too many status streams are open; poll GET /api/alerts/" + alertId + "/status instead.");
        }
        SseEmitter emitter = new SseEmitter(LONGEST.toMillis());
        Stream stream = new Stream(alertId, caller, emitter);
        emitter.onCompletion(() -> streams.remove(stream));
        emitter.onTimeout(() -> streams.remove(stream));
        emitter.onError(error -> streams.remove(stream));
        streams.add(stream);
        send(stream);
        return emitter;
    }

    @Scheduled(fixedDelay = 1000)
    void push() {
        boolean heartbeat = ++ticks % 10 == 0;
        for (Stream stream : streams) {
            if (!send(stream) && heartbeat) {
                try {
                    stream.emitter.send(SseEmitter.event().comment("still here"));
                } catch (IOException | IllegalStateException gone) {
                    streams.remove(stream);
                }
            }
        }
    }

    /** Sends the report if it changed; whether it sent one. */
    private boolean send(Stream stream) {
        try {
            AlertStatusReport report = view.report(alerts.get(stream.alertId), stream.caller);
            AlertStatusReport before = stream.last;
            if (before != null && sameFigures(before, report)) {
                return false;
            }
            stream.last = report;
            stream.emitter.send(SseEmitter.event().name("status").data(report));
            return true;
        } catch (IOException | IllegalStateException gone) {
            streams.remove(stream);
        } catch (RuntimeException e) {
            log.warn("status of alert {} not sent to a stream this time: {}", stream.alertId, e.toString());
        }
        return false;
    }

    private static boolean sameFigures(AlertStatusReport a, AlertStatusReport b) {
        return a.state().equals(b.state())
                && a.messages().equals(b.messages())
                && a.organisations().equals(b.organisations())
                && a.escalations().equals(b.escalations());
    }
}
