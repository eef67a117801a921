package org.schoolsafety.delivery.settings;

import org.schoolsafety.events.vocabulary.Lane;

/** What every channel's settings hold for its listeners: whether they run, and how many consumers per lane. */
public sealed interface ChannelListeners permits WebhookSettings, EmailSettings, SmsSettings {

    /** {@code false} leaves the channel's requests on the lanes (and its retry and dead-letter topics unread). */
    boolean enabled();

    int urgentConsumers();

    int bulkConsumers();

    /** The consumers of the lane's own topic. */
    default int consumers(Lane lane) {
        return switch (lane) {
            case URGENT -> urgentConsumers();
            case BULK -> bulkConsumers();
        };
    }
}
