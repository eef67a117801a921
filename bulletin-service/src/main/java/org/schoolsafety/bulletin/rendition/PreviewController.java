package org.schoolsafety.bulletin.rendition;

import java.time.Clock;
import org.schoolsafety.bulletin.bulletin.Bulletin;
import org.schoolsafety.bulletin.bulletin.BulletinState;
import org.schoolsafety.bulletin.bulletin.Bulletins;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.notification.Message;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Every rendition of a bulletin as its next publication would send it, for the editor to check (editors only). */
@RestController
class PreviewController {

    private final Bulletins bulletins;
    private final BulletinRenditions renditions;
    private final Clock clock;

    PreviewController(Bulletins bulletins, BulletinRenditions renditions, Clock clock) {
        this.bulletins = bulletins;
        this.renditions = renditions;
        this.clock = clock;
    }

    @GetMapping("/api/bulletins/{id}/preview")
    Preview preview(@PathVariable String id) {
        Bulletin bulletin = bulletins.visible(id, Bulletins.caller());
        int revision = bulletin.state() == BulletinState.PUBLISHED ? bulletin.revision() : bulletin.revision() + 1;
        BulletinPublished event = BulletinEvents.of(bulletin, revision, clock.instant(), bulletin.correction());
        Message message = renditions.of(event);
        return new Preview(message.subject(), message.html(), message.text(), message.sms(), message.json());
    }

    /**
     * What each channel would get.
     *
     * @param subject the email subject
     * @param html the email's HTML document
     * @param text the email's plain text
     * @param sms the SMS
     * @param json what a webhook receives as {@code data.content}
     */
    record Preview(String subject, String html, String text, String sms, String json) {}
}
