package dev.microkit.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Request-reply: {@link EventPublisher#request} and handlers that answer by returning
 * their reply, on applications that each read replies at an address of their own;
 * subclasses say which transport.
 */
public abstract class RequestReplyScenarios {

	protected static final Duration WAIT = Duration.ofSeconds(30);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	/**
	 * Starts an application with {@link QuoteHandlers} whose {@code stock.*} events go to
	 * {@link #topic()}, the idempotent consumer's store in memory.
	 * @param properties more properties
	 */
	protected abstract ConfigurableApplicationContext run(String... properties);

	/**
	 * Where this test's {@code stock.*} events go.
	 */
	protected abstract String topic();

	/**
	 * Whether the broker has a reply topic or queue of this name now.
	 */
	protected abstract boolean replyAddressExists(String address) throws Exception;

	protected ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = run(properties);
		this.contexts.add(context);
		return context;
	}

	@Test
	void theHandlersReturnValueIsTheReply() {
		ConfigurableApplicationContext context = start();
		EventPublisher publisher = context.getBean(EventPublisher.class);
		StockQuote quote = publisher.requestAndWait("stock.quote", "sku-1", new QuoteRequest("sku-1", 3),
				StockQuote.class, WAIT);
		assertThat(quote).isEqualTo(new StockQuote("sku-1", 3, 30));
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		assertThat(meters.get("microkit.events.requests")
			.tags("type", "stock.quote", "outcome", "answered")
			.timer()
			.count()).isEqualTo(1);
		assertThat(context.getBean(PendingReplies.class).waiting()).isZero();
	}

	@Test
	void eachInstanceGetsTheRepliesToItsOwnRequests() {
		List<ConfigurableApplicationContext> instances = List.of(start(), start());
		List<CompletableFuture<StockQuote>> quotes = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			EventPublisher publisher = instances.get(i % 2).getBean(EventPublisher.class);
			quotes.add(publisher.request("stock.quote", "sku-" + i, new QuoteRequest("sku-" + i, i), StockQuote.class,
					WAIT));
		}
		for (int i = 0; i < 20; i++) {
			assertThat(quotes.get(i).join()).isEqualTo(new StockQuote("sku-" + i, i, i * 10));
		}
		instances.forEach((instance) -> assertThat(
				instance.getBean(MeterRegistry.class).find("microkit.events.replies.unmatched").counter())
			.isNull());
	}

	@Test
	void noReplyInTimeFailsTheRequestAndTheLateReplyIsCountedAndDropped() {
		ConfigurableApplicationContext context = start();
		EventPublisher publisher = context.getBean(EventPublisher.class);
		CompletableFuture<StockQuote> quote = publisher.request("stock.quote", "slow", new QuoteRequest("slow", 1),
				StockQuote.class, Duration.ofMillis(200));
		assertThatExceptionOfType(CompletionException.class).isThrownBy(quote::join)
			.withCauseInstanceOf(EventRequestTimeoutException.class)
			.withMessageContaining("'stock.quote' request")
			.withMessageContaining("within 200 ms");
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		await().atMost(WAIT)
			.until(() -> meters.find("microkit.events.replies.unmatched").tag("reason", "late").counter() != null);
		assertThat(meters.get("microkit.events.requests").tags("outcome", "timeout").timer().count()).isEqualTo(1);
		assertThat(context.getBean(PendingReplies.class).waiting()).isZero();
	}

	@Test
	void aSecondReplyToOneRequestIsCountedAsADuplicate() {
		ConfigurableApplicationContext context = start();
		EventPublisher publisher = context.getBean(EventPublisher.class);
		publisher.requestAndWait("stock.quote", "sku-1", new QuoteRequest("sku-1", 1), StockQuote.class, WAIT);
		EventMetadata request = context.getBean(QuoteHandlers.class).requests.get(0);
		publisher.reply(request, new StockQuote("sku-1", 1, 99)).join();
		MeterRegistry meters = context.getBean(MeterRegistry.class);
		await().atMost(WAIT)
			.until(() -> meters.find("microkit.events.replies.unmatched").tag("reason", "duplicate").counter() != null);
	}

	@Test
	void theReplyAddressIsRemovedWhenTheApplicationStops() throws Exception {
		ConfigurableApplicationContext context = start();
		context.getBean(EventPublisher.class)
			.requestAndWait("stock.quote", "sku-1", new QuoteRequest("sku-1", 1), StockQuote.class, WAIT);
		String address = context.getBean(ReplyChannel.class).address();
		assertThat(replyAddressExists(address)).isTrue();
		context.close();
		await().atMost(WAIT).until(() -> !replyAddressExists(address));
	}

	@Test
	void theReplyAddressIsOpenedAtStartWhenAskedAndOtherwiseByTheFirstRequest() throws Exception {
		String onFirstRequest = start().getBean(AbstractReplyChannel.class).name();
		String atStart = start("microkit.events.replies.open-at-start=true").getBean(AbstractReplyChannel.class).name();
		await().atMost(WAIT).until(() -> replyAddressExists(atStart));
		assertThat(replyAddressExists(onFirstRequest)).isFalse();
	}

	@Test
	void aReplyToAnEventThatIsNoRequestAndARequestWithoutAReplyChannelAreRefused() {
		ConfigurableApplicationContext context = start();
		EventMetadata notARequest = new EventMetadata("e-1", "stock.quote", "test", null, "sku-1", topic(), 0, 0);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> context.getBean(EventPublisher.class).reply(notARequest, new StockQuote("sku-1", 1, 1)))
			.withMessageContaining("is not a request");
		EventPublisher withoutReplies = new EventPublisher(context.getBean("microkitEventSender", EventSender.class),
				new ObjectMapper(), new TopicRouter(Map.of("stock", topic())), "test",
				new EventsMetrics(new SimpleMeterRegistry()));
		assertThatIllegalStateException()
			.isThrownBy(() -> withoutReplies.request("stock.quote", "sku-1", new QuoteRequest("sku-1", 1),
					StockQuote.class, WAIT))
			.withMessageContaining("needs a reply channel");
	}

	public record QuoteRequest(String sku, int quantity) {
	}

	public record StockQuote(String sku, int quantity, int price) {
	}

	public static class QuoteHandlers {

		public final List<EventMetadata> requests = new CopyOnWriteArrayList<>();

		@EventHandler("stock.quote")
		public StockQuote quote(QuoteRequest request, EventMetadata metadata) throws InterruptedException {
			this.requests.add(metadata);
			if (request.sku().equals("slow")) {
				Thread.sleep(1000);
			}
			return new StockQuote(request.sku(), request.quantity(), request.quantity() * 10);
		}

	}

}
