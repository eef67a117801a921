package org.schoolsafety.alert.alert;

import jakarta.validation.Valid;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.schoolsafety.alert.area.Area;
import org.schoolsafety.alert.cap.CapRejected;
import org.schoolsafety.alert.cap.CapXml;
import org.schoolsafety.alert.rendition.CapImport;
import org.schoolsafety.alert.rendition.CapMapping;
import org.schoolsafety.platform.security.ApiProblem;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.text.Text;
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
 * The alert API: draft (JSON or CAP 1.2 XML), submit, approve, issue, update, cancel, read, list, and the CAP XML
 * of every alert. State staff see every alert; districts and schools see the issued alerts that reached them.
 */
@RestController
class AlertController {

    private final AlertLifecycle lifecycle;
    private final ApprovalPolicy approvals;
    private final AlertAccess access;
    private final CapMapping cap;
    private final JsonMapper json;
    private final RequestModels models;
    private final Clock clock;

    AlertController(
            AlertLifecycle lifecycle,
            ApprovalPolicy approvals,
            AlertAccess access,
            CapMapping cap,
            JsonMapper json,
            RequestModels models,
            Clock clock) {
        this.lifecycle = lifecycle;
        this.approvals = approvals;
        this.access = access;
        this.cap = cap;
        this.json = json;
        this.models = models;
        this.clock = clock;
    }

    /** Why an alert is called off, for everyone it reached. */
    record Cancel(
            @Text(max = AlertLifecycle.NOTE_MAX, multiline = true)
            String note) {}

    /** A pre-approved template, sent to its own area or the one given. */
    record TemplateSend(@Valid Area area) {}

    @PostMapping(path = "/api/alerts", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<AlertResource> create(
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody String body) {
        Caller caller = caller();
        Alert alert = lifecycle.create(caller, read(body, AlertDraft.class), null, idempotencyKey(key), body);
        return created(alert, caller);
    }

    /** A CAP 1.2 message: an {@code Alert} becomes a draft; an {@code Update} or {@code Cancel} acts on its alert. */
    @PostMapping(
            path = "/api/alerts",
            consumes = {CapXml.MEDIA_TYPE, MediaType.APPLICATION_XML_VALUE})
    ResponseEntity<AlertResource> importCap(
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody byte[] body) {
        Caller caller = caller();
        CapImport imported;
        try {
            imported = CapImport.of(CapXml.read(body));
        } catch (CapRejected e) {
            throw ApiProblem.invalid("cap", e.reason());
        }
        if ("Alert".equals(imported.msgType())) {
            String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
            AlertDraft draft = models.valid(imported.draft());
            return created(lifecycle.create(caller, draft, null, idempotencyKey(key), text), caller);
        }
        Alert target = lifecycle
                .referencedBy(imported.referencedIdentifiers())
                .orElseThrow(() -> ApiProblem.invalid(
                        "references",
                        "The references name no alert sent from here: " + imported.referencedIdentifiers()));
        Alert changed = "Update".equals(imported.msgType())
                ? lifecycle.update(
                        caller, target.id(), models.valid(imported.draft()).info())
                : lifecycle.cancel(
                        caller,
                        target.id(),
                        models.valid(new Cancel(imported.note())).note());
        return ResponseEntity.ok(resource(changed, caller));
    }

    @GetMapping("/api/alerts")
    List<AlertResource> list(@RequestParam(defaultValue = "50") int limit) {
        Caller caller = caller();
        int bounded = Math.clamp(limit, 1, 500);
        return lifecycle.newest(bounded).stream()
                .filter(alert -> access.visible(alert, caller))
                .map(alert -> resource(alert, caller))
                .toList();
    }

    @GetMapping("/api/alerts/{id}")
    AlertResource get(@PathVariable String id) {
        Caller caller = caller();
        return resource(access.visible(id, caller), caller);
    }

    /** The CAP 1.2 XML of the alert's last message, or of message {@code n}. */
    @GetMapping(path = "/api/alerts/{id}/cap", produces = CapXml.MEDIA_TYPE)
    String capXml(@PathVariable String id, @RequestParam(required = false) Integer message) {
        Alert alert = access.visible(id, caller());
        if (alert.messages().isEmpty()) {
            throw ApiProblem.conflict("state", "A draft has no CAP message yet; it gets one when it is issued.");
        }
        int number = message == null ? alert.messages().size() : message;
        if (number < 1 || number > alert.messages().size()) {
            throw ApiProblem.notFound("This alert has " + alert.messages().size() + " messages.");
        }
        return cap.xml(alert, alert.messages().get(number - 1));
    }

    @PostMapping("/api/alerts/{id}/submit")
    AlertResource submit(@PathVariable String id) {
        Caller caller = caller();
        return resource(lifecycle.submit(caller, id), caller);
    }

    @PostMapping("/api/alerts/{id}/approve")
    AlertResource approve(@PathVariable String id) {
        Caller caller = caller();
        return resource(lifecycle.approve(caller, id), caller);
    }

    @PostMapping("/api/alerts/{id}/issue")
    AlertResource issue(@PathVariable String id) {
        Caller caller = caller();
        return resource(lifecycle.issue(caller, id), caller);
    }

    @PostMapping(path = "/api/alerts/{id}/update", consumes = MediaType.APPLICATION_JSON_VALUE)
    AlertResource update(@PathVariable String id, @RequestBody String body) {
        Caller caller = caller();
        return resource(lifecycle.update(caller, id, read(body, AlertDraft.Info.class)), caller);
    }

    @PostMapping("/api/alerts/{id}/cancel")
    AlertResource cancel(@PathVariable String id, @RequestBody(required = false) String body) {
        Caller caller = caller();
        Cancel cancel = body == null || body.isBlank() ? new Cancel(null) : read(body, Cancel.class);
        return resource(lifecycle.cancel(caller, id, cancel.note()), caller);
    }

    @GetMapping("/api/alerts/templates")
    Map<String, AlertTemplate> templates() {
        return lifecycle.templates();
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
                caller, name, send.area(), idempotencyKey(key), name + "\n" + (body == null ? "" : body));
        return created(alert, caller);
    }

    private ResponseEntity<AlertResource> created(Alert alert, Caller caller) {
        return ResponseEntity.created(URI.create("/api/alerts/" + alert.id())).body(resource(alert, caller));
    }

    private AlertResource resource(Alert alert, Caller caller) {
        boolean state = AlertAccess.isState(caller);
        return AlertResource.of(
                alert,
                approvals.needsApproval(alert.status(), alert.resolved(), alert.template()),
                state,
                clock.instant());
    }

    private <T> T read(String body, Class<T> type) {
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw ApiProblem.invalid(null, "The body is empty.");
            }
            return models.valid(value);
        } catch (JacksonException e) {
            throw JsonFields.unreadable(e);
        }
    }

    private static String idempotencyKey(String key) {
        if (key == null) {
            return null;
        }
        if (key.isBlank() || key.length() > 200) {
            throw ApiProblem.invalid("Idempotency-Key", "An Idempotency-Key is 1 to 200 characters.");
        }
        return key;
    }

    private static Caller caller() {
        return AlertAccess.caller();
    }
}
