package dev.microkit.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that every benchmark starts and that the report is written; the figures of so
 * short a run mean nothing and are not checked.
 */
class BenchmarkSuiteSmokeTests {

	@Test
	void everyBenchmarkRunsAndTheReportIsWritten(@TempDir Path out) throws Exception {
		BenchmarkSuite.run("smoke", List.copyOf(BenchmarkSuite.BENCHMARKS.keySet()), out);
		JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
		assertThat(results.get("pickCost")).hasSize(1);
		assertThat(results.get("pickCost").get(0).get("nanos").asDouble()).isPositive();
		assertThat(results.get("tailLatencyUnderSkew")).hasSize(3);
		assertThat(results.get("tailLatencyUnderSkew")).allSatisfy((row) -> {
			assertThat(row.get("requests").asLong()).isPositive();
			assertThat(row.get("failures").asLong()).isZero();
			assertThat(row.get("toSlowBySlice")).hasSize(2);
		});
		assertThat(results.get("tailLatencyUnderSkewGrpc")).hasSize(2).allSatisfy((row) -> {
			assertThat(row.get("requests").asLong()).isPositive();
			assertThat(row.get("failures").asLong()).isZero();
		});
		assertThat(results.at("/starterOverhead/starterPerSecond").asDouble()).isPositive();
		assertThat(results.at("/starterOverhead/bareFeignPerSecond").asDouble()).isPositive();
		assertThat(results.at("/starterOverhead/starterWithTokenPerSecond").asDouble()).isPositive();
		assertThat(results.at("/starterOverhead/tokenRequests").asInt()).as("one token, cached").isEqualTo(1);
		assertThat(results.at("/starterOverhead/ratioQuartiles/0").asDouble())
			.isLessThanOrEqualTo(results.at("/starterOverhead/ratioQuartiles/1").asDouble());
		assertThat(results.at("/clientCost/starter/micros").asDouble()).isPositive();
		assertThat(results.at("/clientCost/fixedUrl/kib").asDouble()).isPositive();
		JsonNode balance = results.get("balanceUnderLoad");
		assertThat(balance.get("skew")).hasSize(3);
		assertThat(List.of(balance.get("skew"), balance.get("equalThree"), balance.get("equalTen")))
			.allSatisfy((rows) -> assertThat(rows).allSatisfy((row) -> {
				assertThat(row.get("requests").asLong()).isPositive();
				assertThat(row.get("failures").asLong()).isZero();
			}));
		assertThat(balance.at("/equalTen/0/shares")).hasSize(10);
		assertThat(balance.at("/restart/0/sharesAfterRestart")).hasSize(2);
		assertThat(results.at("/failover/rows")).hasSize(2);
		assertThat(results.at("/failover/rows"))
			.allSatisfy((row) -> assertThat(row.get("requests").asLong()).isPositive());
		assertThat(results.at("/failover/rows/0/callerErrors").asLong()).isZero();
		assertThat(results.at("/failover/rows/1/attemptsBeforeKill").asLong()).isPositive();
		assertThat(results.at("/failover/rows/1/attemptsAfterKill").asLong()).isPositive();
		assertThat(Files.size(out.resolve("failover.png"))).isPositive();
		JsonNode events = results.get("events");
		assertThat(events.at("/eventPublisherThroughput/microkitPerSecond").asDouble()).isPositive();
		assertThat(events.at("/eventPublisherThroughput/kafkaTemplatePerSecond").asDouble()).isPositive();
		assertThat(events.at("/eventPublisherThroughput/cloudEventsTemplatePerSecond").asDouble()).isPositive();
		assertThat(events.at("/eventLatency/withoutStore/events").asLong()).isPositive();
		assertThat(events.at("/eventLatency/withStore/events").asLong()).isPositive();
		assertThat(events.at("/eventLatency/publishFailures").asLong()).isZero();
		JsonNode outbox = events.get("outboxRelay");
		if (!outbox.has("skipped")) {
			assertThat(outbox.get("written").asLong()).isPositive();
			assertThat(outbox.get("writeFailures").asLong()).isZero();
			assertThat(outbox.get("drainPerSecond").asDouble()).isPositive();
		}
		assertThat(events.at("/eventLatency/viaOutbox/events").asLong()).isPositive();
		assertThat(events.at("/eventLatency/viaOutboxPollOnly/events").asLong()).isPositive();
		JsonNode transports = events.get("transports");
		boolean rabbitMeasured = !transports.has("skipped");
		assertThat(events.at("/requestReply/rows")).hasSize(rabbitMeasured ? 4 : 3)
			.allSatisfy((row) -> assertThat(row.get("roundTrips").asLong()).isPositive());
		assertThat(Files.size(out.resolve("request-reply.png"))).isPositive();
		if (rabbitMeasured) {
			assertThat(transports.at("/rabbitPublisher/microkitPerSecond").asDouble()).isPositive();
			assertThat(transports.at("/rabbitPublisher/rabbitTemplatePerSecond").asDouble()).isPositive();
			assertThat(transports.at("/rabbitLatency/withoutStore/events").asLong()).isPositive();
			assertThat(transports.at("/rabbitLatency/publishFailures").asLong()).isZero();
			assertThat(Files.size(out.resolve("transport-latency.png"))).isPositive();
		}
		JsonNode protocols = results.get("protocols");
		boolean protocolsMeasured = !protocols.has("skipped");
		if (protocolsMeasured) {
			assertThat(protocols.get("protocols")).hasSize(2).allSatisfy((protocol) -> {
				assertThat(protocol.get("callsPerSecond").asDouble()).isPositive();
				assertThat(protocol.get("kibPerCall").asDouble()).isPositive();
				assertThat(protocol.get("failures").asLong()).isZero();
			});
		}
		// the RabbitMQ publisher's and the protocols' targets only where a RabbitMQ and a
		// PostgreSQL answered; the outbox's two and request-reply's one always
		assertThat(results.get("targets")).hasSize(18 + (rabbitMeasured ? 1 : 0) + (protocolsMeasured ? 1 : 0));
		assertThat(Files.readString(out.resolve("results.md"))).contains("| peak-ewma |", "![tail latency under skew]");
		assertThat(Files.size(out.resolve("pick-cost.png"))).isPositive();
		assertThat(Files.size(out.resolve("tail-latency.png"))).isPositive();
		assertThat(Files.size(out.resolve("tail-latency-grpc.png"))).isPositive();
		assertThat(Files.size(out.resolve("event-latency.png"))).isPositive();
		assertSampleServices(results.get("sampleServices"), out);
	}

	private void assertSampleServices(JsonNode samples, Path out) throws Exception {
		if (samples.has("skipped")) {
			// Without PostgreSQL the section says why it measured nothing.
			assertThat(Files.readString(out.resolve("results.md"))).contains("Skipped: PostgreSQL");
			return;
		}
		assertThat(samples.get("startups")).hasSize(2).allSatisfy((startup) -> {
			assertThat(startup.get("starts").asInt()).isOne();
			assertThat(startup.get("medianReadySeconds").asDouble()).isPositive();
		});
		assertThat(samples.get("orders")).hasSize(2).allSatisfy((mode) -> {
			assertThat(mode.get("orders").asLong()).isPositive();
			assertThat(mode.get("failures").asLong()).isZero();
		});
		assertThat(samples.get("asyncToSyncP50").asDouble()).isPositive();
		// the async orders' hops, read back from the timestamps both services wrote
		JsonNode hops = samples.get("asyncHops");
		assertThat(hops.get("orders").asInt()).isPositive();
		assertThat(hops.get("segments")).hasSize(7);
		assertThat(hops.get("segments").get(6).get("p50Millis").asDouble()).isPositive();
		assertThat(Files.size(out.resolve("sample-orders.png"))).isPositive();
	}

}
