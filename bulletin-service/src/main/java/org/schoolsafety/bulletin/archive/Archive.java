package org.schoolsafety.bulletin.archive;

import java.util.List;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.vocabulary.Tlp;
import org.springframework.stereotype.Component;

/**
 * What the archive shows to whom: the public sees TLP:CLEAR bulletins only (a TLP:GREEN one does not exist for it);
 * signed-in platform users see both. A bulletin's marking is its latest revision's, and an earlier revision is shown
 * publicly only while the latest is CLEAR.
 */
@Component
class Archive {

    private final ArchiveStore store;

    Archive(ArchiveStore store) {
        this.store = store;
    }

    /** Public bulletins matching the query, newest first. */
    List<BulletinPublished> publicBulletins(ArchiveQuery query) {
        return store.latest().stream()
                .filter(b -> b.tlp() == Tlp.CLEAR)
                .filter(query::matches)
                .toList();
    }

    /** Every bulletin matching the query, newest first. */
    List<BulletinPublished> allBulletins(ArchiveQuery query) {
        return store.latest().stream().filter(query::matches).toList();
    }

    /** Every revision of a public bulletin, first first. */
    List<BulletinPublished> publicRevisions(String bulletinId) {
        List<BulletinPublished> revisions = revisions(bulletinId);
        if (revisions.getLast().tlp() != Tlp.CLEAR) {
            throw notFound(bulletinId);
        }
        return revisions.stream().filter(r -> r.tlp() == Tlp.CLEAR).toList();
    }

    /** Every revision of any bulletin, first first. */
    List<BulletinPublished> revisions(String bulletinId) {
        List<BulletinPublished> revisions = store.revisions(bulletinId);
        if (revisions.isEmpty()) {
            throw notFound(bulletinId);
        }
        return revisions;
    }

    static BulletinRefusal.NotFound notFound(String bulletinId) {
        return new BulletinRefusal.NotFound("No published bulletin " + bulletinId + " in the archive.");
    }
}
