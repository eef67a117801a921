package org.schoolsafety.bulletin.publication;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.bulletin.Bulletin;
import org.schoolsafety.bulletin.bulletin.BulletinDraft;
import org.schoolsafety.bulletin.bulletin.BulletinStore;
import org.schoolsafety.bulletin.bulletin.Bulletins;
import org.schoolsafety.bulletin.bulletin.DraftCheck;
import org.schoolsafety.bulletin.bulletin.RequestBodies;
import org.schoolsafety.platform.security.Caller;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Publishing now, correcting a published bulletin, and the list of its published revisions. */
@RestController
class PublicationController {

    private static final int WHAT_CHANGED_MAX = 500;

    private final Publications publications;
    private final Bulletins bulletins;
    private final BulletinStore store;
    private final DraftCheck check;
    private final RequestBodies bodies;
    private final JsonMapper json;

    PublicationController(
            Publications publications,
            Bulletins bulletins,
            BulletinStore store,
            DraftCheck check,
            RequestBodies bodies,
            JsonMapper json) {
        this.publications = publications;
        this.bulletins = bulletins;
        this.store = store;
        this.check = check;
        this.bodies = bodies;
        this.json = json;
    }

    /** Publishes now; an {@code If-Match}, when sent, must name the current version. */
    @PostMapping("/api/bulletins/{id}/publish")
    ResponseEntity<Bulletin> publish(
            @PathVariable String id, @RequestHeader(name = "If-Match", required = false) String ifMatch) {
        Long version = ifMatch == null ? null : RequestBodies.version(ifMatch);
        return answer(publications.publishNow(id, version, actor()));
    }

    @PostMapping("/api/bulletins/{id}/corrections")
    ResponseEntity<Bulletin> correct(
            @PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            HttpServletRequest request) {
        long version = RequestBodies.version(ifMatch);
        ObjectNode body = (ObjectNode) bodies.read(request);
        JsonNode changed = body.remove("whatChanged");
        String whatChanged = changed == null || !changed.isString()
                ? null
                : changed.asString().strip();
        if (whatChanged == null || whatChanged.isEmpty()) {
            throw new BulletinRefusal.Rejected(
                    "whatChanged", "whatChanged is required: say what the correction changes.");
        }
        if (whatChanged.length() > WHAT_CHANGED_MAX) {
            throw new BulletinRefusal.Rejected(
                    "whatChanged", "whatChanged is at most " + WHAT_CHANGED_MAX + " characters.");
        }
        Bulletin content = check.content(bodies.as(body, BulletinDraft.class), true);
        return answer(publications.correct(id, version, content, whatChanged, actor()));
    }

    /** Every published revision, oldest first, each the whole {@code bulletin.published.v1} record. */
    @GetMapping("/api/bulletins/{id}/revisions")
    List<JsonNode> revisions(@PathVariable String id) {
        bulletins.visible(id, caller());
        return store.revisions(id).stream().map(json::readTree).toList();
    }

    private static ResponseEntity<Bulletin> answer(Bulletin bulletin) {
        return ResponseEntity.ok().eTag(RequestBodies.etag(bulletin.version())).body(bulletin);
    }

    private static Caller caller() {
        return Bulletins.caller();
    }

    private static Publications.Actor actor() {
        Caller caller = caller();
        return new Publications.Actor(
                caller.subject(), caller.organisationId().isEmpty() ? "unknown" : caller.organisationId());
    }
}
