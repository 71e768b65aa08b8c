package dev.microkit.samples.inventory;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(controllers = InventoryController.class, properties = "inventory.instance-id=test-instance")
@Import({ OnceOnlyReservations.class, SecurityConfiguration.class })
@WithMockUser(authorities = { SecurityConfiguration.READ, SecurityConfiguration.WRITE })
class InventoryControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private Inventory inventory;

	@Test
	void stockOfAKnownSkuNamesTheInstanceThatAnswered() throws Exception {
		given(this.inventory.stock("pen")).willReturn(new Stock("pen", 5, 2));
		this.mvc.perform(get("/api/inventory/pen"))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Instance-Id", "test-instance"))
			.andExpect(content().json("{\"sku\":\"pen\",\"available\":5,\"reserved\":2}", true));
	}

	@Test
	void stockOfAnUnknownSkuIsA404Problem() throws Exception {
		given(this.inventory.stock("ink")).willThrow(new UnknownSkuException("ink"));
		expectProblem(this.mvc.perform(get("/api/inventory/ink")), 404)
			.andExpect(jsonPath("$.title").value("Unknown SKU"))
			.andExpect(jsonPath("$.detail").value("SKU 'ink' is unknown"));
	}

	@Test
	void anOverlongSkuIsA400Problem() throws Exception {
		expectProblem(this.mvc.perform(get("/api/inventory/" + "x".repeat(65))), 400);
	}

	@Test
	void settingStockReturnsTheNewLevel() throws Exception {
		given(this.inventory.setAvailable("pen", 7)).willReturn(new Stock("pen", 7, 0));
		this.mvc.perform(json(put("/api/inventory/pen"), "{\"available\":7}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.available").value(7));
	}

	@Test
	void negativeStockIsA400ProblemNamingTheField() throws Exception {
		expectProblem(this.mvc.perform(json(put("/api/inventory/pen"), "{\"available\":-1}")), 400)
			.andExpect(jsonPath("$.errors[0].field").value("available"));
		then(this.inventory).should(never()).setAvailable(any(), anyInt());
	}

	@Test
	void aReservationIsCreated() throws Exception {
		given(this.inventory.reserve(new ReservationRequest("o-1", "pen", 2)))
			.willReturn(new Reservation("o-1", "pen", 2, ReservationStatus.RESERVED, null));
		this.mvc
			.perform(json(post("/api/inventory/reservations"), "{\"orderId\":\"o-1\",\"sku\":\"pen\",\"quantity\":2}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("RESERVED"));
	}

	@Test
	void theLoserOfARaceForTheSameOrderAnswersWithTheWinnersOutcome() throws Exception {
		given(this.inventory.reserve(any())).willThrow(new DuplicateKeyException("reservation_pkey"));
		given(this.inventory.reservation("o-1"))
			.willReturn(Optional.of(new Reservation("o-1", "pen", 2, ReservationStatus.RESERVED, null)));
		this.mvc
			.perform(json(post("/api/inventory/reservations"), "{\"orderId\":\"o-1\",\"sku\":\"pen\",\"quantity\":2}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("RESERVED"));
	}

	@Test
	void aRaceWhoseWinnerLeftNothingIsA409ProblemToRepeat() throws Exception {
		given(this.inventory.reserve(any())).willThrow(new DuplicateKeyException("reservation_pkey"));
		given(this.inventory.reservation("o-1")).willReturn(Optional.empty());
		expectProblem(this.mvc.perform(
				json(post("/api/inventory/reservations"), "{\"orderId\":\"o-1\",\"sku\":\"pen\",\"quantity\":2}")), 409)
			.andExpect(jsonPath("$.title").value("Concurrent reservation"));
	}

	@Test
	void aRejectedReservationIsA409ProblemCarryingIt() throws Exception {
		given(this.inventory.reserve(any()))
			.willReturn(new Reservation("o-1", "pen", 9, ReservationStatus.REJECTED, "Not enough stock: 2 available"));
		expectProblem(this.mvc.perform(
				json(post("/api/inventory/reservations"), "{\"orderId\":\"o-1\",\"sku\":\"pen\",\"quantity\":9}")), 409)
			.andExpect(jsonPath("$.detail").value("Not enough stock: 2 available"))
			.andExpect(jsonPath("$.reservation.status").value("REJECTED"));
	}

	@Test
	void aReservationOfAnUnknownSkuIsA404Problem() throws Exception {
		given(this.inventory.reserve(any())).willThrow(new UnknownSkuException("ink"));
		expectProblem(this.mvc
			.perform(json(post("/api/inventory/reservations"), "{\"orderId\":\"o-1\",\"sku\":\"ink\",\"quantity\":1}")),
				404);
	}

	@Test
	void aReservationWithMissingFieldsOrNoQuantityIsA400ProblemNamingThem() throws Exception {
		expectProblem(this.mvc.perform(json(post("/api/inventory/reservations"), "{\"sku\":\"pen\",\"quantity\":0}")),
				400)
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("orderId", "quantity")));
		then(this.inventory).should(never()).reserve(any());
	}

	@Test
	void malformedJsonIsA400Problem() throws Exception {
		expectProblem(this.mvc.perform(json(post("/api/inventory/reservations"), "{\"orderId\":")), 400);
	}

	@Test
	void aQuantityOfTheWrongTypeIsA400Problem() throws Exception {
		expectProblem(this.mvc.perform(json(post("/api/inventory/reservations"),
				"{\"orderId\":\"o-1\",\"sku\":\"pen\",\"quantity\":\"many\"}")), 400);
	}

	@Test
	void aBodyThatIsNotJsonIsA415Problem() throws Exception {
		expectProblem(
				this.mvc.perform(
						post("/api/inventory/reservations").contentType(MediaType.TEXT_PLAIN).content("orderId=o-1")),
				415);
	}

	@Test
	void releasingAReservationIs204() throws Exception {
		this.mvc.perform(delete("/api/inventory/reservations/o-1")).andExpect(status().isNoContent());
		then(this.inventory).should().release("o-1");
	}

	@Test
	void anUnexpectedFailureIsA500ProblemWithoutInternals() throws Exception {
		given(this.inventory.stock("pen")).willThrow(new IllegalStateException("connection pool exhausted"));
		expectProblem(this.mvc.perform(get("/api/inventory/pen")), 500)
			.andExpect(content().string(not(containsString("pool"))));
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

	private static ResultActions expectProblem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status));
	}

}
