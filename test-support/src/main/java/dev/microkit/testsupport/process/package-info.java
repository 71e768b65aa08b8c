/**
 * Programs in JVMs of their own: {@link dev.microkit.testsupport.process.JavaProcess}
 * starts one from an executable jar or this JVM's class path, waits until it is ready and
 * stops or kills it; {@link dev.microkit.testsupport.process.ProjectJars} finds the jars
 * the build leaves in the modules' {@code target} folders. Imports the JDK only, so that
 * the demo's launcher can use it without the rest of this module's dependencies.
 */
package dev.microkit.testsupport.process;
