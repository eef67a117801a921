package org.schoolsafety.bulletin.rendition;

import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.events.bulletin.BulletinPublished;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.platform.security.LinkProperties;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The notification's message for one bulletin revision: email subject, HTML and text, a one-line SMS with the
 * archive link, and for webhooks the revision's event JSON with {@code archiveUrl} (no organisation placeholder
 * there: a webhook receives data, not a greeting).
 */
@Component
public class BulletinRenditions {

    /** One GSM-7 segment; the title is shortened so that title and link fit where they can. */
    static final int SMS_LIMIT = 160;

    private final LinkProperties links;
    private final JsonMapper json;
    private final EmailRendition email;

    BulletinRenditions(LinkProperties links, JsonMapper json, BulletinSettings settings) {
        this.links = links;
        this.json = json;
        this.email = new EmailRendition(settings.zone());
    }

    public Message of(BulletinPublished bulletin) {
        String archive = archiveUrl(bulletin.bulletinId());
        return new Message(
                subject(bulletin),
                email.text(bulletin, archive),
                email.html(bulletin, archive),
                null,
                sms(bulletin, archive),
                webhookJson(bulletin, archive));
    }

    /** Where the public archive shows the bulletin. */
    public String archiveUrl(String bulletinId) {
        return links.link("/feeds/bulletins/" + bulletinId);
    }

    static String subject(BulletinPublished bulletin) {
        return bulletin.correction() == null ? bulletin.title() : "Correction: " + bulletin.title();
    }

    static String sms(BulletinPublished bulletin, String archiveUrl) {
        String lead = gsm(subject(bulletin));
        int room = SMS_LIMIT - archiveUrl.length() - 1;
        if (lead.length() > room && room > 10) {
            lead = lead.substring(0, room - 3).strip() + "...";
        }
        return lead + " " + archiveUrl;
    }

    /**
     * Typographic quotes, dashes and ellipses as their GSM-7 look-alikes: one such character outside GSM-7 would
     * send the whole SMS as UCS-2, 70 characters a segment instead of 160.
     */
    static String gsm(String text) {
        return text.replace('\u2018', '\'')
                .replace('\u2019', '\'')
                .replace('\u201C', '"')
                .replace('\u201D', '"')
                .replace('\u2013', '-')
                .replace('\u2014', '-')
                .replace('\u00A0', ' ')
                .replace("\u2026", "...");
    }

    private String webhookJson(BulletinPublished bulletin, String archiveUrl) {
        ObjectNode node = json.valueToTree(bulletin);
        node.put("archiveUrl", archiveUrl);
        return json.writeValueAsString(node);
    }
}
