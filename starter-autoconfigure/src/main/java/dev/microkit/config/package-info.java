/**
 * Checks shared by the properties classes of several features, so that a bad value fails
 * startup naming the property. Imports nothing of microkit.
 */
package dev.microkit.config;
