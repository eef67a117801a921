package org.schoolsafety.alert.cap;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** CAP messages built in code for the tests: one with every field, and what a corpus sample must read as. */
final class Messages {

    static final OffsetDateTime SENT = OffsetDateTime.of(2024, 3, 1, 8, 5, 9, 0, ZoneOffset.ofHours(-6));

    private Messages() {}

    /** Every field set, and text that needs escaping: markup, a CDATA end, quotes, CR, tab, non-ASCII, an emoji. */
    static CapMessage everyField() {
        String awkward = "Lockdown <now> & \"stay\" 'inside' ]]> Aula 3 — élèves, 学生 \uD83D\uDEA8\r\nline\ttwo";
        var area = new CapArea(
                "Lincoln High School & annex <north>",
                List.of("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.47,-120.14"),
                List.of("38.5,-120.0 0.5"),
                List.of(new CapValue("SAME", "029095"), new CapValue("UGC", "MOZ045")),
                "120.5",
                "3000");
        var info = new CapInfo(
                "en-US",
                List.of("Safety", "Security"),
                "Lockdown",
                List.of("Shelter", "Avoid"),
                "Immediate",
                "Extreme",
                "Observed",
                "staff & students",
                List.of(new CapValue("SAME", "LAE")),
                SENT,
                SENT.plusMinutes(1),
                SENT.plusHours(2),
                "Lincoln High <Front Office>",
                awkward,
                awkward,
                "Lock doors, lights off, stay away from windows & doors.",
                "https://alerts.district.example/a/1?x=1&y=2",
                "Front office: +1 555 0100",
                List.of(new CapValue("WEAHandling", "Imminent Threat"), new CapValue("note", "a ]]> b")),
                List.of(area));
        return new CapMessage(
                "SSAN-2024-0001",
                "alerts@district.example",
                SENT,
                "Exercise",
                "Update",
                "School Safety Alert Network",
                "Restricted",
                "staff only & officers",
                "group:staff group:\"officers\"",
                List.of("profile:SSAN:1.0", "IPAWSv1.0"),
                "drill <B>",
                "alerts@district.example,SSAN-2024-0000,2024-03-01T07:55:00-06:00",
                "INC-1 INC-2",
                List.of(info, info));
    }

    /** {@code oasis-spec-examples/Oasis_ThunderstormWarning.xml}, field for field. */
    static CapMessage oasisThunderstormWarning() {
        var pdt = ZoneOffset.ofHours(-7);
        return new CapMessage(
                "KSTO1055887203",
                "KSTO@NWS.NOAA.GOV",
                OffsetDateTime.of(2003, 6, 17, 14, 57, 0, 0, pdt),
                "Actual",
                "Alert",
                null,
                "Public",
                null,
                null,
                List.of(),
                null,
                null,
                null,
                List.of(new CapInfo(
                        null,
                        List.of("Met"),
                        "SEVERE THUNDERSTORM",
                        List.of("Shelter"),
                        "Immediate",
                        "Severe",
                        "Observed",
                        null,
                        List.of(new CapValue("SAME", "SVR")),
                        null,
                        null,
                        OffsetDateTime.of(2003, 6, 17, 16, 0, 0, 0, pdt),
                        "NATIONAL WEATHER SERVICE SACRAMENTO CA",
                        "SEVERE THUNDERSTORM WARNING",
                        "AT 254 PM PDT...NATIONAL WEATHER SERVICE DOPPLER RADAR INDICATED A SEVERE THUNDERSTORM OVER"
                                + " SOUTH CENTRAL ALPINE COUNTY...OR ABOUT 18 MILES SOUTHEAST OF KIRKWOOD...MOVING"
                                + " SOUTHWEST AT 5 MPH. HAIL...INTENSE RAIN AND STRONG DAMAGING WINDS ARE LIKELY WITH"
                                + " THIS STORM.",
                        "TAKE COVER IN A SUBSTANTIAL SHELTER UNTIL THE STORM PASSES.",
                        null,
                        "BARUFFALDI/JUSKIE",
                        List.of(),
                        List.of(new CapArea(
                                "EXTREME NORTH CENTRAL TUOLUMNE COUNTY IN CALIFORNIA, EXTREME NORTHEASTERN CALAVERAS"
                                        + " COUNTY IN CALIFORNIA, SOUTHWESTERN ALPINE COUNTY IN CALIFORNIA",
                                List.of("38.47,-120.14 38.34,-119.95 38.52,-119.74 38.62,-119.89 38.47,-120.14"),
                                List.of(),
                                List.of(
                                        new CapValue("SAME", "006109"),
                                        new CapValue("SAME", "006009"),
                                        new CapValue("SAME", "006003")),
                                null,
                                null)))));
    }

    /** An alert with only what CAP requires, sent at the given time. */
    static CapMessage sentAt(OffsetDateTime sent) {
        return new CapMessage(
                "SSAN-1",
                "alerts@district.example",
                sent,
                "Actual",
                "Alert",
                null,
                "Public",
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    static CapMessage alert(String status, String note, List<CapInfo> infos) {
        return new CapMessage(
                "SSAN-1",
                "alerts@district.example",
                SENT,
                status,
                "Alert",
                null,
                "Public",
                null,
                null,
                null,
                note,
                null,
                null,
                infos);
    }

    /** An info with only what CAP requires, plus the given language, headline and areas. */
    static CapInfo lockdown(String language, String headline, List<CapArea> areas) {
        return new CapInfo(
                language,
                List.of("Safety"),
                "Lockdown",
                null,
                "Immediate",
                "Extreme",
                "Observed",
                null,
                null,
                null,
                null,
                null,
                null,
                headline,
                null,
                null,
                null,
                null,
                null,
                areas);
    }
}
