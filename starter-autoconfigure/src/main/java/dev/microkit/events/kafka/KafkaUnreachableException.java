package dev.microkit.events.kafka;

/**
 * Thrown when Kafka does not answer in time: a state that passes, unlike a setting that
 * is wrong.
 */
class KafkaUnreachableException extends RuntimeException {

	KafkaUnreachableException(String message, Throwable cause) {
		super(message, cause);
	}

}
