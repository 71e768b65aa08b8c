package dev.microkit.events.kafka;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.lang.Nullable;

/**
 * Starts the events' producers, and asks for the cluster id, in the background once the
 * application is ready (a context started alone, as in a test, connects to nothing).
 * Spring Kafka makes a producer on the first send, which then waits for the cluster's
 * metadata and, the producer being idempotent, for its producer id; a template that
 * records observations first asks the {@link KafkaAdmin} for the cluster id through an
 * admin client of its own. On a cold JVM that is most of a second, paid by the first
 * event, and twice by the first request-reply round trip (request and reply). A producer
 * that cannot reach the broker yet keeps trying on its own, and the first send reports
 * what it finds.
 */
public class KafkaProducerWarmUp implements ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(KafkaProducerWarmUp.class);

	private final List<ProducerFactory<?, ?>> factories;

	private final KafkaAdmin admin;

	private final AtomicBoolean started = new AtomicBoolean();

	/**
	 * Makes a warm-up of these producers.
	 * @param factories the factories whose producers to start
	 * @param admin the admin the templates ask for the cluster id, if any
	 */
	public KafkaProducerWarmUp(List<ProducerFactory<?, ?>> factories, @Nullable KafkaAdmin admin) {
		this.factories = List.copyOf(factories);
		this.admin = admin;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!this.started.compareAndSet(false, true)) {
			return;
		}
		Thread warmUp = new Thread(this::warmUp, "microkit-events-producer-warm-up");
		warmUp.setDaemon(true);
		warmUp.start();
	}

	private void warmUp() {
		for (ProducerFactory<?, ?> factory : this.factories) {
			try {
				// a factory's shared producer stays open when its handle is closed
				factory.createProducer().close();
			}
			catch (RuntimeException ex) {
				logger.debug("Producer not started ahead of the first send: " + ex.getMessage());
			}
		}
		if (this.admin != null) {
			try {
				// the admin keeps the id it got, and the templates ask it
				this.admin.clusterId();
			}
			catch (RuntimeException ex) {
				logger.debug("Cluster id not read ahead of the first send: " + ex.getMessage());
			}
		}
	}

}
