/**
 * Security of services: answers to requests without a valid token (401) or without the
 * scope an operation needs (403) as problem details, with the {@code WWW-Authenticate}
 * header of RFC 6750. Imports nothing of calls or events.
 */
package dev.microkit.security;
