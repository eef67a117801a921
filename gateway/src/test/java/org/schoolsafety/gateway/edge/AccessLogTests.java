package org.schoolsafety.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The access log: requests do not wait for a stalled output; no line is lost or reordered, closing included. */
class AccessLogTests {

    private static final Duration LIMIT = Duration.ofSeconds(10);

    private final Logger logger = (Logger) LoggerFactory.getLogger(AccessLog.class);
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final CountDownLatch outputFree = new CountDownLatch(1);
    private final CountDownLatch outputEntered = new CountDownLatch(1);

    /** An output that hangs, as a write to a stalled disk does, until {@link #outputFree} is counted down. */
    private final AppenderBase<ILoggingEvent> stalled = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent event) {
            outputEntered.countDown();
            try {
                outputFree.await(LIMIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(event.getFormattedMessage());
        }
    };

    @BeforeEach
    void listen() {
        stalled.start();
        logger.addAppender(stalled);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(stalled);
    }

    private static void request(AccessLog log, int n) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/alerts/" + n));
        log.filter(exchange, answered -> {
                    answered.getResponse().setStatusCode(HttpStatus.OK);
                    return answered.getResponse().setComplete();
                })
                .block();
    }

    @Test
    void requestsDoNotWaitForAStalledOutputAndTheLinesFollowInOrderOnceItMovesAgain() throws Exception {
        AccessLog log = new AccessLog();
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                request(log, 0);
                assertThat(outputEntered.await(LIMIT.toSeconds(), TimeUnit.SECONDS))
                        .isTrue();
                // the output hangs in its first line; 99 more requests are answered regardless
                IntStream.range(1, 100).forEach(n -> request(log, n));
            });
            assertThat(written).isEmpty();
            outputFree.countDown();
        } finally {
            log.close();
        }
        assertThat(written).hasSize(100);
        for (int n = 0; n < 100; n++) {
            assertThat(written.get(n)).matches("GET /api/alerts/" + n + " 200 [0-9]+ms client=-");
        }
    }

    @Test
    void closingWritesWhatIsStillWaitingAndLaterLinesAreWrittenDirectly() {
        outputFree.countDown();
        AccessLog log = new AccessLog();
        IntStream.range(0, 50).forEach(n -> request(log, n));

        log.close();
        assertThat(written).hasSize(50);

        request(log, 50);
        assertThat(written).hasSize(51).last().asString().startsWith("GET /api/alerts/50 200");
    }
}
