package org.schoolsafety.testing.tokens;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a Spring test context trust {@link TestIssuer#shared()}: sets {@code ssn.security.issuer} and
 * {@code ssn.security.jwk-set-uri}. Tests mint tokens with {@code TestIssuer.shared().token(...)}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface TestTokens {}
