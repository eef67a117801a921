package org.schoolsafety.platform.kafka;

import java.util.LinkedHashMap;
import java.util.Map;

/** How many records one view skipped, and the last one: a health detail. */
final class ViewSkips {

    private final String topic;
    private long count;
    private Map<String, Object> last;

    ViewSkips(String topic) {
        this.topic = topic;
    }

    synchronized void skipped(String key, int partition, long offset, String reason) {
        count++;
        Map<String, Object> skipped = new LinkedHashMap<>();
        skipped.put("key", key);
        skipped.put("partition", partition);
        skipped.put("offset", offset);
        skipped.put("reason", reason);
        last = skipped;
    }

    synchronized Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("topic", topic);
        details.put("skipped", count);
        if (last != null) {
            details.put("lastSkipped", last);
        }
        return details;
    }
}
