/**
 * Architecture rules that modules outside the starter share, such as keeping to the
 * starter's public API. Imports ArchUnit only.
 */
package dev.microkit.testsupport.architecture;
