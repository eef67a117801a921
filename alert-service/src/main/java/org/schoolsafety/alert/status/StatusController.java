package org.schoolsafety.alert.status;

import org.schoolsafety.alert.alert.AlertAccess;
import org.schoolsafety.platform.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Live status of an alert: the report now, or a Server-Sent Events stream that sends it again whenever a figure
 * changes. Districts and schools see their own organisations only.
 */
@RestController
class StatusController {

    private final AlertAccess access;
    private final AlertStatusView view;
    private final StatusStreams streams;

    StatusController(AlertAccess access, AlertStatusView view, StatusStreams streams) {
        this.access = access;
        this.view = view;
        this.streams = streams;
    }

    @GetMapping("/api/alerts/{id}/status")
    AlertStatusReport status(@PathVariable String id) {
        Caller caller = AlertAccess.caller();
        return view.report(access.visible(id, caller), caller);
    }

    @GetMapping(path = "/api/alerts/{id}/status/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter stream(@PathVariable String id) {
        Caller caller = AlertAccess.caller();
        access.visible(id, caller);
        return streams.open(id, caller);
    }
}
