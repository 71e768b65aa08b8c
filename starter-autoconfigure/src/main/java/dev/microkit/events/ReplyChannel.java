package dev.microkit.events;

/**
 * Where the replies to this instance's requests come back, as a transport provides it: on
 * Kafka a topic of this instance's own. It hands each reply it reads to
 * {@link PendingReplies}.
 */
public interface ReplyChannel {

	/**
	 * The address requests carry in their {@code replyto} attribute. The first call opens
	 * the channel and returns once replies sent to it will be read.
	 * @return the address, such as a topic name
	 */
	String address();

}
