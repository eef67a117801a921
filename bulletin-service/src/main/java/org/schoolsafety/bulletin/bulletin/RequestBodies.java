package org.schoolsafety.bulletin.bulletin;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.schoolsafety.bulletin.BulletinRefusal;
import org.schoolsafety.bulletin.BulletinSettings;
import org.schoolsafety.platform.web.JsonFields;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body of at most {@code ssn.bulletin.authoring.max-bulletin-size} and its JSON. The servlet
 * container sets no limit on a JSON body, so the service reads no more than it takes and answers a 413 for more,
 * without holding the rest in memory. Also the {@code If-Match} versions of changes.
 */
@Component
public class RequestBodies {

    private final BulletinSettings settings;
    private final JsonMapper json;

    RequestBodies(BulletinSettings settings, JsonMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** The body as JSON, or a 413 when it is larger than a bulletin may be, or a 400 when it is no JSON object. */
    public JsonNode read(HttpServletRequest request) {
        long max = settings.authoring().maxBulletinSize().toBytes();
        if (request.getContentLengthLong() > max) {
            throw tooLarge(max);
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8L, max + 1));
        } catch (IOException e) {
            throw new BulletinRefusal.Rejected(null, "The body could not be read.");
        }
        if (body.length > max) {
            throw tooLarge(max);
        }
        try {
            JsonNode node = json.readTree(new String(body, StandardCharsets.UTF_8));
            if (node == null || !node.isObject()) {
                throw new BulletinRefusal.Rejected(null, "The body must be a JSON object.");
            }
            return node;
        } catch (JacksonException e) {
            throw JsonFields.unreadable(e);
        }
    }

    /** The node as {@code type}, or a 400 naming the field of the wrong type. */
    public <T> T as(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (JacksonException e) {
            throw JsonFields.unreadable(e);
        }
    }

    /** The version an {@code If-Match} header names: 428 without one, 412 for one that names no version. */
    public static long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new BulletinRefusal.VersionRequired(
                    "A change needs If-Match with the bulletin's ETag, so it cannot overwrite someone else's.");
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        tag = tag.replace("\"", "");
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw new BulletinRefusal.Stale("If-Match names no version of this bulletin; reload it for its ETag.");
        }
    }

    /** The ETag of a version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    private static BulletinRefusal tooLarge(long max) {
        return new BulletinRefusal.TooLarge(
                null, "A bulletin is at most " + max + " bytes of JSON; shorten it or split it in two.");
    }
}
