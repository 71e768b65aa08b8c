/**
 * Checks that the README's "Add the starter" is the consumer project the invoker builds
 * and runs; the consumer projects themselves live in {@code src/it}. Imports nothing of
 * microkit.
 */
package dev.microkit.consumerchecks;
