package dev.microkit.calls;

/**
 * What went wrong with one attempt of a call, as far as the instance that served it is
 * concerned.
 */
public enum FailureKind {

	/**
	 * The connection could not be established.
	 */
	CONNECT,

	/**
	 * The instance did not answer in time.
	 */
	TIMEOUT,

	/**
	 * The instance answered with a 5xx status.
	 */
	SERVER_ERROR,

	/**
	 * Any other I/O failure while sending or receiving.
	 */
	IO

}
