package org.schoolsafety.platform.security;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** The {@link SignedLinks} of a service (the gateway makes no links), keyed by {@code ssn.links.signing-key}. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(LinkProperties.class)
public class SignedLinksAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SignedLinksAutoConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    SignedLinks signedLinks(LinkProperties properties) {
        byte[] key;
        if (properties.signingKey() == null || properties.signingKey().isBlank()) {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            log.warn("ssn.links.signing-key is not set: links this process signs stop working when it stops, and"
                    + " other instances refuse them. Set one key for the whole platform.");
        } else {
            key = properties.signingKey().getBytes(StandardCharsets.UTF_8);
        }
        return new SignedLinks(key, Clock.systemUTC());
    }
}
