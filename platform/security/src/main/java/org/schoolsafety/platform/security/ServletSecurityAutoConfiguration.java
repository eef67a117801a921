package org.schoolsafety.platform.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Every servlet service: stateless bearer-token authentication, the platform's public paths, the service's
 * {@link ServletAccessRules}, and a valid token for everything else.
 */
@AutoConfiguration(before = {OAuth2ResourceServerAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({SecurityProperties.class, WebhookTargets.class})
public class ServletSecurityAutoConfiguration {

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
    JwtDecoder jwtDecoder(SecurityProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(
                        properties.jwkSetUri().toString())
                .build();
        decoder.setJwtValidator(TokenValidation.validator(properties));
        return TokenValidation.remembering(decoder, properties);
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain platformSecurity(
            HttpSecurity http,
            JwtDecoder decoder,
            ObjectProvider<ServletAccessRules> serviceRules,
            SecurityProperties properties) {
        AuthenticationEntryPoint unauthorized =
                (request, response, e) -> write(response, 401, Problems.unauthorized(request.getRequestURI()), true);
        AccessDeniedHandler forbidden =
                (request, response, e) -> write(response, 403, Problems.forbidden(request.getRequestURI()), false);
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(headers ->
                        headers.contentSecurityPolicy(csp -> csp.policyDirectives(properties.contentSecurityPolicy())))
                .authorizeHttpRequests(rules -> {
                    rules.requestMatchers(PublicPaths.PATTERNS).permitAll();
                    serviceRules.orderedStream().forEach(r -> r.apply(rules));
                    rules.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server.jwt(jwt ->
                                jwt.decoder(decoder).jwtAuthenticationConverter(TokenValidation.authentication()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(handling ->
                        handling.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    private static void write(HttpServletResponse response, int status, byte[] body, boolean challenge)
            throws IOException {
        response.setStatus(status);
        if (challenge) {
            response.setHeader("WWW-Authenticate", Problems.BEARER_CHALLENGE);
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(body);
    }
}
