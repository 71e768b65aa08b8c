package dev.microkit.benchmarks.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * How the report draws its plots: bar charts of a given size and titles, latency
 * percentiles as their series, and PNG files in the results directory.
 */
public final class Plots {

	private Plots() {
	}

	/**
	 * A bar chart, its series still to be added.
	 */
	public static CategoryChart bars(int width, int height, String title, String xAxisTitle, String yAxisTitle) {
		return new CategoryChartBuilder().width(width)
			.height(height)
			.title(title)
			.xAxisTitle(xAxisTitle)
			.yAxisTitle(yAxisTitle)
			.build();
	}

	/**
	 * Adds the series p50, p99 and p99.9 of the given rows, a bar of each for each row.
	 */
	public static <T> void percentiles(CategoryChart chart, List<T> rows, Function<T, String> name,
			Function<T, Double> p50, Function<T, Double> p99, Function<T, Double> p999) {
		List<String> names = rows.stream().map(name).toList();
		chart.addSeries("p50", names, rows.stream().map(p50).toList());
		chart.addSeries("p99", names, rows.stream().map(p99).toList());
		chart.addSeries("p99.9", names, rows.stream().map(p999).toList());
	}

	/**
	 * Writes the chart as a PNG file of the results directory.
	 */
	public static void save(Chart<?, ?> chart, Path directory, String file) throws IOException {
		BitmapEncoder.saveBitmap(chart, directory.resolve(file).toString(), BitmapEncoder.BitmapFormat.PNG);
	}

}
