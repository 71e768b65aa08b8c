/**
 * Calls wiring: the auto-configurations registered in AutoConfiguration.imports, the
 * calls actuator endpoint and the environment post-processor that sets Spring Cloud's
 * defaults microkit relies on. May import every calls package; nothing outside
 * auto-configuration imports it.
 */
package dev.microkit.calls.autoconfigure;
