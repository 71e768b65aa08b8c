/**
 * Calls: the bottom layer every other calls package builds on. The settings of calls and
 * of each client (CallsProperties, ClientSettingsResolver), the attempts of one logical
 * call bound to its thread (CallAttempts), how a failed attempt is classified
 * (FailureKind, FailureClassifier), and what applications use directly: @Idempotent and
 * CallTimeoutException. Imports config, nothing of its sub-packages and nothing of
 * events.
 */
package dev.microkit.calls;
