package dev.microkit.events;

/**
 * Header names of the CloudEvents 1.0 Kafka protocol binding, binary content mode: the
 * attributes travel as {@code ce_}-prefixed headers and the record value is the event
 * data.
 */
public final class CloudEventHeaders {

	/**
	 * What the binding puts before an attribute's name, extension attributes included.
	 */
	public static final String PREFIX = "ce_";

	public static final String SPEC_VERSION = "ce_specversion";

	public static final String ID = "ce_id";

	public static final String TYPE = "ce_type";

	public static final String SOURCE = "ce_source";

	public static final String TIME = "ce_time";

	public static final String CONTENT_TYPE = "content-type";

	/**
	 * The only specification version microkit writes and reads.
	 */
	public static final String SPEC_VERSION_1_0 = "1.0";

	public static final String JSON = "application/json";

	private CloudEventHeaders() {
	}

}
