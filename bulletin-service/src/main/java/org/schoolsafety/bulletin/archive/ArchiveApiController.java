package org.schoolsafety.bulletin.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.vocabulary.Tlp;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.security.LinkProperties;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The whole archive, TLP:GREEN included, for signed-in platform users: any platform role, never the public. The
 * gateway checks the token too; this service does not rely on it.
 */
@RestController
class ArchiveApiController {

    private final Archive archive;
    private final LinkProperties links;

    ArchiveApiController(Archive archive, LinkProperties links) {
        this.archive = archive;
        this.links = links;
    }

    /**
     * One bulletin in the list.
     *
     * @param url its public page, only for a TLP:CLEAR bulletin
     */
    record Entry(
            String bulletinId,
            LocalDate weekOf,
            String title,
            String summary,
            Tlp tlp,
            int revision,
            Instant publishedAt,
            String url) {}

    /** A bulletin's latest revision and every revision, first first. */
    record Archived(BulletinPublished latest, List<BulletinPublished> revisions) {}

    @GetMapping("/api/bulletins/archive")
    List<Entry> list(@RequestParam(required = false) String q, @RequestParam(required = false) String week) {
        platformUser();
        return archive.allBulletins(ArchiveQuery.of(q, week)).stream()
                .map(b -> new Entry(
                        b.bulletinId(),
                        b.weekOf(),
                        b.title(),
                        b.summary(),
                        b.tlp(),
                        b.revision(),
                        b.publishedAt(),
                        b.tlp() == Tlp.CLEAR ? links.link(ArchivePages.pagePath(b.bulletinId())) : null))
                .toList();
    }

    @GetMapping("/api/bulletins/archive/{bulletinId}")
    Archived bulletin(@PathVariable String bulletinId) {
        platformUser();
        List<BulletinPublished> revisions = archive.revisions(bulletinId);
        return new Archived(revisions.getLast(), revisions);
    }

    /** A valid token without a platform role is not a platform user. */
    private static void platformUser() {
        if (Caller.current().map(caller -> caller.roles().isEmpty()).orElse(true)) {
            throw new AccessDeniedException("the archive is for platform users");
        }
    }
}
