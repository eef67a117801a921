package org.schoolsafety.delivery.replay;

import jakarta.validation.Valid;
import java.time.Instant;
import org.schoolsafety.platform.security.ApiProblem;
import org.schoolsafety.platform.security.Caller;
import org.schoolsafety.platform.text.Text;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaying deliveries:
 * <ul>
 *   <li>{@code POST /api/deliveries/{deliveryId}/redelivery}: that delivery once more;
 *   <li>{@code POST /api/deliveries/redeliveries} with {@code {"notificationId": ...}} or
 *       {@code {"endpointId": ...}}, and optionally {@code "since"} (an ISO-8601 instant; default 7 days ago):
 *       every delivery of it that failed since then.
 * </ul>
 * Both answer {@code 202} with how many were queued again and their ids; their outcomes follow on
 * {@code delivery-outcomes} as for any delivery.
 */
@RestController
class RedeliveryController {

    private final Redeliveries redeliveries;

    RedeliveryController(Redeliveries redeliveries) {
        this.redeliveries = redeliveries;
    }

    /** Which failed deliveries to replay. */
    record FailedSince(
            @Text(max = 200) String notificationId,
            @Text(max = 200) String endpointId,
            Instant since) {}

    @PostMapping("/api/deliveries/{deliveryId}/redelivery")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Redeliveries.Replayed one(@PathVariable String deliveryId) {
        return redeliveries.one(caller(), deliveryId);
    }

    @PostMapping("/api/deliveries/redeliveries")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Redeliveries.Replayed failed(@Valid @RequestBody FailedSince which) {
        return redeliveries.failed(caller(), blank(which.notificationId()), blank(which.endpointId()), which.since());
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Caller caller() {
        return Caller.current().orElseThrow(() -> ApiProblem.forbidden("A token is needed."));
    }
}
