package org.schoolsafety.subscription.consent;

import java.time.Clock;
import java.time.Instant;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.subscription.directory.EndpointView;
import org.springframework.stereotype.Component;

/**
 * Verifying a webhook: a signed test delivery that must be answered with a 2xx, which delivery-service reports
 * as a success on {@code delivery-outcomes}.
 */
@Component
class WebhookVerification {

    private final EndpointView endpoints;
    private final RecipientChanges changes;
    private final Clock clock = Clock.systemUTC();

    WebhookVerification(EndpointView endpoints, RecipientChanges changes) {
        this.endpoints = endpoints;
        this.changes = changes;
    }

    /** The test delivery. */
    Message message(String organisation) {
        return new Message(
                "Verify this webhook endpoint",
                "Test delivery from the School Safety Alert Network for " + organisation
                        + ". Answer with any 2xx status to verify this endpoint; until then it receives nothing"
                        + " else.",
                null);
    }

    /** The webhook answered its test delivery with a 2xx: it is verified, unless it was removed since. */
    void answered(String endpointId) {
        endpoints
                .get(endpointId)
                .filter(e -> !e.removed() && !e.verified())
                .ifPresent(e -> changes.store(
                        "delivery-service", "endpoint.verified", e.withVerified(true, Instant.now(clock))));
    }
}
