package org.schoolsafety.delivery.sms;

import org.schoolsafety.delivery.settings.SmsSettings;
import org.schoolsafety.platform.security.LinkProperties;
import org.springframework.stereotype.Component;

/**
 * The public URLs of our SMS callbacks: where the provider reports ({@code StatusCallback}), and what its
 * signatures are computed over. {@code ssn.delivery.sms.callback-base-url}, or else {@code ssn.links.base-url} (the
 * gateway's public address), plus the path. Never derived from a request's {@code Host}: a forged one would make
 * a forged signature check out.
 */
@Component
class SmsCallbackUrls {

    static final String STATUS_PATH = "/public/sms/status";
    static final String INBOUND_PATH = "/public/sms/inbound";

    private final String base;

    SmsCallbackUrls(SmsSettings properties, LinkProperties links) {
        String configured = properties.callbackBaseUrl() != null
                ? properties.callbackBaseUrl().toString()
                : links.baseUrl().toString();
        this.base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    String status() {
        return base + STATUS_PATH;
    }

    String inbound() {
        return base + INBOUND_PATH;
    }
}
