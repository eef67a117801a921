package org.schoolsafety.localstack.issuer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.schoolsafety.platform.kafka.PlatformKafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Spring Authorization Server with the {@link DemoIdentity demo identities} as client-credentials clients.
 * Access tokens are JWTs for audience {@code ssn-api} with the {@code roles} and {@code org} claims the
 * gateway and services read; the signing key is generated at each start.
 */
@SpringBootApplication(exclude = PlatformKafkaAutoConfiguration.class)
public class DevIssuerApplication {

    static final String AUDIENCE = "ssn-api";

    /** Starts the issuer on 127.0.0.1:{@code port}; its issuer URL is {@code http://127.0.0.1:<port>}. */
    public static ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(DevIssuerApplication.class)
                .properties(
                        "spring.application.name=dev-issuer",
                        "server.address=127.0.0.1",
                        "server.port=" + port,
                        "spring.security.oauth2.authorizationserver.issuer=" + issuerUrl(port),
                        "spring.main.banner-mode=off",
                        "logging.config=classpath:logback-local-stack.xml",
                        "management.endpoints.web.exposure.include=health")
                .run();
    }

    public static String issuerUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    public static String jwkSetUri(int port) {
        return issuerUrl(port) + "/oauth2/jwks";
    }

    @Bean
    RegisteredClientRepository demoClients() {
        List<RegisteredClient> clients = DemoIdentity.ALL.stream()
                .map(identity -> RegisteredClient.withId(UUID.randomUUID().toString())
                        .clientId(identity.clientId())
                        .clientSecret("{noop}" + identity.secret())
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenSettings(TokenSettings.builder()
                                .accessTokenTimeToLive(Duration.ofHours(1))
                                .build())
                        .build())
                .toList();
        return new InMemoryRegisteredClientRepository(clients);
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> platformClaims() {
        Map<String, DemoIdentity> byClient =
                DemoIdentity.ALL.stream().collect(Collectors.toMap(DemoIdentity::clientId, Function.identity()));
        return context -> {
            DemoIdentity identity = byClient.get(context.getRegisteredClient().getClientId());
            if (identity == null || !OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            context.getClaims()
                    .audience(List.of(AUDIENCE))
                    .claim("roles", List.of(identity.role()))
                    .claim("org", identity.organisationId());
        };
    }
}
