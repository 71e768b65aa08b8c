package dev.microkit.deployment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleClusterResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTransactionalIdResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleType;
import org.apache.kafka.common.acl.AclOperation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Kafka user's ACLs, as a Strimzi {@code KafkaUser} declares them on Kubernetes or
 * {@code kafka-acls.sh} creates them in Docker Compose, and what they allow, decided as
 * Kafka's {@code StandardAuthorizer} decides it.
 *
 * @param user the user's name, without {@code User:}
 * @param acls one entry per resource pattern and operation
 */
record KafkaAcls(String user, Set<Acl> acls) {

	/**
	 * The cluster resource's only name.
	 */
	static final String CLUSTER = "kafka-cluster";

	/**
	 * One ACL entry.
	 *
	 * @param resourceType {@code topic}, {@code group}, {@code cluster} or
	 * {@code transactional-id}
	 * @param name the resource's name, {@code *} for all, or its prefix
	 * @param prefixed whether the name is a prefix
	 * @param operation the operation
	 * @param allow allow or deny
	 */
	record Acl(String resourceType, String name, boolean prefixed, AclOperation operation, boolean allow) {

	}

	/**
	 * The ACLs of a Strimzi {@code KafkaUser} with {@code simple} authorization.
	 */
	static KafkaAcls of(KafkaUser user) {
		assertThat(user.getSpec().getAuthorization()).isInstanceOf(KafkaUserAuthorizationSimple.class);
		Set<Acl> acls = new LinkedHashSet<>();
		for (AclRule rule : ((KafkaUserAuthorizationSimple) user.getSpec().getAuthorization()).getAcls()) {
			String type;
			String name;
			AclResourcePatternType patternType = AclResourcePatternType.LITERAL;
			if (rule.getResource() instanceof AclRuleTopicResource topic) {
				type = "topic";
				name = topic.getName();
				patternType = topic.getPatternType();
			}
			else if (rule.getResource() instanceof AclRuleGroupResource group) {
				type = "group";
				name = group.getName();
				patternType = group.getPatternType();
			}
			else if (rule.getResource() instanceof AclRuleTransactionalIdResource transactionalId) {
				type = "transactional-id";
				name = transactionalId.getName();
				patternType = transactionalId.getPatternType();
			}
			else if (rule.getResource() instanceof AclRuleClusterResource) {
				type = "cluster";
				name = CLUSTER;
			}
			else {
				throw new AssertionError("Unknown ACL resource " + rule.getResource());
			}
			for (Object operation : rule.getOperations()) {
				acls.add(new Acl(type, name, patternType == AclResourcePatternType.PREFIX,
						operation(operation.toString()), rule.getType() != AclRuleType.DENY));
			}
		}
		return new KafkaAcls(user.getMetadata().getName(), acls);
	}

	/**
	 * The ACLs that {@code kafka-acls.sh --add} commands create, by user.
	 * @param commands each command's arguments after {@code --add}
	 */
	static Map<String, KafkaAcls> ofKafkaAclsCommands(List<List<String>> commands) {
		Map<String, KafkaAcls> users = new LinkedHashMap<>();
		for (List<String> command : commands) {
			List<String> principals = new ArrayList<>();
			boolean allow = true;
			List<AclOperation> operations = new ArrayList<>();
			List<String[]> resources = new ArrayList<>();
			boolean prefixed = false;
			for (int i = 0; i < command.size(); i++) {
				String option = command.get(i);
				switch (option) {
					case "--allow-principal", "--deny-principal" -> {
						allow = option.equals("--allow-principal");
						principals.add(command.get(++i));
					}
					case "--operation" -> operations.add(operation(command.get(++i)));
					case "--topic", "--group", "--transactional-id" ->
						resources.add(new String[] { option.substring(2), command.get(++i) });
					case "--cluster" -> resources.add(new String[] { "cluster", CLUSTER });
					case "--resource-pattern-type" -> {
						String patternType = command.get(++i);
						assertThat(patternType).isIn("literal", "prefixed");
						prefixed = patternType.equals("prefixed");
					}
					default -> throw new AssertionError("Unexpected kafka-acls.sh option " + option + " in " + command);
				}
			}
			assertThat(principals).as("principals of " + command).isNotEmpty();
			assertThat(operations).as("operations of " + command).isNotEmpty();
			assertThat(resources).as("resources of " + command).isNotEmpty();
			for (String principal : principals) {
				assertThat(principal).startsWith("User:");
				String user = principal.substring("User:".length());
				KafkaAcls acls = users.computeIfAbsent(user, (name) -> new KafkaAcls(name, new LinkedHashSet<>()));
				for (String[] resource : resources) {
					for (AclOperation operation : operations) {
						acls.acls.add(new Acl(resource[0], resource[1], prefixed && !resource[0].equals("cluster"),
								operation, allow));
					}
				}
			}
		}
		return users;
	}

	/**
	 * An operation as {@code kafka-acls.sh} ({@code IdempotentWrite}) or Strimzi
	 * ({@code IDEMPOTENTWRITE}) names it.
	 */
	static AclOperation operation(String name) {
		String normalized = name.replaceAll("[^A-Za-z]", "").toUpperCase(Locale.ROOT);
		return Arrays.stream(AclOperation.values())
			.filter((operation) -> operation.name().replace("_", "").equals(normalized))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No Kafka ACL operation " + name));
	}

	/**
	 * Whether the ACLs allow an operation on a resource: a matching deny entry wins, then
	 * a matching allow entry allows, as Kafka's {@code StandardAuthorizer} decides.
	 * @param type {@code topic}, {@code group}, {@code cluster} or
	 * {@code transactional-id}
	 * @param name the resource's name ({@link #CLUSTER} for the cluster)
	 * @param operation the operation
	 */
	boolean allows(String type, String name, AclOperation operation) {
		List<Acl> matching = this.acls.stream().filter((acl) -> covers(acl, type, name)).toList();
		if (matching.stream()
			.anyMatch((acl) -> !acl.allow() && (acl.operation() == operation || acl.operation() == AclOperation.ALL))) {
			return false;
		}
		return matching.stream()
			.filter(Acl::allow)
			.anyMatch((acl) -> acl.operation() == operation || acl.operation() == AclOperation.ALL
					|| implies(acl.operation(), operation));
	}

	private static boolean implies(AclOperation allowed, AclOperation operation) {
		// Kafka: Read, Write, Delete and Alter imply Describe; AlterConfigs implies
		// DescribeConfigs
		if (operation == AclOperation.DESCRIBE) {
			return List.of(AclOperation.READ, AclOperation.WRITE, AclOperation.DELETE, AclOperation.ALTER)
				.contains(allowed);
		}
		return operation == AclOperation.DESCRIBE_CONFIGS && allowed == AclOperation.ALTER_CONFIGS;
	}

	private static boolean covers(Acl acl, String type, String name) {
		if (!acl.resourceType().equals(type)) {
			return false;
		}
		if (acl.prefixed()) {
			return name.startsWith(acl.name());
		}
		return acl.name().equals("*") || acl.name().equals(name);
	}

	void assertAllowed(String type, String name, AclOperation... operations) {
		for (AclOperation operation : operations) {
			assertThat(allows(type, name, operation)).as(this.user + " may " + operation + " " + type + " " + name)
				.isTrue();
		}
	}

	void assertDenied(String type, String name, AclOperation... operations) {
		for (AclOperation operation : operations) {
			assertThat(allows(type, name, operation)).as(this.user + " may not " + operation + " " + type + " " + name)
				.isFalse();
		}
	}

	/**
	 * Checks that the ACLs allow what microkit's Kafka transport does for a sample
	 * service, and no more: its group, the topics it handles (Read) and their dead-letter
	 * topics, the topics it publishes (Write, idempotent), its reply topics if it sends
	 * requests, and the requesters' reply topics if it answers them.
	 * @param sample the service
	 * @param samples all sample services
	 * @param topics the cluster's topics
	 */
	void assertMayDoWhatItsServiceDoesAndNoMore(SampleConfiguration sample, List<SampleConfiguration> samples,
			List<String> topics) {
		String uuid = "0b5e5a8e-8a5a-4c57-9d8e-4b8d1f2a6c1d";
		assertAllowed("group", sample.group(), AclOperation.READ, AclOperation.DESCRIBE);
		for (String topic : sample.handledTopics()) {
			assertAllowed("topic", topic, AclOperation.READ, AclOperation.DESCRIBE);
			assertAllowed("topic", topic + "-dlt", AclOperation.WRITE, AclOperation.DESCRIBE);
			assertDenied("topic", topic, AclOperation.WRITE);
		}
		for (String topic : sample.publishedTopics()) {
			assertAllowed("topic", topic, AclOperation.WRITE, AclOperation.DESCRIBE);
			assertDenied("topic", topic, AclOperation.READ);
		}
		assertAllowed("cluster", CLUSTER, AclOperation.IDEMPOTENT_WRITE);
		if (sample.sendsRequests()) {
			String replies = sample.group() + ".replies." + uuid;
			assertAllowed("topic", replies, AclOperation.CREATE, AclOperation.READ, AclOperation.DELETE,
					AclOperation.DESCRIBE);
			assertAllowed("group", replies, AclOperation.READ);
		}
		for (SampleConfiguration other : samples) {
			String replies = other.group() + ".replies." + uuid;
			boolean answers = other.sendsRequests()
					&& sample.handledTopics().stream().anyMatch(other.publishedTopics()::contains);
			if (answers) {
				assertAllowed("topic", replies, AclOperation.WRITE, AclOperation.DESCRIBE);
			}
			if (other != sample) {
				assertDenied("group", other.group(), AclOperation.READ);
				assertDenied("topic", replies, AclOperation.READ);
				assertDenied("group", replies, AclOperation.READ);
			}
		}
		assertDenied("topic", "any-other-topic", AclOperation.READ, AclOperation.WRITE, AclOperation.CREATE,
				AclOperation.DESCRIBE);
		for (String topic : topics) {
			assertDenied("topic", topic, AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER);
		}
		assertDenied("cluster", CLUSTER, AclOperation.ALTER, AclOperation.CREATE, AclOperation.CLUSTER_ACTION);
		assertThat(this.acls).allSatisfy((acl) -> assertThat(acl.operation()).isNotEqualTo(AclOperation.ALL));
	}

}
