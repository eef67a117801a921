package org.schoolsafety.events;

/**
 * Kafka header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode. The record value
 * is the event data (JSON); these headers carry the envelope. Consumers choose the Java type from
 * {@link #TYPE}, never from a class name.
 */
public final class CloudEventHeaders {

    /** Always {@value #SPEC_VERSION_1_0}. */
    public static final String SPEC_VERSION = "ce_specversion";

    /** Unique per event from one source; a redelivered record keeps its id. */
    public static final String ID = "ce_id";

    /** The event type, e.g. {@code alert.issued.v1}: see {@link EventTypes}. */
    public static final String TYPE = "ce_type";

    /** The producing service as a URI reference, e.g. {@code /ssn/alert-service}. */
    public static final String SOURCE = "ce_source";

    /** When the fact happened, RFC 3339. */
    public static final String TIME = "ce_time";

    /** The aggregate the event is about; equal to the record key. */
    public static final String SUBJECT = "ce_subject";

    /** The binding maps {@code datacontenttype} to the plain {@code content-type} header. */
    public static final String CONTENT_TYPE = "content-type";

    /** W3C trace context, propagated so that one trace spans HTTP, Kafka and the listener. */
    public static final String TRACEPARENT = "traceparent";

    public static final String SPEC_VERSION_1_0 = "1.0";

    public static final String JSON = "application/json";

    private CloudEventHeaders() {}
}
