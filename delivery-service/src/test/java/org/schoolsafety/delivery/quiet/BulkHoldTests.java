package org.schoolsafety.delivery.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.schoolsafety.events.delivery.DeliveryIds;
import org.schoolsafety.events.delivery.DeliveryRequested;
import org.schoolsafety.events.notification.Message;
import org.schoolsafety.events.vocabulary.Channel;
import org.schoolsafety.events.vocabulary.DeliveryWindow;
import org.schoolsafety.events.vocabulary.Feed;
import org.schoolsafety.events.vocabulary.Lane;

/** When a request may be delivered, read from a fixed instant: bulk waits for its window, urgent never does. */
class BulkHoldTests {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Nested
    class TheDefaultWindowSixToEightInChicago {

        @Test
        void aBulletinAtTenAtNightWaitsForSixNextMorning() {
            Instant now = chicago("2026-12-08T22:00");
            assertThat(BulkHold.dueAt(bulk(DeliveryWindow.DEFAULT), now)).isEqualTo(chicago("2026-12-09T06:00"));
        }

        @Test
        void aSecondBeforeOpeningItWaitsForTheOpening() {
            Instant now = chicago("2026-12-09T05:59:59");
            assertThat(BulkHold.dueAt(bulk(DeliveryWindow.DEFAULT), now)).isEqualTo(chicago("2026-12-09T06:00"));
        }

        @Test
        void atTheOpeningItGoesAtOnce() {
            Instant now = chicago("2026-12-09T06:00");
            assertThat(BulkHold.dueAt(bulk(DeliveryWindow.DEFAULT), now)).isEqualTo(now);
        }

        @Test
        void aMinuteBeforeTheCloseItGoesAndAtTheCloseItWaits() {
            assertThat(BulkHold.dueAt(bulk(DeliveryWindow.DEFAULT), chicago("2026-12-09T19:59")))
                    .isEqualTo(chicago("2026-12-09T19:59"));
            assertThat(BulkHold.dueAt(bulk(DeliveryWindow.DEFAULT), chicago("2026-12-09T20:00")))
                    .isEqualTo(chicago("2026-12-10T06:00"));
        }

        @Test
        void theNightTheClocksGoForwardItWaitsForSixDaylightTime() {
            Instant now = chicago("2026-03-07T22:00");
            assertThat(BulkHold.dueAt(bulk(DeliveryWindow.DEFAULT), now))
                    .isEqualTo(Instant.parse("2026-03-08T11:00:00Z"));
        }
    }

    @Test
    void anOvernightWindowIsOpenAcrossMidnightAndClosedByDay() {
        DeliveryWindow night = new DeliveryWindow(LocalTime.of(22, 0), LocalTime.of(4, 0), "America/Chicago");
        assertThat(BulkHold.dueAt(bulk(night), chicago("2026-12-08T23:30"))).isEqualTo(chicago("2026-12-08T23:30"));
        assertThat(BulkHold.dueAt(bulk(night), chicago("2026-12-09T03:59"))).isEqualTo(chicago("2026-12-09T03:59"));
        assertThat(BulkHold.dueAt(bulk(night), chicago("2026-12-09T04:00"))).isEqualTo(chicago("2026-12-09T22:00"));
        assertThat(BulkHold.dueAt(bulk(night), chicago("2026-12-09T12:00"))).isEqualTo(chicago("2026-12-09T22:00"));
    }

    @Test
    void theWindowIsReadInItsOwnZone() {
        Instant now = chicago("2026-12-08T22:00"); // 04:00 UTC, 05:00 in Berlin, 18:00 in Honolulu
        DeliveryWindow berlin = new DeliveryWindow(LocalTime.of(6, 0), LocalTime.of(20, 0), "Europe/Berlin");
        DeliveryWindow honolulu = new DeliveryWindow(LocalTime.of(6, 0), LocalTime.of(20, 0), "Pacific/Honolulu");
        assertThat(BulkHold.dueAt(bulk(berlin), now)).isEqualTo(Instant.parse("2026-12-09T05:00:00Z"));
        assertThat(BulkHold.dueAt(bulk(honolulu), now)).isEqualTo(now);
    }

    @Test
    void aWindowOpenAllDayNeverHolds() {
        DeliveryWindow always = new DeliveryWindow(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, "America/Chicago");
        Instant now = chicago("2026-12-08T03:00");
        assertThat(BulkHold.dueAt(bulk(always), now)).isEqualTo(now);
    }

    @Test
    void urgentRequestsAndRequestsWithoutAWindowAreNeverHeld() {
        Instant now = chicago("2026-12-08T22:00");
        assertThat(BulkHold.dueAt(request(Lane.URGENT, Feed.URGENT_ALERTS, DeliveryWindow.DEFAULT), now))
                .isEqualTo(now);
        assertThat(BulkHold.dueAt(bulk(null), now)).isEqualTo(now);
    }

    static Instant chicago(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), CHICAGO)
                .toInstant();
    }

    static DeliveryRequested bulk(DeliveryWindow window) {
        return request(Lane.BULK, Feed.WEEKLY_BULLETIN, window);
    }

    static DeliveryRequested request(Lane lane, Feed feed, DeliveryWindow window) {
        return new DeliveryRequested(
                DeliveryIds.of("n-1", "ep-1"),
                "n-1",
                "ep-1",
                "mo-district-columbia-93",
                Channel.EMAIL,
                "principal@district.example",
                lane,
                feed,
                new Message("Weekly update for {organisation}", "Hello {organisation}", "<p>Hello</p>"),
                Instant.parse("2026-12-08T00:00:00Z"),
                "Columbia Public Schools",
                window);
    }
}
