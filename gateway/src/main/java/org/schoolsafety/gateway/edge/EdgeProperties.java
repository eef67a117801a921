package org.schoolsafety.gateway.edge;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Edge settings, under {@code ssn.gateway}.
 *
 * @param maxRequestSize the largest request body the gateway forwards; larger ones get 413
 * @param consoleOrigins browser origins allowed to call the API (CORS), e.g. the console's
 */
@ConfigurationProperties("ssn.gateway")
public record EdgeProperties(
        @DefaultValue("1MB") DataSize maxRequestSize,
        @DefaultValue("http://localhost:5173") List<String> consoleOrigins) {}
