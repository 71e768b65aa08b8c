/**
 * Auto-configuration of the live console: its sampler in the application, its page where
 * actuator's endpoints are served.
 */
package dev.microkit.console.autoconfigure;
