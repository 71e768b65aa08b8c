/**
 * Calls' access tokens from Spring Security's OAuth2 client: the client-credentials token
 * of a service's registration, cached until shortly before it expires and fetched by one
 * caller at a time. Imports the calls root package, nothing of its other sub-packages.
 */
package dev.microkit.calls.oauth2;
