package org.schoolsafety.delivery.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.Lane;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every setting of delivery-service, under {@code ssn.delivery}. A wrong one stops the service at start with a
 * message that names it.
 *
 * @param urgent how the urgent lane retries ({@code ssn.delivery.urgent.*})
 * @param bulk how the bulk lane retries ({@code ssn.delivery.bulk.*})
 * @param retryConsumers consumers of each retry topic and dead-letter topic of the channels that deliver
 *     concurrently (webhooks, email); they carry failures only. SMS's have as many as its lane
 * @param quietFetchMaxWait how long the broker may hold an empty fetch of a consumer that nothing waits on (the
 *     bulk lane, its retry topics, every dead-letter topic) instead of Kafka's 500 ms: nearly all of this service's
 *     consumers are idle nearly all the time, and each empty fetch wakes both sides
 * @param directoryWait how long a request for an endpoint the directory view has never had waits for the view to
 *     read what {@code directory} holds; then the attempt is retried
 * @param isolation one webhook endpoint's trouble kept its own ({@code ssn.delivery.isolation.*})
 * @param webhooks webhook deliveries ({@code ssn.delivery.webhooks.*})
 * @param email email deliveries ({@code ssn.delivery.email.*})
 * @param sms SMS deliveries ({@code ssn.delivery.sms.*})
 * @param quietHours bulk requests held while their organisation's delivery window is closed
 *     ({@code ssn.delivery.quiet-hours.*})
 */
@Validated
@ConfigurationProperties("ssn.delivery")
public record DeliverySettings(
        @Valid @DefaultValue UrgentLane urgent,
        @Valid @DefaultValue BulkLane bulk,
        @Positive @DefaultValue("1") int retryConsumers,
        @DefaultValue("5s") Duration quietFetchMaxWait,
        @DefaultValue("5s") Duration directoryWait,
        @Valid @DefaultValue Isolation isolation,
        @Valid @DefaultValue WebhookSettings webhooks,
        @Valid @DefaultValue EmailSettings email,
        @Valid @DefaultValue SmsSettings sms,
        @Valid @DefaultValue QuietHours quietHours) {

    public DeliverySettings {
        SettingChecks.positive("ssn.delivery.quiet-fetch-max-wait", quietFetchMaxWait);
        SettingChecks.positive("ssn.delivery.directory-wait", directoryWait);
    }

    /** The retry policy of a lane. */
    public LanePolicy lane(Lane lane) {
        return switch (lane) {
            case URGENT -> urgent;
            case BULK -> bulk;
        };
    }

    /** The listener settings of a channel. */
    public ChannelListeners listeners(Channel channel) {
        return switch (channel) {
            case WEBHOOK -> webhooks;
            case EMAIL -> email;
            case SMS -> sms;
        };
    }
}
