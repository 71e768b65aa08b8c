package dev.microkit.calls;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a Feign method whose request may be sent twice without harm, so that a failed
 * attempt is retried even when its HTTP method is not idempotent (a {@code POST} whose
 * server deduplicates by a key in the body, for example). A request that carries an
 * {@code Idempotency-Key} header is treated the same way without this annotation.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Idempotent {

}
