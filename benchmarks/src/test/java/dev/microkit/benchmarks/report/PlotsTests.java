package dev.microkit.benchmarks.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;

import static org.assertj.core.api.Assertions.assertThat;

class PlotsTests {

	@Test
	void barsHaveTheGivenSizeAndTitles() {
		CategoryChart chart = Plots.bars(800, 450, "Latency", "handler", "ms");
		assertThat(chart.getWidth()).isEqualTo(800);
		assertThat(chart.getHeight()).isEqualTo(450);
		assertThat(chart.getTitle()).isEqualTo("Latency");
		assertThat(chart.getXAxisTitle()).isEqualTo("handler");
		assertThat(chart.getYAxisTitle()).isEqualTo("ms");
	}

	@Test
	void percentilesAreThreeSeriesWithABarForEachRow() {
		CategoryChart chart = Plots.bars(800, 450, "Latency", "handler", "ms");
		List<Latency> rows = List.of(new Latency("plain", 1.0, 2.0, 3.0), new Latency("stored", 4.0, 5.0, 6.0));
		Plots.percentiles(chart, rows, Latency::name, Latency::p50, Latency::p99, Latency::p999);
		assertThat(chart.getSeriesMap()).containsOnlyKeys("p50", "p99", "p99.9");
		CategorySeries p99 = chart.getSeriesMap().get("p99");
		assertThat(List.copyOf(p99.getXData())).isEqualTo(List.of("plain", "stored"));
		assertThat(List.copyOf(p99.getYData())).isEqualTo(List.of(2.0, 5.0));
		assertThat(List.copyOf(chart.getSeriesMap().get("p99.9").getYData())).isEqualTo(List.of(3.0, 6.0));
	}

	@Test
	void saveWritesAPngOfTheGivenNameIntoTheDirectory(@TempDir Path directory) throws Exception {
		CategoryChart chart = Plots.bars(200, 100, "Latency", "handler", "ms");
		chart.addSeries("p50", List.of("plain"), List.of(1.0));
		Plots.save(chart, directory, "latency.png");
		byte[] png = Files.readAllBytes(directory.resolve("latency.png"));
		assertThat(png).startsWith(0x89, 'P', 'N', 'G');
		assertThat(directory).isDirectoryContaining("glob:**/latency.png");
	}

	record Latency(String name, double p50, double p99, double p999) {
	}

}
