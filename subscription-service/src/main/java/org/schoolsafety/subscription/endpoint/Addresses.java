package org.schoolsafety.subscription.endpoint;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;
import org.schoolsafety.platform.security.PublicAddresses;
import org.schoolsafety.platform.security.WebhookTargets;
import org.schoolsafety.subscription.Refusal;

/**
 * Checks and normalises the address of an endpoint. Email: one {@code @}, a dotted domain, at most 254
 * characters. SMS: E.164, and for North America (+1) a valid NANP number. Webhook: an HTTPS URL whose host
 * resolves only to public addresses (no loopback, private, link-local, cloud metadata, carrier-grade NAT,
 * multicast or unique-local), unless the deployment allow-lists the host.
 */
final class Addresses {

    private static final Pattern EMAIL =
            Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                    + "(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{7,14}");
    private static final Pattern NANP = Pattern.compile("\\+1[2-9][0-9]{2}[2-9][0-9]{6}");

    private Addresses() {}

    static String email(String address) {
        String trimmed = address == null ? "" : address.strip();
        if (trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches() || trimmed.contains("..")) {
            throw new Refusal.Invalid("address", "Give an email address such as safety@school.example.");
        }
        // lower case throughout: mail systems treat the local part without case, and so must duplicate checks
        return trimmed.toLowerCase(Locale.ROOT);
    }

    static String phone(String address) {
        String compact = address == null ? "" : address.replaceAll("[\\s().-]", "");
        if (!E164.matcher(compact).matches()) {
            throw new Refusal.Invalid(
                    "address", "Give the mobile number in E.164 form: + country code and number, e.g. +15735550142.");
        }
        if (compact.startsWith("+1") && !NANP.matcher(compact).matches()) {
            throw new Refusal.Invalid("address", "A +1 number has a 3-digit area code and a 7-digit number.");
        }
        return compact;
    }

    /** A webhook URL, checked against server-side request forgery; returns it normalised. */
    static String webhook(String address, WebhookTargets targets) {
        URI uri;
        try {
            uri = new URI(address == null ? "" : address.strip());
        } catch (URISyntaxException e) {
            throw new Refusal.Invalid("address", "Give the webhook's full URL, https://...");
        }
        if (uri.getHost() == null) {
            throw new Refusal.Invalid("address", "A webhook URL must be https:// with a host.");
        }
        String host;
        try {
            host = IDN.toASCII(uri.getHost().replaceAll("^\\[|\\]$", "")).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Refusal.Invalid("address", "The webhook URL's host is not a valid name.");
        }
        // plain http only to an allow-listed host: the local stack's sink, never a district's system
        boolean plainAllowed = "http".equalsIgnoreCase(uri.getScheme()) && targets.allowed(host);
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !plainAllowed) {
            throw new Refusal.Invalid("address", "A webhook URL must be https:// with a host.");
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            throw new Refusal.Invalid("address", "A webhook URL carries no user name, password or #fragment.");
        }
        if (address.length() > 2000) {
            throw new Refusal.Invalid("address", "A webhook URL is at most 2000 characters.");
        }
        if (!targets.allowed(host)) {
            InetAddress[] resolved;
            try {
                resolved = InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                throw new Refusal.Invalid("address", "The webhook host " + host + " does not resolve.");
            }
            for (InetAddress target : resolved) {
                if (!PublicAddresses.isPublic(target)) {
                    throw new Refusal.Invalid(
                            "address",
                            "The webhook host " + host + " is a loopback, private, link-local or metadata address;"
                                    + " only public HTTPS endpoints can receive alerts.");
                }
            }
        }
        return uri.normalize().toString();
    }
}
