/**
 * Tokens for the samples' tests, and the check that every endpoint of an API wants one
 * with its scope.
 */
package dev.microkit.testsupport.security;
