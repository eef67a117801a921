package org.schoolsafety.platform.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;

/**
 * A service's OpenAPI document, as the gateway serves it: titled with the service's name, every operation
 * behind the same bearer JWT the service validates, and the server relative to where the document was read
 * (the gateway keeps each service's paths, so "try it out" in the gateway's browser goes through the gateway).
 */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OpenApiAutoConfiguration {

    static final String BEARER = "bearer-jwt";

    @Bean
    @ConditionalOnMissingBean
    OpenAPI serviceOpenApi(@Value("${spring.application.name}") String service, ObjectProvider<BuildProperties> build) {
        // the version Maven built (META-INF/build-info.properties), so that the document never names another
        String version =
                build.stream().map(BuildProperties::getVersion).findFirst().orElse("unversioned");
        return new OpenAPI()
                .info(new Info()
                        .title(service)
                        .version(version)
                        .description("School Safety Alert Network: " + service
                                + ". Errors are RFC 9457 problem details; every call needs an OAuth2 bearer"
                                + " token carrying the platform's roles and organisation."))
                .addServersItem(new Server().url("/").description("through the gateway"))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
