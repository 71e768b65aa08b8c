package dev.microkit.benchmarks.events;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.microkit.benchmarks.report.MarkdownTable;
import dev.microkit.benchmarks.report.Plots;
import dev.microkit.benchmarks.report.ReportSection;
import dev.microkit.benchmarks.report.Target;
import org.knowm.xchart.CategoryChart;

/**
 * Kafka and RabbitMQ side by side, from the same run: the publisher's throughput against
 * each transport's raw template, and the latency from publishing to handling.
 *
 * @param kafkaPublishing Kafka's publisher throughput
 * @param kafkaLatency Kafka's publish-to-handle latency
 * @param rabbitPublishing RabbitMQ's publisher throughput, or {@code null} when no
 * RabbitMQ answered
 * @param rabbitLatency RabbitMQ's publish-to-handle latency, or {@code null}
 * @param skipped why RabbitMQ was not measured, or {@code null}
 */
record TransportComparison(PublisherThroughput.Result kafkaPublishing, PublishToHandleLatency.Result kafkaLatency,
		RabbitPublisherThroughput.Result rabbitPublishing, PublishToHandleLatency.Result rabbitLatency,
		String skipped) implements ReportSection {

	static TransportComparison skipped(PublisherThroughput.Result kafkaPublishing,
			PublishToHandleLatency.Result kafkaLatency, String reason) {
		return new TransportComparison(kafkaPublishing, kafkaLatency, null, null, reason);
	}

	@Override
	public String key() {
		return "transports";
	}

	@Override
	public Object json() {
		Map<String, Object> json = new LinkedHashMap<>();
		if (this.skipped != null) {
			json.put("skipped", this.skipped);
			return json;
		}
		json.put("rabbitPublisher", this.rabbitPublishing.json());
		json.put("rabbitLatency", this.rabbitLatency.json());
		return json;
	}

	@Override
	public List<Target> targets() {
		return (this.skipped != null) ? List.of() : this.rabbitPublishing.targets();
	}

	@Override
	public String markdown() {
		StringBuilder md = new StringBuilder("## Kafka and RabbitMQ side by side\n\n");
		if (this.skipped != null) {
			return md.append("RabbitMQ was not measured: ").append(this.skipped).append(".\n").toString();
		}
		md.append("The same application code on either transport (`microkit.events.transport`), measured in the same "
				+ "run: Kafka on the in-process KRaft broker, RabbitMQ on the local broker (quorum queues, publisher "
				+ "confirms). Throughput as in the publisher sections; latency from the moment an event was due to "
				+ "the moment its handler ran, at ")
			.append(this.kafkaLatency.rate())
			.append(" events/s.\n\n");
		MarkdownTable table = new MarkdownTable().left("transport")
			.right("raw template (events/s)", "microkit (events/s)", "microkit / raw", "p50 (ms)", "p99 (ms)",
					"p50 with JDBC store", "p99 with JDBC store");
		table.row("Kafka", this.kafkaPublishing.cloudEventsTemplatePerSecond(),
				this.kafkaPublishing.microkitPerSecond(), this.kafkaPublishing.ratio(),
				this.kafkaLatency.withoutStore().p50Millis(), this.kafkaLatency.withoutStore().p99Millis(),
				this.kafkaLatency.withStore().p50Millis(), this.kafkaLatency.withStore().p99Millis());
		table.row("RabbitMQ", this.rabbitPublishing.templatePerSecond(), this.rabbitPublishing.microkitPerSecond(),
				this.rabbitPublishing.ratio(), this.rabbitLatency.withoutStore().p50Millis(),
				this.rabbitLatency.withoutStore().p99Millis(), this.rabbitLatency.withStore().p50Millis(),
				this.rabbitLatency.withStore().p99Millis());
		md.append(table);
		md.append("\n").append(this.rabbitPublishing.markdown());
		return md.append("\n![publish to handle latency, both transports](transport-latency.png)\n").toString();
	}

	@Override
	public void plot(Path directory) throws IOException {
		if (this.skipped != null) {
			return;
		}
		CategoryChart chart = Plots.bars(800, 450,
				"Publish to handle latency at " + this.kafkaLatency.rate() + " events/s", "transport and handler",
				"ms");
		List<Labelled> rows = List.of(new Labelled("Kafka", this.kafkaLatency.withoutStore()),
				new Labelled("Kafka, JDBC store", this.kafkaLatency.withStore()),
				new Labelled("RabbitMQ", this.rabbitLatency.withoutStore()),
				new Labelled("RabbitMQ, JDBC store", this.rabbitLatency.withStore()));
		Plots.percentiles(chart, rows, Labelled::label, (row) -> row.row().p50Millis(), (row) -> row.row().p99Millis(),
				(row) -> row.row().p999Millis());
		Plots.save(chart, directory, "transport-latency.png");
	}

	private record Labelled(String label, PublishToHandleLatency.Row row) {
	}

}
