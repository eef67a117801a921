package org.schoolsafety.delivery.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Twilio's worked example from its webhook security documentation (auth token {@code 12345}); the expected
 * signature was also checked with {@code openssl dgst -sha1 -hmac 12345} over the documented concatenation.
 */
class TwilioSignatureTests {

    static final String TOKEN = "12345";
    static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    static final String EXPECTED = "GvWf1cFY/Q7PnoempGyD5oXAezc=";

    static Map<String, String[]> parameters() {
        Map<String, String[]> parameters = new LinkedHashMap<>(); // deliberately not in name order
        parameters.put("To", new String[] {"+18005551212"});
        parameters.put("From", new String[] {"+14158675310"});
        parameters.put("Digits", new String[] {"1234"});
        parameters.put("CallSid", new String[] {"CA1234567890ABCDE"});
        parameters.put("Caller", new String[] {"+14158675310"});
        return parameters;
    }

    @Test
    void computesTwiliosDocumentedExample() {
        assertThat(TwilioSignature.compute(TOKEN, URL, parameters())).isEqualTo(EXPECTED);
        assertThat(TwilioSignature.valid(TOKEN, URL, parameters(), EXPECTED)).isTrue();
    }

    @Test
    void refusesATamperedParameterAnotherUrlAnotherTokenAndNoSignature() {
        Map<String, String[]> tampered = parameters();
        tampered.put("Digits", new String[] {"9999"});
        assertThat(TwilioSignature.valid(TOKEN, URL, tampered, EXPECTED)).isFalse();
        Map<String, String[]> added = parameters();
        added.put("Body", new String[] {"STOP"});
        assertThat(TwilioSignature.valid(TOKEN, URL, added, EXPECTED)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL.replace("https", "http"), parameters(), EXPECTED))
                .isFalse();
        assertThat(TwilioSignature.valid("54321", URL, parameters(), EXPECTED)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, parameters(), null)).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, parameters(), "")).isFalse();
        assertThat(TwilioSignature.valid(TOKEN, URL, parameters(), EXPECTED.substring(1)))
                .isFalse();
    }
}
