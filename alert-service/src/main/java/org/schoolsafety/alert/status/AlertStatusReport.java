package org.schoolsafety.alert.status;

import java.time.Instant;
import java.util.List;

/**
 * Where an alert stands with its recipients: for each CAP message, how many deliveries were expected, sent,
 * delivered, failed and acknowledged, in total and by channel; for each organisation reached, its own counts
 * (acknowledgements of any message count); and per district, how many of its organisations have acknowledged.
 *
 * @param alertId the alert
 * @param state its state
 * @param messages one entry per CAP message, oldest first: its totals, or for a district or school that the alert
 *     reached only in part (a statewide alert, or one also sent elsewhere), the totals of its own subtree
 * @param organisations each organisation reached (only the caller's own subtree for districts and schools)
 * @param districts the acknowledgement roll-up per district
 * @param escalations the escalation steps taken for silent schools (only the caller's subtree for others)
 * @param at when these figures were read
 */
record AlertStatusReport(
        String alertId,
        String state,
        List<MessageStatus> messages,
        List<OrganisationStatus> organisations,
        List<DistrictRollup> districts,
        List<Escalations.Escalation> escalations,
        Instant at) {

    /** Counts of one kind, in total and by channel. */
    public record Counts(long total, long email, long sms, long webhook) {}

    /**
     * One CAP message's deliveries; {@code expected} is all zero until the audience has been expanded, and absent
     * ({@code null}) when the figures are the caller's own subtree's share, which the expansion does not tell.
     */
    public record MessageStatus(
            int number,
            String msgType,
            String notificationId,
            Counts expected,
            Counts sent,
            Counts delivered,
            Counts failed,
            Counts acknowledged) {}

    /** One organisation's deliveries of the first message, and whether anyone there acknowledged any message. */
    public record OrganisationStatus(
            String organisationId,
            String name,
            String kind,
            long sent,
            long delivered,
            long failed,
            long acknowledged) {}

    /** A district and its schools: how many were reached and how many have acknowledged. */
    public record DistrictRollup(String districtId, String name, int reached, int acknowledged) {}
}
