package org.schoolsafety.subscription.endpoint;

import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.events.directory.PayloadFormat;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.EndpointRole;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.OrganisationKind;
import org.schoolsafety.platform.text.Text;
import org.schoolsafety.subscription.consent.VerificationStates;

/** The JSON the endpoint API reads ({@link NewEndpoint}, {@link EndpointSettings}, {@link Rotation}) and answers. */
final class EndpointPayloads {

    private EndpointPayloads() {}

    /**
     * An endpoint as its organisation sees it: no secrets, only how many are signing and since when; and where its
     * verification stands ({@code SENT}, {@code FAILED} with the last error, or {@code VERIFIED}).
     */
    record EndpointResource(
            String id,
            String organisationId,
            Channel channel,
            String address,
            EndpointRole role,
            PayloadFormat format,
            List<Feed> feeds,
            boolean drills,
            String minCyberSeverity,
            boolean verified,
            boolean suppressed,
            int signingSecrets,
            VerificationStates.Verification verification,
            Instant changedAt) {

        static EndpointResource of(EndpointChanged e, VerificationStates.Verification verification) {
            return new EndpointResource(
                    e.endpointId(),
                    e.organisationId(),
                    e.channel(),
                    e.address(),
                    e.role(),
                    e.format(),
                    e.feeds(),
                    e.drills(),
                    e.minCyberSeverity(),
                    e.verified(),
                    e.suppressed(),
                    e.secrets().size(),
                    verification,
                    e.changedAt());
        }
    }

    /**
     * A new endpoint or secret; {@code secret} is present for webhooks and shown only in this response.
     * {@code verificationSent} says whether the endpoint's verification (email link, SMS asking for YES, webhook
     * test delivery) is on its way.
     */
    record Created(EndpointResource endpoint, String secret, boolean verificationSent) {}

    record VerificationSent(boolean verificationSent) {}

    /**
     * The endpoints of one organisation, and whether urgent alerts reach it: at least one verified endpoint
     * subscribed to them. An organisation without one is flagged.
     */
    record OrganisationEndpoints(
            String organisationId, boolean urgentAlertsCovered, List<EndpointResource> endpoints) {}

    /** An organisation that urgent alerts would not reach. */
    record Uncovered(String id, OrganisationKind kind, String name, String parentId) {}

    /** The districts, schools and agencies at or below an organisation without a verified urgent-alert endpoint. */
    record UncoveredList(String organisationId, int count, List<Uncovered> organisations, boolean more) {}

    /** A new email address, phone number or webhook URL of an organisation, with what it receives. */
    record NewEndpoint(
            @Text(max = 20) String channel,
            @Text(max = ADDRESS_MAX) String address,
            @Text(max = 40) String role,
            @Text(max = 40) String format,
            @Size(max = 20) List<@Text(max = 40) String> feeds,
            Boolean drills,
            @Text(max = 20) String minCyberSeverity) {}

    /** New settings of an endpoint; what is left out stays. */
    record EndpointSettings(
            @Text(max = ADDRESS_MAX) String address,
            @Text(max = 40) String role,
            @Text(max = 40) String format,
            @Size(max = 20) List<@Text(max = 40) String> feeds,
            Boolean drills,
            @Text(max = 20) String minCyberSeverity) {}

    /** The longest address: a webhook URL (an email address is at most 254, a phone number 16). */
    static final int ADDRESS_MAX = 2048;

    record Rotation(Integer overlapHours) {}
}
