package org.schoolsafety.gateway;

import java.net.URI;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which paths go to which service, at the addresses of {@link GatewaySettings#services()} (so the local stack,
 * compose and Kubernetes each point them where their services run).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GatewaySettings.class)
class ServiceRoutes {

    @Bean
    RouteLocator serviceRouteLocator(RouteLocatorBuilder routes, GatewaySettings properties) {
        GatewaySettings.Services services = properties.services();
        RouteLocatorBuilder.Builder builder = routes.routes()
                .route(
                        "alert-service",
                        route -> route.path(
                                        "/api/alerts/**",
                                        "/api/acknowledgements/**",
                                        "/feeds/alerts/**",
                                        // the page an alert's SMS links to: its unguessable id is the authorisation
                                        "/public/alerts/**",
                                        // the signed acknowledgement links in alert emails and SMS
                                        "/public/acknowledgements/**")
                                .uri(services.alert()))
                .route(
                        "subscription-service",
                        route -> route.path(
                                        "/api/organisations/**",
                                        "/api/endpoints/**",
                                        "/api/subscriptions/**",
                                        "/api/contacts/**",
                                        "/public/verifications/**",
                                        "/public/unsubscribe/**")
                                .uri(services.subscription()))
                .route(
                        "bulletin-service",
                        // the archive, its feeds and the training calendar are public
                        route -> route.path("/api/bulletins/**", "/feeds/bulletins/**", "/feeds/trainings.ics")
                                .uri(services.bulletin()))
                .route(
                        "cyber-threat-service",
                        route -> route.path("/api/advisories/**", "/taxii2/**").uri(services.cyberThreat()))
                .route(
                        "delivery-service",
                        // the SMS provider's status callbacks and inbound messages: their Twilio signature is the
                        // authorisation
                        route -> route.path("/api/deliveries/**", "/public/sms/**")
                                .uri(services.delivery()));
        // each service's OpenAPI document, public, for the API browser (springdoc.swagger-ui.urls)
        apiDocs(builder, "alert-service", services.alert());
        apiDocs(builder, "subscription-service", services.subscription());
        apiDocs(builder, "bulletin-service", services.bulletin());
        apiDocs(builder, "cyber-threat-service", services.cyberThreat());
        apiDocs(builder, "delivery-service", services.delivery());
        return builder.build();
    }

    private static void apiDocs(RouteLocatorBuilder.Builder builder, String service, URI url) {
        builder.route(
                service + "-api-docs",
                route -> route.path("/api-docs/" + service)
                        .filters(filters -> filters.setPath("/v3/api-docs"))
                        .uri(url));
    }
}
