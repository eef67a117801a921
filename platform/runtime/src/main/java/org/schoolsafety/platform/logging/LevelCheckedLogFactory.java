package org.schoolsafety.platform.logging;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.LoggerFactory;

/**
 * Commons Logging over SLF4J, as Commons Logging's own {@code Slf4jLogFactory}, except that a message is turned
 * into text only when its level is enabled.
 *
 * <p>Why hand-written: Commons Logging's SLF4J adapter formats every message, even at a disabled level
 * (spring-projects/spring-framework#37266), and Spring Security's path matchers log a debug line per request.
 *
 * <p>Spring Framework 7 logs through Apache Commons Logging (no longer spring-jcl), whose SLF4J adapter calls
 * {@code String.valueOf(message)} before SLF4J looks at the level. Spring Security passes lazy {@code LogMessage}s
 * that format themselves in {@code toString}, expecting them to be dropped unformatted at a disabled level.
 * Commons Logging finds this factory through {@code META-INF/services/org.apache.commons.logging.LogFactory} in
 * this module, in every service. Its cost without it: docs/performance.md.
 */
public final class LevelCheckedLogFactory extends LogFactory {

    private final ConcurrentMap<String, Log> logs = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Object> attributes = new ConcurrentHashMap<>();

    @Override
    public Log getInstance(String name) {
        return logs.computeIfAbsent(name, key -> new LevelCheckedLog(LoggerFactory.getLogger(key)));
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Log getInstance(Class clazz) {
        return getInstance(clazz.getName());
    }

    @Override
    public Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public String[] getAttributeNames() {
        return attributes.keySet().toArray(String[]::new);
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public void setAttribute(String name, Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void release() {
        logs.clear();
    }
}
