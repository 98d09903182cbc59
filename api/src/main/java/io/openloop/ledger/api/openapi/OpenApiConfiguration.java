package io.openloop.ledger.api.openapi;

import io.openloop.ledger.api.security.Caller;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document at {@code /v3/api-docs} and Swagger UI at {@code /swagger-ui.html}, both open without
 * credentials. {@link ApiConventionsCustomizer} adds the bearer scheme, the error body and the standard responses.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String TITLE = "OpenLoop ledger API";

    static {
        // Routes receive the authenticated caller as a parameter; it is not part of the request.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
    }

    @Bean
    OpenAPI ledgerOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();

        // build-info.properties is written by the Maven build; a run from an IDE without it has no version.
        String version = properties == null ? "unknown" : properties.getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title(TITLE)
                        .version(version)
                        .description("Identity, trust and credits for agent loops. Every route under /api/ needs"
                                + " Authorization: Bearer with an API key or the operator token. Every error is JSON"
                                + " with a stable code."));
    }

    @Bean
    ApiConventionsCustomizer apiConventionsCustomizer() {
        return new ApiConventionsCustomizer();
    }
}
