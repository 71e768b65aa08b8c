/**
 * The live console at {@code /microkit/}: one page, fed by a snapshot per second of what
 * the service's calls and events did. Reads the calls' instance state and the meters; the
 * page and its snapshots are served only where actuator's endpoints are.
 */
package dev.microkit.console;
