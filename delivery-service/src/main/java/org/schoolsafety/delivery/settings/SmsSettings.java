package org.schoolsafety.delivery.settings;

import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * SMS deliveries through a Twilio-compatible messages API, under {@code ssn.delivery.sms}. Without a
 * {@code base-url} the service still starts and every SMS attempt fails as worth retrying ("no SMS provider
 * configured"); with one, the account, the token and a sender must be set too, or the service does not start.
 *
 * @param enabled {@code false} leaves SMS requests on the lanes
 * @param urgentConsumers consumers of {@code delivery-requests-urgent} (and of each of its SMS retry topics)
 * @param bulkConsumers consumers of {@code delivery-requests-bulk} (and of each of its SMS retry topics)
 * @param baseUrl the API's base, e.g. {@code https://api.twilio.com}; {@code null}: no provider
 * @param accountSid the account ({@code AC...}), in the path and the user of HTTP Basic authentication
 * @param authToken the account's secret: the Basic password and the key of callback signatures. Never logged
 * @param from the sender number (E.164), or {@code null} when {@code messagingServiceSid} is set
 * @param messagingServiceSid a messaging service ({@code MG...}) that picks the sender; wins over {@code from}
 * @param callbackBaseUrl where the provider reaches our {@code /public/sms/...} callbacks, and the URL its
 *     signatures are computed over; {@code null}: {@code ssn.links.base-url}
 * @param maxSegments a longer message is cut to this many segments (it still goes out); 1 to 10
 * @param messagesPerSecond the provider's rate for the whole platform, shared by every instance through Redis
 * @param bulkShare the share (percent) of each second's rate that bulk messages may take, at least one message; the
 *     rest is left to urgent alerts, which may take the whole rate. Bulk takes none while an urgent message waits
 *     for the rate
 * @param maxRateWait how long an attempt waits for the rate at most before it is retried later instead
 * @param connectTimeout how long to wait for a connection to the provider (at most 15 s)
 * @param totalTimeout how long a call may take in all; then it is abandoned and retried (at most 15 s: a stuck call
 *     holds an alert)
 * @param rememberMessages how long a message id is mapped back to its delivery for status callbacks
 */
public record SmsSettings(
        @DefaultValue("true") boolean enabled,
        @Positive @DefaultValue("2") int urgentConsumers,
        @Positive @DefaultValue("2") int bulkConsumers,
        URI baseUrl,
        String accountSid,
        String authToken,
        String from,
        String messagingServiceSid,
        URI callbackBaseUrl,
        @DefaultValue("4") int maxSegments,
        @DefaultValue("10") int messagesPerSecond,
        @DefaultValue("80") int bulkShare,
        @DefaultValue("2s") Duration maxRateWait,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration totalTimeout,
        @DefaultValue("7d") Duration rememberMessages)
        implements ChannelListeners {

    static final Duration MAX_TIMEOUT = Duration.ofSeconds(15);

    public SmsSettings {
        SettingChecks.httpUrl("ssn.delivery.sms.base-url", baseUrl);
        SettingChecks.httpUrl("ssn.delivery.sms.callback-base-url", callbackBaseUrl);
        if (baseUrl != null) {
            if (blank(accountSid) || blank(authToken)) {
                throw new IllegalArgumentException("ssn.delivery.sms.base-url is set: set ssn.delivery.sms.account-sid"
                        + " and ssn.delivery.sms.auth-token too (or unset the base URL to run without SMS)");
            }
            if (blank(from) && blank(messagingServiceSid)) {
                throw new IllegalArgumentException("ssn.delivery.sms.base-url is set: set ssn.delivery.sms.from or"
                        + " ssn.delivery.sms.messaging-service-sid");
            }
        }
        if (maxSegments < 1 || maxSegments > 10) {
            throw new IllegalArgumentException("ssn.delivery.sms.max-segments is between 1 and 10, not " + maxSegments);
        }
        if (messagesPerSecond < 1) {
            throw new IllegalArgumentException(
                    "ssn.delivery.sms.messages-per-second is at least 1, not " + messagesPerSecond);
        }
        if (bulkShare < 1 || bulkShare > 100) {
            throw new IllegalArgumentException(
                    "ssn.delivery.sms.bulk-share is a percentage from 1 to 100, not " + bulkShare);
        }
        SettingChecks.positive("ssn.delivery.sms.connect-timeout", connectTimeout);
        SettingChecks.positive("ssn.delivery.sms.total-timeout", totalTimeout);
        if (connectTimeout.compareTo(MAX_TIMEOUT) > 0 || totalTimeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("ssn.delivery.sms.connect-timeout and ssn.delivery.sms.total-timeout"
                    + " are at most 15 s: a stuck call holds an alert");
        }
        SettingChecks.notNegative("ssn.delivery.sms.max-rate-wait", maxRateWait);
        SettingChecks.positive("ssn.delivery.sms.remember-messages", rememberMessages);
    }

    /** The messages per second bulk may take: its share of the rate, at least one. */
    public int bulkMessagesPerSecond() {
        return Math.max(1, messagesPerSecond * bulkShare / 100);
    }

    /** A provider is configured. */
    public boolean configured() {
        return baseUrl != null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** Keeps the auth token and the sender out of logs and actuator output. */
    @Override
    public String toString() {
        return "SmsSettings[enabled=" + enabled + ", baseUrl=" + baseUrl + ", accountSid=" + accountSid
                + ", authToken=" + (blank(authToken) ? "(none)" : "(set)") + ", maxSegments=" + maxSegments
                + ", messagesPerSecond=" + messagesPerSecond + "]";
    }
}
