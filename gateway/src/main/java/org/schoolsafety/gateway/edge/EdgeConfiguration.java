package org.schoolsafety.gateway.edge;

import io.micrometer.tracing.propagation.Propagator;
import java.time.Duration;
import java.util.List;
import org.schoolsafety.gateway.GatewaySettings;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    @Bean
    AccessLog accessLog() {
        return new AccessLog();
    }

    @Bean
    AccessLog.Client accessLogClient() {
        return new AccessLog.Client();
    }

    @Bean
    CloseAfterProbe closeAfterProbe() {
        return new CloseAfterProbe();
    }

    @Bean
    TraceToService traceToService(Propagator propagator) {
        return new TraceToService(propagator);
    }

    @Bean
    RequestSizeLimit requestSizeLimit(GatewaySettings properties) {
        return new RequestSizeLimit(properties.maxRequestSize());
    }

    /** The console (a browser app on its own origin) may call the API with a bearer token; nobody else. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(GatewaySettings properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.consoleOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "Idempotency-Key", "traceparent"));
        cors.setExposedHeaders(List.of("Location", "Retry-After"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
