package org.schoolsafety.delivery.replay;

/** Why a replay was refused; {@link ReplayProblems} answers each as the problem detail it names. */
abstract sealed class ReplayRefused extends RuntimeException {

    private ReplayRefused(String detail) {
        super(detail, null, false, false);
    }

    /** 404: no concluded delivery of the caller's with this id. */
    static final class NothingToReplay extends ReplayRefused {
        NothingToReplay(String detail) {
            super(detail);
        }
    }

    /** 403: the caller's roles do not replay. */
    static final class NotAllowed extends ReplayRefused {
        NotAllowed(String detail) {
            super(detail);
        }
    }

    /** 400: a field of the request is wrong. */
    static final class Invalid extends ReplayRefused {

        private final String field;

        Invalid(String field, String detail) {
            super(detail);
            this.field = field;
        }

        String field() {
            return field;
        }
    }

    /** 503: the requests could not be queued again; nothing was lost. */
    static final class NotQueued extends ReplayRefused {
        NotQueued(String detail) {
            super(detail);
        }
    }
}
