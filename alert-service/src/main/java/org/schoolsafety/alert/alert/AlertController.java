package org.schoolsafety.alert.alert;

import java.util.List;
import java.util.Map;
import org.schoolsafety.alert.AlertRejected;
import org.schoolsafety.alert.alert.AlertRequests.Cancel;
import org.schoolsafety.alert.alert.AlertRequests.TemplateSend;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.web.JsonFields;
import org.schoolsafety.platform.web.RequestModels;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The alert API in JSON: draft, submit, approve, issue, update, cancel, read, list, and the break-glass
 * templates (CAP 1.2 XML in and out is the rendition package's {@code CapController}). State staff see every
 * alert; districts and schools see the issued alerts that reached them.
 */
@RestController
class AlertController {

    private final AlertLifecycle lifecycle;
    private final AlertQueries queries;
    private final AlertAccess access;
    private final AlertResources resources;
    private final JsonMapper json;
    private final RequestModels models;

    AlertController(
            AlertLifecycle lifecycle,
            AlertQueries queries,
            AlertAccess access,
            AlertResources resources,
            JsonMapper json,
            RequestModels models) {
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.access = access;
        this.resources = resources;
        this.json = json;
        this.models = models;
    }

    @PostMapping(path = "/api/alerts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AlertResource> create(
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody String body) {
        Caller caller = caller();
        Alert alert =
                lifecycle.create(caller, read(body, AlertDraft.class), null, AlertRequests.idempotencyKey(key), body);
        return resources.created(alert, caller);
    }

    @GetMapping("/api/alerts")
    List<AlertResource> list(@RequestParam(defaultValue = "50") int limit) {
        Caller caller = caller();
        int bounded = Math.clamp(limit, 1, 500);
        return queries.newest(bounded).stream()
                .filter(alert -> access.visible(alert, caller))
                .map(alert -> resources.of(alert, caller))
                .toList();
    }

    @GetMapping("/api/alerts/{id}")
    AlertResource get(@PathVariable String id) {
        Caller caller = caller();
        return resources.of(access.visible(id, caller), caller);
    }

    @PostMapping("/api/alerts/{id}/submit")
    AlertResource submit(@PathVariable String id) {
        Caller caller = caller();
        return resources.of(lifecycle.submit(caller, id), caller);
    }

    @PostMapping("/api/alerts/{id}/approve")
    AlertResource approve(@PathVariable String id) {
        Caller caller = caller();
        return resources.of(lifecycle.approve(caller, id), caller);
    }

    @PostMapping("/api/alerts/{id}/issue")
    AlertResource issue(@PathVariable String id) {
        Caller caller = caller();
        return resources.of(lifecycle.issue(caller, id), caller);
    }

    @PostMapping(path = "/api/alerts/{id}/update", consumes = MediaType.APPLICATION_JSON_VALUE)
    AlertResource update(@PathVariable String id, @RequestBody String body) {
        Caller caller = caller();
        return resources.of(lifecycle.update(caller, id, read(body, AlertDraft.Info.class)), caller);
    }

    @PostMapping("/api/alerts/{id}/cancel")
    AlertResource cancel(@PathVariable String id, @RequestBody(required = false) String body) {
        Caller caller = caller();
        Cancel cancel = body == null || body.isBlank() ? new Cancel(null) : read(body, Cancel.class);
        return resources.of(lifecycle.cancel(caller, id, cancel.note()), caller);
    }

    @GetMapping("/api/alerts/templates")
    Map<String, AlertTemplate> templates() {
        return queries.templates();
    }

    /** Break glass: a pre-approved template, sent at once by one broadcaster. */
    @PostMapping("/api/alerts/templates/{name}/issue")
    ResponseEntity<AlertResource> sendTemplate(
            @PathVariable String name,
            @RequestHeader(name = "Idempotency-Key", required = false) String key,
            @RequestBody(required = false) String body) {
        Caller caller = caller();
        TemplateSend send = body == null || body.isBlank() ? new TemplateSend(null) : read(body, TemplateSend.class);
        Alert alert = lifecycle.issueTemplate(
                caller, name, send.area(), AlertRequests.idempotencyKey(key), name + "\n" + (body == null ? "" : body));
        return resources.created(alert, caller);
    }

    private <T> T read(String body, Class<T> type) {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw new AlertRejected(null, "The body is empty.");
            }
            return models.valid(value);
        } catch (JacksonException e) {
            throw JsonFields.unreadable(e);
        }
    }

    private static Caller caller() {
        return AlertAccess.caller();
    }
}
