package dev.microkit.calls.instances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.microkit.calls.CallsProperties.Ejection;
import dev.microkit.calls.FailureKind;
import dev.microkit.calls.instances.InstanceLoad;
import dev.microkit.calls.instances.OutlierEjector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutlierEjectorTests {

	private static final long SECOND = 1_000_000_000L;

	private final Ejection settings = new Ejection();

	private final List<InstanceLoad> ejected = new ArrayList<>();

	private final List<InstanceLoad> instances = new ArrayList<>();

	private OutlierEjector ejector;

	@BeforeEach
	void setUp() {
		this.settings.setConsecutiveFailures(3);
		this.settings.setBaseTime(Duration.ofSeconds(10));
		this.settings.setMaxTime(Duration.ofSeconds(60));
		this.ejector = new OutlierEjector(this.settings, this.ejected::add);
		for (int i = 0; i < 4; i++) {
			this.instances.add(new InstanceLoad("i" + i, 10 * SECOND, 30_000_000, 0));
		}
	}

	@Test
	void ejectsAfterTheConfiguredConsecutiveFailures() {
		InstanceLoad load = this.instances.get(0);
		fail(load, 2, 0);
		assertThat(load.ejection().isEjected(0)).isFalse();
		fail(load, 1, 0);
		assertThat(load.ejection().isEjected(1)).isTrue();
		assertThat(this.ejected).containsExactly(load);
	}

	@Test
	void aSuccessResetsTheCount() {
		InstanceLoad load = this.instances.get(0);
		fail(load, 2, 0);
		this.ejector.record(load, null, () -> this.instances, 0);
		fail(load, 2, 0);
		assertThat(load.ejection().isEjected(0)).isFalse();
	}

	@Test
	void onlyConfiguredFailureKindsCount() {
		this.settings.setFailures(java.util.EnumSet.of(FailureKind.CONNECT));
		InstanceLoad load = this.instances.get(0);
		for (int i = 0; i < 5; i++) {
			this.ejector.record(load, FailureKind.SERVER_ERROR, () -> this.instances, 0);
		}
		assertThat(load.ejection().isEjected(0)).isFalse();
	}

	@Test
	void ejectionTimeIsJitteredDownByAtMostATenth() {
		InstanceLoad load = this.instances.get(0);
		fail(load, 3, 0);
		long remaining = load.ejection().remainingNanos(0);
		assertThat(remaining).isBetween(9 * SECOND, 10 * SECOND);
	}

	@Test
	void returnsOnProbationAndItsNextFailureEjectsItForTwiceAsLong() {
		InstanceLoad load = this.instances.get(0);
		fail(load, 3, 0);
		long back = 11 * SECOND;
		assertThat(load.ejection().isEjected(back)).isFalse();
		assertThat(load.ejection().onProbation()).isTrue();
		fail(load, 1, back);
		assertThat(load.ejection().isEjected(back)).isTrue();
		assertThat(load.ejection().remainingNanos(back)).isBetween(18 * SECOND, 20 * SECOND);
	}

	@Test
	void successOnProbationEndsProbation() {
		InstanceLoad load = this.instances.get(0);
		fail(load, 3, 0);
		this.ejector.record(load, null, () -> this.instances, 11 * SECOND);
		assertThat(load.ejection().onProbation()).isFalse();
		fail(load, 1, 11 * SECOND);
		assertThat(load.ejection().isEjected(11 * SECOND)).isFalse();
	}

	@Test
	void ejectionTimeIsCapped() {
		InstanceLoad load = this.instances.get(0);
		long now = 0;
		for (int i = 0; i < 6; i++) {
			fail(load, 3, now);
			now += load.ejection().remainingNanos(now) + 1;
		}
		assertThat(load.ejection().ejections()).isEqualTo(6);
		assertThat(this.ejector.ejectionNanos(6)).isBetween(54 * SECOND, 60 * SECOND);
	}

	@Test
	void healthyForMaxTimeStartsOverAtBaseTime() {
		InstanceLoad load = this.instances.get(0);
		fail(load, 3, 0);
		this.ejector.record(load, null, () -> this.instances, 11 * SECOND);
		long later = 100 * SECOND;
		fail(load, 3, later);
		assertThat(load.ejection().ejections()).isEqualTo(1);
		assertThat(load.ejection().remainingNanos(later)).isBetween(9 * SECOND, 10 * SECOND);
	}

	@Test
	void neverEjectsMoreThanTheMaxPercent() {
		this.settings.setMaxPercent(50);
		this.instances.forEach((load) -> fail(load, 3, 0));
		assertThat(this.instances.stream().filter((load) -> load.ejection().isEjected(0))).hasSize(2);
	}

	@Test
	void alwaysAllowsOneOfTwoButNeverTheOnlyInstance() {
		this.settings.setMaxPercent(0);
		List<InstanceLoad> two = this.instances.subList(0, 2);
		two.forEach((load) -> fail(load, 3, 0, two));
		assertThat(two.stream().filter((load) -> load.ejection().isEjected(0))).hasSize(1);
		List<InstanceLoad> one = this.instances.subList(2, 3);
		fail(one.get(0), 10, 0, one);
		assertThat(one.get(0).ejection().isEjected(0)).isFalse();
	}

	private void fail(InstanceLoad load, int times, long now) {
		fail(load, times, now, this.instances);
	}

	private void fail(InstanceLoad load, int times, long now, List<InstanceLoad> all) {
		for (int i = 0; i < times; i++) {
			this.ejector.record(load, FailureKind.CONNECT, () -> all, now);
		}
	}

}
