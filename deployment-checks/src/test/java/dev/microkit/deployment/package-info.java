/**
 * Checks of the Docker Compose file and the Kubernetes manifests against the samples'
 * configuration and the design's names, without Docker or a cluster. Imports nothing of
 * microkit.
 */
package dev.microkit.deployment;
