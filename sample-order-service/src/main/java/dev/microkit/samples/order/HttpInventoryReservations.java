package dev.microkit.samples.order;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.microkit.calls.CallTimeoutException;
import dev.microkit.calls.CallTokenException;
import feign.FeignException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Reserves a sync order's stock over the inventory service's HTTP API, with its Feign
 * client.
 */
class HttpInventoryReservations implements InventoryReservations {

	private static final Log logger = LogFactory.getLog(HttpInventoryReservations.class);

	private final InventoryClient inventory;

	private final ObjectMapper objectMapper;

	HttpInventoryReservations(InventoryClient inventory, ObjectMapper objectMapper) {
		this.inventory = inventory;
		this.objectMapper = objectMapper;
	}

	@Override
	public Order reserve(Order order) {
		try {
			this.inventory.reserve(new InventoryClient.ReservationRequest(order.id(), order.sku(), order.quantity()));
			return order.complete(OrderStatus.CONFIRMED, null);
		}
		catch (FeignException.Conflict | FeignException.NotFound ex) {
			return order.complete(OrderStatus.REJECTED, problemDetail(ex));
		}
		catch (FeignException.Unauthorized | FeignException.Forbidden ex) {
			// this service's token refused: not the order's fault; it goes on by events
			logger.warn("Inventory refused this service's token (" + ex.status() + ") for order " + order.id());
			return order.pending(UNREACHABLE);
		}
		catch (FeignException.FeignClientException ex) {
			throw ex;
		}
		catch (FeignException | CallNotPermittedException | CallTimeoutException | CallTokenException
				| BulkheadFullException | RequestNotPermitted ex) {
			logger.warn("Inventory could not be reached for order " + order.id() + ": " + ex);
			return order.pending(UNREACHABLE);
		}
	}

	private String problemDetail(FeignException answer) {
		try {
			return this.objectMapper.readTree(answer.contentUTF8()).path("detail").asText(answer.getMessage());
		}
		catch (Exception ex) {
			return answer.getMessage();
		}
	}

}
