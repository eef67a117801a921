package org.schoolsafety.bulletin.assembly;

import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.schoolsafety.events.Topics;
import org.schoolsafety.events.advisory.AdvisoryPublished;
import org.schoolsafety.events.vocabulary.Tlp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each published cyber advisory a bulletin may carry. A bulletin is CLEAR or GREEN, so AMBER, AMBER+STRICT
 * and RED advisories are dropped here, before anything of them is stored.
 */
@Component
class AdvisoryListener {

    static final String GROUP = "bulletin-service-assembly";
    static final Set<Tlp> LISTABLE = Set.of(Tlp.CLEAR, Tlp.GREEN);
    private static final Logger log = LoggerFactory.getLogger(AdvisoryListener.class);

    private final AdvisoryStore store;

    AdvisoryListener(AdvisoryStore store) {
        this.store = store;
    }

    @KafkaListener(id = GROUP, groupId = GROUP, topics = Topics.Names.CYBER_ADVISORIES)
    void on(ConsumerRecord<String, Object> record) {
        if (!(record.value() instanceof AdvisoryPublished advisory)) {
            return;
        }
        if (!LISTABLE.contains(advisory.tlp())) {
            log.debug("advisory {} is TLP:{}; never in a bulletin", advisory.advisoryId(), advisory.tlp());
            return;
        }
        store.keep(advisory);
    }
}
