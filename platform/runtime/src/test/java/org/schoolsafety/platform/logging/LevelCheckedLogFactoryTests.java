package org.schoolsafety.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Spring's logging (Commons Logging) formats a message only at an enabled level, and still reaches Logback. */
class LevelCheckedLogFactoryTests {

    private static final String NAME = "org.schoolsafety.platform.logging.sample";

    private final Logger logback = (Logger) LoggerFactory.getLogger(NAME);
    private final Lines lines = new Lines();

    /** Keeps each line, with its caller taken while it is being logged (Logback finds it from the stack then). */
    private static final class Lines extends AppenderBase<ILoggingEvent> {
        final List<ILoggingEvent> list = new ArrayList<>();
        final List<String> callers = new ArrayList<>();

        @Override
        protected void append(ILoggingEvent event) {
            StackTraceElement[] caller = event.getCallerData();
            callers.add(caller.length == 0 ? "none" : caller[0].getClassName());
            list.add(event);
        }
    }

    /** A message that counts how often it was turned into text, as Spring's lazy {@code LogMessage}. */
    private static final class CountingMessage {
        final AtomicInteger formatted = new AtomicInteger();

        @Override
        public String toString() {
            formatted.incrementAndGet();
            return "formatted";
        }
    }

    @BeforeEach
    void listen() {
        lines.start();
        logback.addAppender(lines);
        logback.setLevel(Level.INFO);
    }

    @AfterEach
    void stopListening() {
        logback.detachAppender(lines);
        logback.setLevel(null);
    }

    @Test
    void commonsLoggingFindsThisFactory() {
        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckedLogFactory.class);
        assertThat(LogFactory.getLog(NAME)).isInstanceOf(LevelCheckedLog.class);
    }

    @Test
    void aMessageBelowTheLevelIsNeverFormatted() {
        Log log = LogFactory.getLog(NAME);
        CountingMessage message = new CountingMessage();
        log.trace(message);
        log.debug(message);
        log.debug(message, new IllegalStateException("not logged"));
        assertThat(message.formatted).hasValue(0);
        assertThat(lines.list).isEmpty();
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isInfoEnabled()).isTrue();
    }

    @Test
    void aMessageAtAnEnabledLevelIsLoggedOnceWithItsCallerAndThrowable() {
        Log log = LogFactory.getLog(NAME);
        CountingMessage message = new CountingMessage();
        IllegalStateException failure = new IllegalStateException("boom");
        log.info(message);
        log.warn(message, failure);
        log.fatal(message);
        logback.setLevel(Level.DEBUG);
        log.debug(message);

        assertThat(message.formatted).hasValue(4);
        assertThat(lines.list)
                .extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsOnly("formatted");
        assertThat(lines.list.get(1).getThrowableProxy().getMessage()).isEqualTo("boom");
        assertThat(lines.list.get(0).getMarkerList())
                .extracting(Object::toString)
                .containsExactly("COMMONS-LOGGING");
        // the line's location is the code that logged, not this adapter
        assertThat(lines.list.get(0).getCallerData()[0].getClassName())
                .isEqualTo(getClass().getName());
    }
}
