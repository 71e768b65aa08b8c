package dev.microkit.events;

/**
 * Names of the CloudEvents 1.0 context attributes microkit writes and reads. Each
 * protocol binding puts them on the wire under a prefix of its own: {@code ce_} on Kafka
 * ({@link CloudEventHeaders}), {@code cloudEvents_} on AMQP.
 */
public final class CloudEventAttributes {

	public static final String SPEC_VERSION = "specversion";

	public static final String ID = "id";

	public static final String TYPE = "type";

	public static final String SOURCE = "source";

	public static final String TIME = "time";

	/**
	 * The partitioning extension's attribute: the id of the entity the event is about.
	 * The Kafka binding carries it as the record key.
	 */
	public static final String PARTITION_KEY = "partitionkey";

	/**
	 * Extension attribute of a request: where the requester reads its replies (on Kafka,
	 * a topic of its own).
	 */
	public static final String REPLY_TO = "replyto";

	/**
	 * Extension attribute of a reply: the {@code id} of the request it answers.
	 */
	public static final String CORRELATION_ID = "correlationid";

	/**
	 * Kind of principal that produced the event, of the CloudEvents Auth Context
	 * extension: {@code service_account} for a service.
	 */
	public static final String AUTH_TYPE = "authtype";

	/**
	 * Id of the principal that produced the event, of the CloudEvents Auth Context
	 * extension.
	 */
	public static final String AUTH_ID = "authid";

	private CloudEventAttributes() {
	}

}
