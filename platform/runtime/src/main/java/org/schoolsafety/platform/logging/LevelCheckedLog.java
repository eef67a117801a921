package org.schoolsafety.platform.logging;

import org.apache.commons.logging.Log;
import org.slf4j.Logger;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.spi.LocationAwareLogger;

/**
 * One Commons Logging {@link Log} over an SLF4J logger: the level is checked before the message becomes text. Lines
 * carry the {@code COMMONS-LOGGING} marker and the caller's location, as through Commons Logging's own adapter.
 */
final class LevelCheckedLog implements Log {

    private static final String FQCN = LevelCheckedLog.class.getName();
    private static final Marker MARKER = MarkerFactory.getMarker("COMMONS-LOGGING");
    private static final Object[] NO_ARGUMENTS = {};

    private final Logger logger;

    LevelCheckedLog(Logger logger) {
        this.logger = logger;
    }

    @Override
    public boolean isTraceEnabled() {
        return logger.isTraceEnabled(MARKER);
    }

    @Override
    public boolean isDebugEnabled() {
        return logger.isDebugEnabled(MARKER);
    }

    @Override
    public boolean isInfoEnabled() {
        return logger.isInfoEnabled(MARKER);
    }

    @Override
    public boolean isWarnEnabled() {
        return logger.isWarnEnabled(MARKER);
    }

    @Override
    public boolean isErrorEnabled() {
        return logger.isErrorEnabled(MARKER);
    }

    @Override
    public boolean isFatalEnabled() {
        return logger.isErrorEnabled(MARKER);
    }

    @Override
    public void trace(Object message) {
        trace(message, null);
    }

    @Override
    public void trace(Object message, Throwable t) {
        if (isTraceEnabled()) {
            log(LocationAwareLogger.TRACE_INT, message, t);
        }
    }

    @Override
    public void debug(Object message) {
        debug(message, null);
    }

    @Override
    public void debug(Object message, Throwable t) {
        if (isDebugEnabled()) {
            log(LocationAwareLogger.DEBUG_INT, message, t);
        }
    }

    @Override
    public void info(Object message) {
        info(message, null);
    }

    @Override
    public void info(Object message, Throwable t) {
        if (isInfoEnabled()) {
            log(LocationAwareLogger.INFO_INT, message, t);
        }
    }

    @Override
    public void warn(Object message) {
        warn(message, null);
    }

    @Override
    public void warn(Object message, Throwable t) {
        if (isWarnEnabled()) {
            log(LocationAwareLogger.WARN_INT, message, t);
        }
    }

    @Override
    public void error(Object message) {
        error(message, null);
    }

    @Override
    public void error(Object message, Throwable t) {
        if (isErrorEnabled()) {
            log(LocationAwareLogger.ERROR_INT, message, t);
        }
    }

    @Override
    public void fatal(Object message) {
        error(message, null);
    }

    @Override
    public void fatal(Object message, Throwable t) {
        error(message, t);
    }

    private void log(int level, Object message, Throwable t) {
        String text = String.valueOf(message);
        if (logger instanceof LocationAwareLogger located) {
            located.log(MARKER, FQCN, level, text, NO_ARGUMENTS, t);
            return;
        }
        switch (level) {
            case LocationAwareLogger.TRACE_INT -> logger.trace(MARKER, text, t);
            case LocationAwareLogger.DEBUG_INT -> logger.debug(MARKER, text, t);
            case LocationAwareLogger.INFO_INT -> logger.info(MARKER, text, t);
            case LocationAwareLogger.WARN_INT -> logger.warn(MARKER, text, t);
            default -> logger.error(MARKER, text, t);
        }
    }
}
