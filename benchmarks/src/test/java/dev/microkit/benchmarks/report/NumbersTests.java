package dev.microkit.benchmarks.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NumbersTests {

	@Test
	void medianRatioPairsRoundsSoThatOneStalledRoundDoesNotMoveIt() {
		List<Double> rates = List.of(90.0, 45.0, 99.0);
		List<Double> others = List.of(100.0, 50.0, 10.0);
		assertThat(Numbers.medianRatio(rates, others)).isEqualTo(0.9);
	}

	@Test
	void medianRatioRefusesRoundsThatDoNotPair() {
		assertThatIllegalArgumentException().isThrownBy(() -> Numbers.medianRatio(List.of(1.0, 2.0), List.of(1.0)))
			.withMessageContaining("2 and 1");
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(Numbers.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
	}

	@Test
	void quartilesInterpolateBetweenTheNearestRanks() {
		List<Double> values = List.of(5.0, 1.0, 4.0, 2.0, 3.0);
		assertThat(Numbers.quantile(values, 0.25)).isEqualTo(2.0);
		assertThat(Numbers.quantile(values, 0.75)).isEqualTo(4.0);
		assertThat(Numbers.quantile(List.of(1.0, 2.0), 0.25)).isEqualTo(1.25);
		assertThat(Numbers.quantile(List.of(7.0), 0.75)).isEqualTo(7.0);
	}

	@Test
	void figuresFrom100UpAreWholeAndBelowHaveTwoDecimals() {
		assertThat(Numbers.format(1234.56)).isEqualTo("1235");
		assertThat(Numbers.format(0.956)).isEqualTo("0.96");
	}

}
