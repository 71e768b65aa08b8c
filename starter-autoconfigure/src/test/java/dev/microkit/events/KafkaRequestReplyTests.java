package dev.microkit.events;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import dev.microkit.events.kafka.KafkaReplyChannel;
import dev.microkit.testsupport.kafka.InProcessKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Request-reply over Kafka: each instance reads its replies on a topic of its own.
 */
class KafkaRequestReplyTests extends RequestReplyScenarios {

	private final String topic = InProcessKafkaBroker.shared().newTopic("quotes");

	@Override
	protected ConfigurableApplicationContext run(String... properties) {
		List<String> all = new ArrayList<>(List.of("microkit.events.routes.stock=" + this.topic,
				"microkit.events.idempotency.store=memory", "microkit.events.concurrency=2"));
		all.addAll(List.of(properties));
		return EventsTestApplication.run(new Class<?>[] { QuoteHandlers.class },
				InProcessKafkaBroker.shared().bootstrapServers(), all.toArray(String[]::new));
	}

	@Override
	protected String topic() {
		return this.topic;
	}

	@Override
	protected boolean replyAddressExists(String address) throws Exception {
		Map<String, Object> admin = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
				InProcessKafkaBroker.shared().bootstrapServers());
		try (AdminClient client = AdminClient.create(admin)) {
			return client.listTopics().names().get().contains(address);
		}
	}

	@Test
	void aReplyIsAnEventOfTheRequestsTypeAndKeyThatNamesTheRequest() {
		ConfigurableApplicationContext context = start();
		context.getBean(EventPublisher.class)
			.requestAndWait("stock.quote", "sku-1", new QuoteRequest("sku-1", 3), StockQuote.class, WAIT);
		EventMetadata request = context.getBean(QuoteHandlers.class).requests.get(0);
		assertThat(request.replyTo()).isEqualTo(context.getBean(KafkaReplyChannel.class).name());
		ConsumerRecord<String, byte[]> reply = new KafkaTestSupport(InProcessKafkaBroker.shared().bootstrapServers())
			.readAll(request.replyTo(), 1, WAIT)
			.get(0);
		assertThat(header(reply, "ce_correlationid")).isEqualTo(request.id());
		assertThat(header(reply, "ce_type")).isEqualTo("stock.quote.reply");
		assertThat(header(reply, "ce_specversion")).isEqualTo("1.0");
		assertThat(reply.key()).isEqualTo("sku-1");
		assertThat(new String(reply.value(), StandardCharsets.UTF_8))
			.isEqualTo("{\"sku\":\"sku-1\",\"quantity\":3,\"price\":30}");
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
