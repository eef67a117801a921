/**
 * OASIS CAP 1.2 as XML: {@link org.schoolsafety.alert.cap.CapXml#write} turns a {@link
 * org.schoolsafety.alert.cap.CapMessage} into the bytes other alerting systems (IPAWS, NAAD, feeds) expect, and
 * {@link org.schoolsafety.alert.cap.CapXml#read} takes a message from outside. Reading treats its input as hostile:
 * size capped, no DOCTYPE, no external access of any kind, and validated against the OASIS XSD before any value is
 * taken from it, so that a refusal comes back as a {@link org.schoolsafety.alert.cap.CapRejected} with a reason the
 * sender can act on. {@code cap/CAP-v1.2.xsd} is the OASIS schema, unchanged.
 */
package org.schoolsafety.alert.cap;
