package org.schoolsafety.alert.cap;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * A CAP 1.2 {@code <alert>}, field for field and in the order the OASIS XSD gives them. Identifier, sender, sent,
 * status, msgType and scope are required; every other field is null when absent, and lists are never null (an Ack,
 * Error or Cancel may have no {@code infos}). {@code references} is CAP's space-separated list of
 * {@code sender,identifier,sent} triples naming the messages an Update or Cancel refers to; {@code addresses} and
 * {@code incidents} are CAP's space-separated lists too, kept as the text CAP defines.
 *
 * <p>Text read from XML has its surrounding whitespace removed: in the CAP found in the wild it is indentation, not
 * content. An XML Signature on a message read is not part of this record, and is not checked.
 */
public record CapMessage(
        String identifier,
        String sender,
        OffsetDateTime sent,
        String status,
        String msgType,
        String source,
        String scope,
        String restriction,
        String addresses,
        List<String> codes,
        String note,
        String references,
        String incidents,
        List<CapInfo> infos) {

    public CapMessage {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(sent, "sent");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(msgType, "msgType");
        Objects.requireNonNull(scope, "scope");
        codes = codes == null ? List.of() : List.copyOf(codes);
        infos = infos == null ? List.of() : List.copyOf(infos);
    }
}
