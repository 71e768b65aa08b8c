package dev.microkit.calls.instances;

import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.microkit.calls.CallsProperties.Ejection;
import dev.microkit.calls.FailureKind;

/**
 * Passive outlier ejection for one client, after Envoy's outlier detection: an instance
 * that fails {@code consecutive-failures} attempts in a row is out of rotation for
 * {@code base-time}, doubled with each repeat ejection up to {@code max-time} and
 * shortened by up to a tenth at random so that instances ejected together do not return
 * together. It then returns on probation: its next failure ejects it again at once, its
 * next success ends probation. An instance healthy for {@code max-time} after returning
 * starts over at {@code base-time}. At most {@code max-percent} of the instances are out
 * at once (but always one of two or more), so ejection never empties a client.
 */
public class OutlierEjector {

	/**
	 * Largest share of the ejection time taken off at random.
	 */
	static final double JITTER = 0.1;

	private final Ejection settings;

	private final Consumer<InstanceLoad> onEjection;

	public OutlierEjector(Ejection settings, Consumer<InstanceLoad> onEjection) {
		this.settings = settings;
		this.onEjection = onEjection;
	}

	/**
	 * Records the outcome of one attempt.
	 * @param load the instance
	 * @param failure what went wrong, or {@code null} for a success
	 * @param instances every instance of the client, for the ejected share; only asked
	 * for when the instance would be ejected
	 * @param nowNanos the time
	 */
	public void record(InstanceLoad load, FailureKind failure, Supplier<Collection<InstanceLoad>> instances,
			long nowNanos) {
		EjectionState state = load.ejection();
		if (failure == null) {
			state.succeeded();
			return;
		}
		if (!this.settings.isEnabled() || !this.settings.getFailures().contains(failure)) {
			return;
		}
		synchronized (this) {
			int failures = state.failed();
			if (state.isEjected(nowNanos)) {
				return;
			}
			boolean trips = state.onProbation() || failures >= this.settings.getConsecutiveFailures();
			if (trips && mayEject(instances.get(), nowNanos)) {
				eject(load, nowNanos);
			}
		}
	}

	private boolean mayEject(Collection<InstanceLoad> instances, long nowNanos) {
		int total = instances.size();
		if (total < 2) {
			return false;
		}
		long ejected = instances.stream().filter((load) -> load.ejection().isEjected(nowNanos)).count();
		int allowed = Math.max(1, total * this.settings.getMaxPercent() / 100);
		return ejected < allowed;
	}

	private void eject(InstanceLoad load, long nowNanos) {
		long maxNanos = this.settings.getMaxTime().toNanos();
		int ejections = load.ejection().eject(nowNanos, maxNanos);
		load.ejection().ejectUntil(nowNanos + ejectionNanos(ejections));
		this.onEjection.accept(load);
	}

	long ejectionNanos(int ejections) {
		long baseNanos = this.settings.getBaseTime().toNanos();
		long maxNanos = this.settings.getMaxTime().toNanos();
		double grown = baseNanos * Math.pow(2, Math.min(ejections - 1, 30));
		double capped = Math.min(grown, maxNanos);
		return (long) (capped * (1.0 - ThreadLocalRandom.current().nextDouble(JITTER)));
	}

}
