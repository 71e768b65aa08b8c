package dev.microkit.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import dev.microkit.config.PropertyChecks;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration of microkit events.
 */
@ConfigurationProperties("microkit.events")
public class EventsProperties {

	/**
	 * Whether microkit publishes and consumes events.
	 */
	private boolean enabled = true;

	/**
	 * Value of the ce_source attribute of published events; the application name when not
	 * set.
	 */
	private String source;

	/**
	 * Consumer group of competing handlers, and prefix of broadcast groups; when not set,
	 * spring.kafka.consumer.group-id, else the application name.
	 */
	private String group;

	/**
	 * Topic per event type or type prefix, such as order: orders; an unrouted type goes
	 * to the topic named after its first segment.
	 */
	private Map<String, String> routes = new LinkedHashMap<>();

	/**
	 * Broker the events travel through: Kafka, or RabbitMQ through Spring AMQP and Boot's
	 * spring.rabbitmq.* settings.
	 */
	private Transport transport = Transport.KAFKA;

	/**
	 * What happens to a record whose type no handler of the group knows.
	 */
	private UnknownTypes unknownTypes = UnknownTypes.SKIP;

	/**
	 * Consumer threads per subscribed topic.
	 */
	private int concurrency = 1;

	/**
	 * Whether to record an observation of every sent and received record, which carries
	 * the trace across Kafka; when not set, only if the application has a tracer.
	 */
	private Boolean observationEnabled;

	private final Retry retry = new Retry();

	private final Idempotency idempotency = new Idempotency();

	private final Jdbc jdbc = new Jdbc();

	private final Outbox outbox = new Outbox();

	private final Rabbitmq rabbitmq = new Rabbitmq();

	private final Replies replies = new Replies();

	private final Identity identity = new Identity();

	public Transport getTransport() {
		return this.transport;
	}

	public void setTransport(Transport transport) {
		this.transport = transport;
	}

	public Rabbitmq getRabbitmq() {
		return this.rabbitmq;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Boolean getObservationEnabled() {
		return this.observationEnabled;
	}

	public void setObservationEnabled(Boolean observationEnabled) {
		this.observationEnabled = observationEnabled;
	}

	public String getSource() {
		return this.source;
	}

	public void setSource(String source) {
		this.source = source;
	}

	public String getGroup() {
		return this.group;
	}

	public void setGroup(String group) {
		this.group = group;
	}

	public Map<String, String> getRoutes() {
		return this.routes;
	}

	public void setRoutes(Map<String, String> routes) {
		this.routes = routes;
	}

	public UnknownTypes getUnknownTypes() {
		return this.unknownTypes;
	}

	public void setUnknownTypes(UnknownTypes unknownTypes) {
		this.unknownTypes = unknownTypes;
	}

	public int getConcurrency() {
		return this.concurrency;
	}

	public void setConcurrency(int concurrency) {
		PropertyChecks.atLeast(concurrency, 1);
		this.concurrency = concurrency;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Idempotency getIdempotency() {
		return this.idempotency;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Outbox getOutbox() {
		return this.outbox;
	}

	public Replies getReplies() {
		return this.replies;
	}

	public Identity getIdentity() {
		return this.identity;
	}

	/**
	 * Who produces this application's events, in the CloudEvents Auth Context extension
	 * ({@code authtype}, {@code authid}) of every event it sends.
	 */
	public static class Identity {

		/**
		 * Whether sent events carry the producer's identity.
		 */
		private boolean enabled = true;

		/**
		 * Kind of principal (authtype): service_account, app_user, user, api_key, system,
		 * unauthenticated or unknown.
		 */
		private String type = "service_account";

		/**
		 * Principal's id (authid), such as the service's broker user or OAuth2 client id;
		 * the ce_source value when not set.
		 */
		private String id;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getType() {
			return this.type;
		}

		public void setType(String type) {
			if (!ProducerIdentity.TYPES.contains(type)) {
				throw new IllegalArgumentException("'" + type
						+ "' is not a kind of principal of the CloudEvents Auth Context extension; use one of "
						+ new TreeSet<>(ProducerIdentity.TYPES));
			}
			this.type = type;
		}

		public String getId() {
			return this.id;
		}

		public void setId(String id) {
			this.id = id;
		}

	}

	/**
	 * What to do with a record of a type nobody handles.
	 */
	public enum UnknownTypes {

		/**
		 * Count it and move on.
		 */
		SKIP,

		/**
		 * Count it and send it to the dead-letter topic.
		 */
		DEAD_LETTER

	}

	/**
	 * Blocking retries of a failed handler before the record is dead-lettered.
	 */
	public static class Retry {

		/**
		 * Deliveries of a record in all, the first included.
		 */
		private int maxAttempts = 4;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialInterval = Duration.ofMillis(200);

		/**
		 * Factor by which each wait grows.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two deliveries.
		 */
		private Duration maxInterval = Duration.ofSeconds(5);

		/**
		 * Exceptions, thrown by handlers, that send the record to the dead-letter topic
		 * at once.
		 */
		private List<Class<? extends Exception>> notRetryable = new ArrayList<>();

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			PropertyChecks.atLeast(maxAttempts, 1);
			this.maxAttempts = maxAttempts;
		}

		public Duration getInitialInterval() {
			return this.initialInterval;
		}

		public void setInitialInterval(Duration initialInterval) {
			PropertyChecks.positive(initialInterval);
			this.initialInterval = initialInterval;
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			if (multiplier < 1.0) {
				throw new IllegalArgumentException("must be 1 or more");
			}
			this.multiplier = multiplier;
		}

		public Duration getMaxInterval() {
			return this.maxInterval;
		}

		public void setMaxInterval(Duration maxInterval) {
			PropertyChecks.positive(maxInterval);
			this.maxInterval = maxInterval;
		}

		public List<Class<? extends Exception>> getNotRetryable() {
			return this.notRetryable;
		}

		public void setNotRetryable(List<Class<? extends Exception>> notRetryable) {
			this.notRetryable = notRetryable;
		}

	}

	/**
	 * Skipping events already handled.
	 */
	public static class Idempotency {

		/**
		 * Where handled event ids are kept: auto uses the database when there is a
		 * DataSource, else memory.
		 */
		private Store store = Store.AUTO;

		/**
		 * Event ids the memory store keeps per application instance; the oldest are
		 * forgotten first.
		 */
		private int memoryCapacity = 100_000;

		/**
		 * How long the database store keeps handled event ids.
		 */
		private Duration retention = Duration.ofDays(7);

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public int getMemoryCapacity() {
			return this.memoryCapacity;
		}

		public void setMemoryCapacity(int memoryCapacity) {
			PropertyChecks.atLeast(memoryCapacity, 1);
			this.memoryCapacity = memoryCapacity;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			PropertyChecks.positive(retention);
			this.retention = retention;
		}

		/**
		 * Stores of handled event ids.
		 */
		public enum Store {

			/**
			 * The database when the application has a DataSource, else memory.
			 */
			AUTO,

			/**
			 * A table written in the handler's transaction.
			 */
			JDBC,

			/**
			 * A bounded set per application instance.
			 */
			MEMORY,

			/**
			 * No deduplication.
			 */
			NONE

		}

	}

	/**
	 * Where this instance reads the replies to its requests.
	 */
	public static class Replies {

		/**
		 * Whether this instance opens its reply topic or queue in the background as it
		 * starts, so that its first request does not wait for it; otherwise the first
		 * request opens it, and an instance that never sends one has none.
		 */
		private boolean openAtStart;

		public boolean isOpenAtStart() {
			return this.openAtStart;
		}

		public void setOpenAtStart(boolean openAtStart) {
			this.openAtStart = openAtStart;
		}

	}

	/**
	 * The tables of the starter.
	 */
	public static class Jdbc {

		/**
		 * When to create the starter's tables: always (the scripts create only what is
		 * missing), embedded for in-memory databases only, or never when migrations
		 * create them.
		 */
		private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.ALWAYS;

		/**
		 * Location of the schema script; @@platform@@ is replaced by the database
		 * platform, such as postgresql or h2.
		 */
		private String schema = "optional:classpath:dev/microkit/events/schema-@@platform@@.sql";

		public DatabaseInitializationMode getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getSchema() {
			return this.schema;
		}

		public void setSchema(String schema) {
			this.schema = schema;
		}

	}

	/**
	 * The transactional outbox.
	 */
	public static class Outbox {

		/**
		 * Whether events published inside a database transaction are written to the
		 * outbox table in that transaction and relayed to Kafka after it commits.
		 */
		private boolean enabled;

		/**
		 * Whether a transaction that wrote events wakes this instance's relay as soon as
		 * it commits, so that they are sent then rather than at the relay's next poll.
		 */
		private boolean sendAfterCommit = true;

		/**
		 * How often the relay looks for events no commit woke it for: those of other
		 * instances, of transactions before a crash, and sends that failed.
		 */
		private Duration pollInterval = Duration.ofMillis(100);

		/**
		 * Events the relay sends per database transaction at most: a pass waits for the
		 * broker once, so larger batches drain a backlog faster, and a pass that finds
		 * fewer rows sends what it finds at once.
		 */
		private int batchSize = 2000;

		/**
		 * Longest time the relay waits for the broker to acknowledge a batch.
		 */
		private Duration sendTimeout = Duration.ofSeconds(30);

		/**
		 * Longest pause between two relay attempts while Kafka or the database fails.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		/**
		 * How long sent events stay in the outbox table before they are deleted.
		 */
		private Duration retention = Duration.ofHours(24);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isSendAfterCommit() {
			return this.sendAfterCommit;
		}

		public void setSendAfterCommit(boolean sendAfterCommit) {
			this.sendAfterCommit = sendAfterCommit;
		}

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			PropertyChecks.positive(pollInterval);
			this.pollInterval = pollInterval;
		}

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			PropertyChecks.atLeast(batchSize, 1);
			this.batchSize = batchSize;
		}

		public Duration getSendTimeout() {
			return this.sendTimeout;
		}

		public void setSendTimeout(Duration sendTimeout) {
			PropertyChecks.positive(sendTimeout);
			this.sendTimeout = sendTimeout;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			PropertyChecks.positive(maxBackoff);
			this.maxBackoff = maxBackoff;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			PropertyChecks.positive(retention);
			this.retention = retention;
		}

	}

	/**
	 * The brokers events travel through.
	 */
	public enum Transport {

		/**
		 * Apache Kafka, through spring-kafka.
		 */
		KAFKA,

		/**
		 * RabbitMQ, through Spring AMQP.
		 */
		RABBITMQ

	}

	/**
	 * Settings of the RabbitMQ transport.
	 */
	public static class Rabbitmq {

		/**
		 * Messages the broker sends each consumer ahead of its acknowledgements.
		 */
		private int prefetch = 50;

		/**
		 * Whether a competing group's queue lets one consumer at a time take its messages
		 * (single active consumer), which keeps each key's events in order; the other
		 * instances stand by and take over when it leaves. When false, every instance
		 * consumes at once and events of one key may be handled out of order.
		 */
		private boolean ordered = true;

		/**
		 * Whether a competing group's queue is a quorum queue, replicated on a cluster;
		 * when false, a classic durable queue.
		 */
		private boolean quorumQueues = true;

		public int getPrefetch() {
			return this.prefetch;
		}

		public void setPrefetch(int prefetch) {
			this.prefetch = prefetch;
		}

		public boolean isOrdered() {
			return this.ordered;
		}

		public void setOrdered(boolean ordered) {
			this.ordered = ordered;
		}

		public boolean isQuorumQueues() {
			return this.quorumQueues;
		}

		public void setQuorumQueues(boolean quorumQueues) {
			this.quorumQueues = quorumQueues;
		}

	}

}
