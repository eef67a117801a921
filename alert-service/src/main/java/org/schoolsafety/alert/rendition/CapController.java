package org.schoolsafety.alert.rendition;

import java.nio.charset.StandardCharsets;
import org.schoolsafety.alert.AlertConflict;
import org.schoolsafety.alert.AlertNotFound;
import org.schoolsafety.alert.AlertRejected;
import org.schoolsafety.alert.alert.Alert;
import org.schoolsafety.alert.alert.AlertAccess;
import org.schoolsafety.alert.alert.AlertDraft;
import org.schoolsafety.alert.alert.AlertLifecycle;
import org.schoolsafety.alert.alert.AlertQueries;
import org.schoolsafety.alert.alert.AlertRequests;
import org.schoolsafety.alert.alert.AlertResource;
import org.schoolsafety.alert.alert.AlertResources;
import org.schoolsafety.alert.cap.CapRejected;
import org.schoolsafety.alert.cap.CapXml;
import org.schoolsafety.platform.security.Caller;
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

/**
 * The alert API in CAP 1.2 XML: a CAP message in (an {@code Alert} becomes a draft; an {@code Update} or
 * {@code Cancel} acts on the alert it references), and the CAP XML of each message out. The JSON API is
 * {@code AlertController}'s.
 */
@RestController
class CapController {

    private final AlertLifecycle lifecycle;
    private final AlertQueries queries;
    private final AlertAccess access;
    private final AlertResources resources;
    private final CapMapping cap;
    private final RequestModels models;

    CapController(
            AlertLifecycle lifecycle,
            AlertQueries queries,
            AlertAccess access,
            AlertResources resources,
            CapMapping cap,
            RequestModels models) {
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.access = access;
        this.resources = resources;
        this.cap = cap;
        this.models = models;
    }

    @PostMapping(
            path = "/api/alerts",
            consumes = {CapXml.MEDIA_TYPE, MediaType.APPLICATION_XML_VALUE})
    ResponseEntity<AlertResource> importCap(
            @RequestHeader(name = "Idempotency-Key", required = false) String key, @RequestBody byte[] body) {
        Caller caller = AlertAccess.caller();
        CapImport imported;
        try {
            imported = CapImport.of(CapXml.read(body));
        } catch (CapRejected e) {
            throw new AlertRejected("cap", e.reason());
        }
        if ("Alert".equals(imported.msgType())) {
            String text = new String(body, StandardCharsets.UTF_8);
            AlertDraft draft = models.valid(imported.draft());
            Alert alert = lifecycle.create(caller, draft, null, AlertRequests.idempotencyKey(key), text);
            return resources.created(alert, caller);
        }
        Alert target = queries.referencedBy(imported.referencedIdentifiers())
                .orElseThrow(() -> new AlertRejected(
                        "references",
                        "The references name no alert sent from here: " + imported.referencedIdentifiers()));
        Alert changed = "Update".equals(imported.msgType())
                ? lifecycle.update(
                        caller, target.id(), models.valid(imported.draft()).info())
                : lifecycle.cancel(
                        caller,
                        target.id(),
                        models.valid(new AlertRequests.Cancel(imported.note())).note());
        return ResponseEntity.ok(resources.of(changed, caller));
    }

    /** The CAP 1.2 XML of the alert's last message, or of message {@code n}. */
    @GetMapping(path = "/api/alerts/{id}/cap", produces = CapXml.MEDIA_TYPE)
    String capXml(@PathVariable String id, @RequestParam(required = false) Integer message) {
        Alert alert = access.visible(id, AlertAccess.caller());
        if (alert.messages().isEmpty()) {
            throw new AlertConflict("state", "A draft has no CAP message yet; it gets one when it is issued.");
        }
        int number = message == null ? alert.messages().size() : message;
        if (number < 1 || number > alert.messages().size()) {
            throw new AlertNotFound("This alert has " + alert.messages().size() + " messages.");
        }
        return cap.xml(alert, alert.messages().get(number - 1));
    }
}
