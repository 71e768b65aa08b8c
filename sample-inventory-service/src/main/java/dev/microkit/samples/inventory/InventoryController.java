package dev.microkit.samples.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The inventory HTTP API. It produces JSON only, so that a request accepting nothing else
 * is refused with 406 before it changes anything.
 */
@RestController
@RequestMapping(path = "/api/inventory", produces = MediaType.APPLICATION_JSON_VALUE)
public class InventoryController {

	private final Inventory inventory;

	private final OnceOnlyReservations reservations;

	public InventoryController(Inventory inventory, OnceOnlyReservations reservations) {
		this.inventory = inventory;
		this.reservations = reservations;
	}

	@GetMapping("/{sku}")
	public Stock stock(@PathVariable @Size(max = 64) String sku) {
		return this.inventory.stock(sku);
	}

	@PutMapping("/{sku}")
	public Stock setStock(@PathVariable @Size(max = 64) String sku, @Valid @RequestBody StockUpdate update) {
		return this.inventory.setAvailable(sku, update.available());
	}

	/**
	 * Reserves stock: 201 with the reservation, or 409 with a problem that carries it.
	 * The same order id always gets the same answer.
	 */
	@PostMapping("/reservations")
	public ResponseEntity<?> reserve(@Valid @RequestBody ReservationRequest request) {
		Reservation reservation = this.reservations.reserve(request);
		if (reservation.isRejected()) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, reservation.reason());
			problem.setTitle("Not enough stock");
			problem.setProperty("reservation", reservation);
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem);
		}
		return ResponseEntity.status(HttpStatus.CREATED).body(reservation);
	}

	@DeleteMapping("/reservations/{orderId}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	public void release(@PathVariable @Size(max = 64) String orderId) {
		this.inventory.release(orderId);
	}

}
