package org.schoolsafety.bulletin;

/**
 * A request this service refuses for a reason the caller can act on. Domain code throws one of the family;
 * {@link RefusalAdvice} answers each as an RFC 9457 problem detail, so the domain knows nothing of HTTP.
 */
public abstract sealed class BulletinRefusal extends RuntimeException
        permits BulletinRefusal.Rejected,
                BulletinRefusal.NotFound,
                BulletinRefusal.Conflict,
                BulletinRefusal.Stale,
                BulletinRefusal.VersionRequired,
                BulletinRefusal.TooLarge,
                BulletinRefusal.Unavailable {

    private final String field;

    BulletinRefusal(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The request field the refusal is about, or {@code null} when it is about the request as a whole. */
    public String field() {
        return field;
    }

    /** What the caller reads: why, and what to do about it. */
    public String detail() {
        return getMessage();
    }

    /** 400: a field of the request is missing or wrong. */
    public static final class Rejected extends BulletinRefusal {
        public Rejected(String field, String detail) {
            super(field, detail);
        }
    }

    /** 404: no such bulletin or training, or not one the caller may see. */
    public static final class NotFound extends BulletinRefusal {
        public NotFound(String detail) {
            super(null, detail);
        }
    }

    /** 409: the request fits, but not the bulletin's state (publishing a published bulletin). */
    public static final class Conflict extends BulletinRefusal {
        public Conflict(String field, String detail) {
            super(field, detail);
        }
    }

    /** 412: {@code If-Match} names a version someone else has already replaced. */
    public static final class Stale extends BulletinRefusal {
        public Stale(String detail) {
            super(null, detail);
        }
    }

    /** 428: a change without {@code If-Match}. */
    public static final class VersionRequired extends BulletinRefusal {
        public VersionRequired(String detail) {
            super(null, detail);
        }
    }

    /** 413: a field or the whole bulletin is larger than the service takes. */
    public static final class TooLarge extends BulletinRefusal {
        public TooLarge(String field, String detail) {
            super(field, detail);
        }
    }

    /** 503: Redis or the broker did not answer in time; nothing was changed. */
    public static final class Unavailable extends BulletinRefusal {
        public Unavailable(String detail) {
            super(null, detail);
        }
    }
}
