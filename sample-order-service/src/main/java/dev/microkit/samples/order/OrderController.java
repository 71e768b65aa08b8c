package dev.microkit.samples.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The order HTTP API. It produces JSON only, so that a request accepting nothing else is
 * refused with 406 before it changes anything.
 */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
public class OrderController {

	private final OrderService orders;

	public OrderController(OrderService orders) {
		this.orders = orders;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	public Order place(@Valid @RequestBody PlaceOrderRequest request) {
		return this.orders.place(request);
	}

	@GetMapping("/{id}")
	public Order order(@PathVariable @Size(max = 64) String id) {
		return this.orders.find(id);
	}

	@PostMapping("/{id}/cancel")
	public Order cancel(@PathVariable @Size(max = 64) String id) {
		return this.orders.cancel(id);
	}

}
