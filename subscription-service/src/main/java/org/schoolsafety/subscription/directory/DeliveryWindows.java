package org.schoolsafety.subscription.directory;

import java.util.Map;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.subscription.SubscriptionSettings;
import org.springframework.stereotype.Component;

/**
 * Which hours an organisation takes bulk messages in: its own delivery window, else its nearest ancestor's (a school
 * inherits its district's), else {@code ssn.subscription.delivery-window}.
 */
@Component
public class DeliveryWindows {

    private final DeliveryWindow defaultWindow;

    DeliveryWindows(SubscriptionSettings settings) {
        this.defaultWindow = settings.deliveryWindow().window();
    }

    /** The window in effect for {@code organisationId}, its ancestors looked up among {@code organisations}. */
    public DeliveryWindow of(String organisationId, Map<String, Organisation> organisations) {
        for (Organisation at : DirectoryView.chain(organisationId, organisations)) {
            if (at.deliveryWindow() != null) {
                return at.deliveryWindow();
            }
        }
        return defaultWindow;
    }
}
