package org.schoolsafety.testing.tokens;

import java.util.List;
import java.util.Map;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/** Registered in {@code spring.factories}: turns {@link TestTokens} into the issuer properties. */
class TestTokensContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        boolean wanted = MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
                .isPresent(TestTokens.class);
        return wanted ? new TrustTestIssuer() : null;
    }

    /** All instances are equal: every context trusts the same issuer. */
    private record TrustTestIssuer() implements ContextCustomizer {

        @Override
        public void customizeContext(
                org.springframework.context.ConfigurableApplicationContext context,
                org.springframework.test.context.MergedContextConfiguration config) {
            TestIssuer issuer = TestIssuer.shared();
            context.getEnvironment()
                    .getPropertySources()
                    .addFirst(new MapPropertySource(
                            "testIssuer",
                            Map.of(
                                    "ssn.security.issuer", issuer.issuer(),
                                    "ssn.security.jwk-set-uri",
                                            issuer.jwkSetUri().toString())));
        }
    }
}
