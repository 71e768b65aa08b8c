/**
 * The instances of each service as calls see them: per-instance load (in flight,
 * peak-EWMA latency estimate, recent outcomes), recorded from each attempt by
 * InstanceLoadRecorder with the stalls of this process discounted (ProcessPauses), and
 * passive ejection of an instance that keeps failing (OutlierEjector). The balancers read
 * it; the calls endpoint shows it. Imports the calls root only.
 */
package dev.microkit.calls.instances;
