package org.schoolsafety.subscription.consent;

import java.util.Set;
import org.schoolsafety.events.directory.EndpointChanged;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.subscription.directory.DirectoryView;
import org.schoolsafety.subscription.directory.EndpointView;
import org.schoolsafety.subscription.directory.Organisation;
import org.schoolsafety.subscription.store.DirectoryTopic;
import org.springframework.stereotype.Component;

/**
 * Changes the platform makes to an endpoint on its recipient's behalf (a confirmed link, an SMS keyword, a left
 * feed, what delivery-service found): stored on the {@code directory} topic, applied to the view, and audited
 * under the actor that stands for the recipient.
 */
@Component
class RecipientChanges {

    private final EndpointView endpoints;
    private final DirectoryView directory;
    private final DirectoryTopic topic;
    private final VerificationStates states;

    RecipientChanges(EndpointView endpoints, DirectoryView directory, DirectoryTopic topic, VerificationStates states) {
        this.endpoints = endpoints;
        this.directory = directory;
        this.topic = topic;
        this.states = states;
    }

    /** Stores a change the platform made on a recipient's behalf, audited under {@code actor}. */
    void store(String actor, String action, EndpointChanged changed) {
        endpoints.apply(changed, topic.append(changed.endpointId(), changed));
        if (changed.verified()) {
            VerificationStates.bestEffort(() -> states.forget(changed.endpointId()), changed);
        }
        topic.audit(new Caller(actor, "", Set.of()), action, changed.endpointId(), changed.changedAt());
    }

    /** The organisation's name for a recipient's message or page; its id when the directory lacks it. */
    String organisationName(String organisationId) {
        return directory.get(organisationId).map(Organisation::name).orElse(organisationId);
    }
}
