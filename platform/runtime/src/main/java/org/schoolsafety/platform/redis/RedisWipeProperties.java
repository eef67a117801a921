package org.schoolsafety.platform.redis;

import java.time.Duration;
import org.schoolsafety.platform.config.SettingChecks;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service notices that its Redis was emptied.
 *
 * @param wipeCheck how often the service looks for its generation mark in Redis; a view kept there is read again
 *     from its topic at most this long after the data went
 */
@ConfigurationProperties("ssn.redis")
public record RedisWipeProperties(@DefaultValue("2s") Duration wipeCheck) {

    public RedisWipeProperties {
        SettingChecks.positive("ssn.redis.wipe-check", wipeCheck);
    }
}
