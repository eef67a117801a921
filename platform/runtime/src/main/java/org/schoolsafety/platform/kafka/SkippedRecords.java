package org.schoolsafety.platform.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Where a {@link TopicView} puts a record it cannot apply (unreadable, or refused for good by the view's store)
 * instead of stopping on it: onto {@code <topic>-dlt}, counted in {@value #METRIC} (tags {@code topic},
 * {@code view}), logged at {@code ERROR} with the key and position but never the contents, which may hold
 * personal data, and kept for the {@code topicViews} health details.
 *
 * <p>A record is recorded once per view and process: a view restarted in the same process replays the compacted
 * topic and meets the same record again.
 */
public class SkippedRecords {

    /** The counter of skipped records. */
    public static final String METRIC = "ssn.view.skipped";

    /** Dead-letter header: the view ({@link TopicView} client id) that skipped the record. */
    public static final String VIEW_HEADER = "ssn_view_skipped_by";

    /** Dead-letter header: why, as the exception types, outermost first. */
    public static final String REASON_HEADER = "ssn_view_skip_reason";

    private static final Logger log = LoggerFactory.getLogger(SkippedRecords.class);

    private final ViewDeadLetters deadLetters;
    private final MeterRegistry meters;
    private final Map<String, ViewSkips> views = new ConcurrentHashMap<>();
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public SkippedRecords(KafkaTemplate<String, Object> template, MeterRegistry meters) {
        this.deadLetters = new ViewDeadLetters(template);
        this.meters = meters;
    }

    /** Makes a view known before it skips anything, so that its health detail and counter show zero. */
    public void register(String view, String topic) {
        views.computeIfAbsent(view, name -> new ViewSkips(topic));
        counter(view, topic);
    }

    /** Records that {@code view} skipped {@code record} because of {@code failure}. */
    public void skipped(String view, ConsumerRecord<String, Object> record, Throwable failure) {
        if (!seen.add(view + " " + record.topic() + "-" + record.partition() + "@" + record.offset())) {
            return;
        }
        String reason = ViewFailures.describe(failure);
        log.error(
                "view {} skipped the record with key {} at {}-{}@{}; it is on {}-dlt: {}",
                view,
                record.key(),
                record.topic(),
                record.partition(),
                record.offset(),
                record.topic(),
                reason);
        counter(view, record.topic()).increment();
        views.computeIfAbsent(view, name -> new ViewSkips(record.topic()))
                .skipped(record.key(), record.partition(), record.offset(), reason);
        deadLetters.write(view, record, failure);
    }

    /** What each view skipped, by view name: the health details. */
    public Map<String, Map<String, Object>> details() {
        Map<String, Map<String, Object>> details = new TreeMap<>();
        views.forEach((view, skips) -> details.put(view, skips.details()));
        return details;
    }

    private Counter counter(String view, String topic) {
        return Counter.builder(METRIC)
                .description("records a topic view could not apply and skipped (see <topic>-dlt)")
                .tag("topic", topic)
                .tag("view", view)
                .register(meters);
    }
}
