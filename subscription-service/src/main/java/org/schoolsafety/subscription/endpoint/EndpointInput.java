package org.schoolsafety.subscription.endpoint;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.EndpointRole;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.subscription.Refusal;
import org.schoolsafety.subscription.directory.Severities;

/**
 * Reads an endpoint's settings as a caller writes them (names in any case, blank for "none"), refusing what is
 * not one of the known values with the field it came in. Addresses are {@link Addresses}' job.
 */
final class EndpointInput {

    private EndpointInput() {}

    static Channel channel(String name) {
        try {
            return Channel.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refusal.Invalid("channel", "channel is EMAIL, SMS or WEBHOOK.");
        }
    }

    static EndpointRole role(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return EndpointRole.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refusal.Invalid("role", "role is one of " + EnumSet.allOf(EndpointRole.class) + ".");
        }
    }

    static PayloadFormat format(Channel channel, String name) {
        if (channel != Channel.WEBHOOK) {
            if (name != null && !name.isBlank()) {
                throw new Refusal.Invalid("format", "Only webhooks have a payload format.");
            }
            return null;
        }
        if (name == null || name.isBlank()) {
            return PayloadFormat.JSON;
        }
        try {
            return PayloadFormat.valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Refusal.Invalid("format", "format is JSON or CAP_XML.");
        }
    }

    static List<Feed> feeds(List<String> names) {
        Set<Feed> feeds = new LinkedHashSet<>();
        for (String name : names) {
            Feed feed;
            try {
                feed = Feed.valueOf(name == null ? "" : name.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                feed = Feed.VERIFICATION;
            }
            if (feed == Feed.VERIFICATION) {
                throw new Refusal.Invalid("feeds", "feeds are URGENT_ALERTS, WEEKLY_BULLETIN and CYBER_ADVISORIES.");
            }
            feeds.add(feed);
        }
        return List.copyOf(feeds);
    }

    static String severity(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String lower = name.strip().toLowerCase(Locale.ROOT);
        if (!Severities.LOWEST_FIRST.contains(lower)) {
            throw new Refusal.Invalid("minCyberSeverity", "minCyberSeverity is low, medium, high or critical.");
        }
        return lower;
    }
}
