package org.schoolsafety.platform.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Spring's logging (Commons Logging, its own SLF4J adapter) reaches Logback at the right levels, with caller and throwable. */
class CommonsLoggingTests {

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

    /** A message that becomes text when logged, as Spring's lazy {@code LogMessage}. */
    private static final class LazyMessage {
        @Override
        public String toString() {
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
    void aLineBelowTheLevelIsNotLogged() {
        Log log = LogFactory.getLog(NAME);
        LazyMessage message = new LazyMessage();
        log.trace(message);
        log.debug(message);
        log.debug(message, new IllegalStateException("not logged"));
        assertThat(lines.list).isEmpty();
        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(log.isInfoEnabled()).isTrue();
    }

    @Test
    void aMessageAtAnEnabledLevelIsLoggedOnceWithItsCallerAndThrowable() {
        Log log = LogFactory.getLog(NAME);
        LazyMessage message = new LazyMessage();
        IllegalStateException failure = new IllegalStateException("boom");
        log.info(message);
        log.warn(message, failure);
        log.fatal(message);
        logback.setLevel(Level.DEBUG);
        log.debug(message);

        assertThat(lines.list)
                .extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.INFO, Level.WARN, Level.ERROR, Level.DEBUG);
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage).containsOnly("formatted");
        assertThat(lines.list.get(1).getThrowableProxy().getMessage()).isEqualTo("boom");
        assertThat(lines.list.get(0).getMarkerList())
                .extracting(Object::toString)
                .containsExactly("COMMONS-LOGGING");
        // the line's location is the code that logged, not the adapter
        assertThat(lines.list.get(0).getCallerData()[0].getClassName())
                .isEqualTo(getClass().getName());
    }
}
