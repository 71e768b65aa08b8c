/**
 * Auto-configuration of security's problem-detail answers.
 */
package dev.microkit.security.autoconfigure;
