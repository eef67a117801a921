package org.schoolsafety.platform.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway (reactive): stateless bearer-token authentication, the platform's public paths, its
 * {@link ReactiveAccessRules}, and a valid token for everything else.
 */
@AutoConfiguration(
        before = {ReactiveOAuth2ResourceServerAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(SecurityProperties.class)
public class ReactiveSecurityAutoConfiguration {

    /**
     * No observation of Spring Security's own steps (each filter of the chain, the authentication, the
     * authorization). They cost a span or an event per filter per request, while the request's own span, the
     * gateway's call to the service, and the access log already show the request and its status; 401 and 403
     * answers are problem details in the log all the same. An application that wants them defines its own bean.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder reactiveJwtDecoder(SecurityProperties properties) {
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(
                        properties.jwkSetUri().toString())
                .build();
        decoder.setJwtValidator(TokenValidation.validator(properties));
        return TokenValidation.remembering(decoder, properties);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain platformSecurity(
            ServerHttpSecurity http,
            ReactiveJwtDecoder decoder,
            ObjectProvider<ReactiveAccessRules> appRules,
            SecurityProperties properties) {
        ServerAuthenticationEntryPoint unauthorized =
                (exchange, e) -> write(exchange, HttpStatus.UNAUTHORIZED, Problems.unauthorized(path(exchange)));
        ServerAccessDeniedHandler forbidden =
                (exchange, e) -> write(exchange, HttpStatus.FORBIDDEN, Problems.forbidden(path(exchange)));
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                // uses the application's CorsConfigurationSource bean when it has one (the gateway does)
                .cors(org.springframework.security.config.Customizer.withDefaults())
                .headers(securityHeaders(properties.contentSecurityPolicy()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .securityContextRepository(
                        org.springframework.security.web.server.context.NoOpServerSecurityContextRepository
                                .getInstance())
                .authorizeExchange(rules -> {
                    rules.pathMatchers(PublicPaths.PATTERNS).permitAll();
                    appRules.orderedStream().forEach(r -> r.apply(rules));
                    rules.anyExchange().authenticated();
                })
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtDecoder(decoder)
                                .jwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(
                                        TokenValidation.authentication())))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .build();
    }

    /**
     * Spring Security's default header writers (caching, type sniffing, framing, XSS filter off, HSTS over HTTPS),
     * with the platform's {@code Content-Security-Policy} and {@code Referrer-Policy: no-referrer}.
     */
    static Customizer<ServerHttpSecurity.HeaderSpec> securityHeaders(String contentSecurityPolicy) {
        return headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER));
    }

    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }

    private static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, byte[] body) {
        ServerHttpResponse response = exchange.getResponse();
        response.setStatusCode(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", Problems.BEARER_CHALLENGE);
        }
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }
}
