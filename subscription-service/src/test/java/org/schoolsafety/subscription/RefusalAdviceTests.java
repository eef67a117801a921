package org.schoolsafety.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponse;

/** Each refusal is answered with the problem detail the API gave before refusals existed. */
class RefusalAdviceTests {

    private final RefusalAdvice advice = new RefusalAdvice();

    @Test
    void anInvalidFieldIsA400NamingTheField() {
        ProblemDetail body = answer(new Refusal.Invalid("parentId", "There is no organisation x."));
        assertThat(body.getStatus()).isEqualTo(400);
        assertThat(body.getTitle()).isEqualTo("Invalid request");
        assertThat(body.getType()).hasToString("https://schoolsafety.example/problems/invalid-request");
        assertThat(body.getDetail()).isEqualTo("There is no organisation x.");
        assertThat(body.getProperties())
                .containsEntry("errors", List.of(Map.of("field", "parentId", "detail", "There is no organisation x.")));
    }

    @Test
    void aConflictNamesItsFieldOnlyWhenItHasOne() {
        ProblemDetail withField = answer(new Refusal.Conflict("address", "Already there."));
        assertThat(withField.getStatus()).isEqualTo(409);
        assertThat(withField.getTitle()).isEqualTo("Conflict");
        assertThat(withField.getProperties()).containsKey("errors");
        ProblemDetail without = answer(new Refusal.Conflict(null, "The state cannot be closed."));
        assertThat(without.getStatus()).isEqualTo(409);
        assertThat(without.getProperties()).isNullOrEmpty();
    }

    @Test
    void theOthersKeepTheirStatusAndTitle() {
        assertThat(answer(new Refusal.NotFound("none")))
                .extracting(ProblemDetail::getStatus, ProblemDetail::getTitle)
                .containsExactly(404, "Not found");
        assertThat(answer(new Refusal.NotAllowed("no")))
                .extracting(ProblemDetail::getStatus, ProblemDetail::getTitle)
                .containsExactly(403, "Forbidden");
        assertThat(answer(new Refusal.Gone("gone")))
                .extracting(ProblemDetail::getStatus, ProblemDetail::getTitle)
                .containsExactly(410, "Gone");
        assertThat(answer(new Refusal.NotConfirmed("unsure", new IllegalStateException())))
                .extracting(ProblemDetail::getStatus, ProblemDetail::getTitle)
                .containsExactly(503, "Service unavailable");
    }

    private ProblemDetail answer(Refusal refusal) {
        ErrorResponse response = advice.refused(refusal);
        assertThat(response.getStatusCode().value())
                .isEqualTo(response.getBody().getStatus());
        return response.getBody();
    }
}
