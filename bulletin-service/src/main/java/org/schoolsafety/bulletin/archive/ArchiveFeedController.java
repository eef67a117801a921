package org.schoolsafety.bulletin.archive;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public archive, without a token: TLP:CLEAR bulletins only, as pages, an Atom feed and a JSON Feed. The
 * platform sets a Content-Security-Policy that allows no script, style or frame on these pages.
 */
@RestController
class ArchiveFeedController {

    private static final String HTML = "text/html;charset=UTF-8";
    private static final CacheControl BRIEFLY =
            CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic();

    private final Archive archive;
    private final ArchivePages pages;
    private final ArchiveFeeds feeds;
    private final int feedEntries;
    private final Clock clock;

    ArchiveFeedController(
            Archive archive,
            ArchivePages pages,
            ArchiveFeeds feeds,
            BulletinSettings settings,
            ObjectProvider<Clock> clock) {
        this.archive = archive;
        this.pages = pages;
        this.feeds = feeds;
        this.feedEntries = settings.archive().feedEntries();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @GetMapping(path = ArchivePages.BASE, produces = HTML)
    ResponseEntity<String> list(@RequestParam(required = false) String q, @RequestParam(required = false) String week) {
        List<BulletinPublished> found = archive.publicBulletins(ArchiveQuery.of(q, week));
        return ResponseEntity.ok().cacheControl(BRIEFLY).body(pages.list(found, q, week));
    }

    @GetMapping(path = ArchivePages.BASE + "/{bulletinId}", produces = HTML)
    ResponseEntity<String> bulletin(@PathVariable String bulletinId) {
        List<BulletinPublished> revisions = archive.publicRevisions(bulletinId);
        return ResponseEntity.ok().cacheControl(BRIEFLY).body(pages.bulletin(revisions.getLast(), revisions));
    }

    @GetMapping(path = ArchivePages.BASE + "/{bulletinId}/revisions/{revision}", produces = HTML)
    ResponseEntity<String> revision(@PathVariable String bulletinId, @PathVariable int revision) {
        List<BulletinPublished> revisions = archive.publicRevisions(bulletinId);
        BulletinPublished shown = revisions.stream()
                .filter(r -> r.revision() == revision)
                .findFirst()
                .orElseThrow(() -> new BulletinRefusal.NotFound(
                        "Bulletin " + bulletinId + " has no public revision " + revision + "."));
        return ResponseEntity.ok().cacheControl(BRIEFLY).body(pages.bulletin(shown, revisions));
    }

    @GetMapping(path = ArchivePages.BASE + "/atom.xml", produces = ArchiveFeeds.ATOM)
    ResponseEntity<String> atom() {
        return ResponseEntity.ok().cacheControl(BRIEFLY).body(feeds.atom(latest(), clock.instant()));
    }

    @GetMapping(path = ArchivePages.BASE + "/feed.json", produces = ArchiveFeeds.JSON_FEED)
    ResponseEntity<String> jsonFeed() {
        return ResponseEntity.ok().cacheControl(BRIEFLY).body(feeds.jsonFeed(latest()));
    }

    private List<BulletinPublished> latest() {
        return archive.publicBulletins(ArchiveQuery.of(null, null)).stream()
                .limit(feedEntries)
                .toList();
    }
}
