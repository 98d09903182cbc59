package io.openloop.ledger.api.security;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.reactive.result.method.annotation.ArgumentResolverConfigurer;

/** Beans of authentication and authorisation: the key secret and the resolver that checks each route's access. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration implements WebFluxConfigurer {

    @Override
    public void configureArgumentResolvers(ArgumentResolverConfigurer configurer) {
        configurer.addCustomResolver(new CallerArgumentResolver());
    }

    @Bean
    KeySecrets keySecrets(
            @Value("${openloop.keys.secret:}") String configured,
            @Value("${openloop.data.dir}") Path dataDir,
            @Value("${openloop.mongo.uri:}") String mongoUri) {
        return KeySecrets.resolve(configured, dataDir, mongoUri == null || mongoUri.isBlank());
    }
}
