package org.schoolsafety.alert.alert;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.schoolsafety.alert.AlertNotFound;
import org.springframework.stereotype.Service;

/** Reading alerts: by id, the newest, the one a CAP message refers to, and the pre-approved templates. */
@Service
public class AlertQueries {

    private final AlertStore store;
    private final AlertSettings properties;

    AlertQueries(AlertStore store, AlertSettings properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The alert, or a 404 refusal. */
    public Alert get(String id) {
        return store.find(id).orElseThrow(() -> new AlertNotFound("No alert " + id + "."));
    }

    /** The newest alerts first. */
    public List<Alert> newest(int limit) {
        return store.newest(limit);
    }

    /** The alert a CAP message names in its {@code references}, if it is one of ours. */
    public Optional<Alert> referencedBy(List<String> identifiers) {
        for (String identifier : identifiers) {
            Optional<Alert> found = store.alertOfIdentifier(identifier).flatMap(store::find);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** An alert that has been issued (possibly since cancelled or expired); drafts are nobody's business here. */
    public Optional<Alert> findIssued(String id) {
        return store.find(id).filter(alert -> !alert.messages().isEmpty() && alert.published());
    }

    /** The pre-approved templates, by name. */
    Map<String, AlertTemplate> templates() {
        return properties.templates();
    }
}
