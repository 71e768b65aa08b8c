package dev.microkit.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.ConsumerGroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Plain Kafka clients for reading and writing raw records in tests.
 */
public final class KafkaTestSupport {

	private final String bootstrapServers;

	public KafkaTestSupport(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
	}

	public static String uniqueTopic(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected, Duration timeout) {
		return readAll(topic, expected, timeout, Duration.ZERO);
	}

	/**
	 * Reads a topic from its start until it has the expected records, and then on until
	 * none came for the quiet time, so that a test sees a record sent once too often
	 * without waiting its whole timeout for one that should never come.
	 * @param topic the topic
	 * @param expected how many records to wait for
	 * @param timeout how long to wait for them
	 * @param quiet how long no record may come before reading stops, once the expected
	 * ones are read
	 * @return every record read
	 */
	public List<ConsumerRecord<String, byte[]>> readAll(String topic, int expected, Duration timeout, Duration quiet) {
		Map<String, Object> configs = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(configs, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (records.size() < expected && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
			long quietUntil = System.nanoTime() + quiet.toNanos();
			while (records.size() >= expected && System.nanoTime() < quietUntil) {
				int before = records.size();
				consumer.poll(Duration.ofMillis(100)).forEach(records::add);
				if (records.size() > before) {
					quietUntil = System.nanoTime() + quiet.toNanos();
				}
			}
		}
		return records;
	}

	public void createTopic(String name, int partitions) {
		try (AdminClient admin = admin()) {
			admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create topic " + name, ex);
		}
	}

	public void send(ProducerRecord<String, byte[]> record) throws Exception {
		Map<String, Object> configs = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(configs, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(record).get();
		}
	}

	/**
	 * Sends records with one producer, in order, and waits for every acknowledgement.
	 * @return where each record was written, in the order of the records
	 */
	public List<RecordMetadata> sendAll(List<ProducerRecord<String, byte[]>> records) throws Exception {
		Map<String, Object> configs = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(configs, new StringSerializer(),
				new ByteArraySerializer())) {
			List<Future<RecordMetadata>> sends = records.stream().map(producer::send).toList();
			List<RecordMetadata> written = new ArrayList<>(sends.size());
			for (Future<RecordMetadata> send : sends) {
				written.add(send.get());
			}
			return written;
		}
	}

	/**
	 * Records of a topic the group has not committed yet: the end offset of each
	 * partition less the group's committed offset (none counts as 0).
	 */
	public long lag(String group, String topic) throws Exception {
		try (AdminClient admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
				.partitionsToOffsetAndMetadata()
				.get();
			return endOffsets(admin, topic).entrySet().stream().mapToLong((end) -> {
				OffsetAndMetadata offset = committed.get(end.getKey());
				return end.getValue() - ((offset != null) ? offset.offset() : 0);
			}).sum();
		}
	}

	/**
	 * Members of a group that has settled, or 0 while it rebalances.
	 */
	public int stableMembers(String group) throws Exception {
		try (AdminClient admin = admin()) {
			ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group))
				.describedGroups()
				.get(group)
				.get();
			return (description.state() == ConsumerGroupState.STABLE) ? description.members().size() : 0;
		}
	}

	/**
	 * Records written to a topic so far, over all its partitions.
	 */
	public long recordsIn(String topic) throws Exception {
		try (AdminClient admin = admin()) {
			return endOffsets(admin, topic).values().stream().mapToLong(Long::longValue).sum();
		}
	}

	/**
	 * Moves an inactive group back to the start of every partition of a topic, so that it
	 * reads everything again.
	 */
	public void rewind(String group, String topic) throws Exception {
		try (AdminClient admin = admin()) {
			Map<TopicPartition, OffsetAndMetadata> start = endOffsets(admin, topic).keySet()
				.stream()
				.collect(Collectors.toMap(Function.identity(), (partition) -> new OffsetAndMetadata(0)));
			admin.alterConsumerGroupOffsets(group, start).all().get();
		}
	}

	private static Map<TopicPartition, Long> endOffsets(AdminClient admin, String topic) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.stream()
			.collect(Collectors.toMap((partition) -> new TopicPartition(topic, partition.partition()),
					(partition) -> OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
		return ends.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, (end) -> end.getValue().offset()));
	}

	private AdminClient admin() {
		return AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers));
	}

}
