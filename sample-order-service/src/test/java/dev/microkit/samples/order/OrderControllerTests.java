package dev.microkit.samples.order;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(OrderController.class)
@Import(SecurityConfiguration.class)
@WithMockUser(authorities = { SecurityConfiguration.READ, SecurityConfiguration.WRITE })
class OrderControllerTests {

	private static final OffsetDateTime CREATED = OffsetDateTime.parse("2026-01-01T10:00:00Z");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private OrderService orders;

	@Test
	void placingAnOrderAnswers201WithItsStatus() throws Exception {
		given(this.orders.place(new PlaceOrderRequest("pen", 2, OrderMode.SYNC))).willReturn(new Order("o-1", "pen", 2,
				OrderMode.SYNC, OrderStatus.CONFIRMED, null, CREATED, CREATED.plusSeconds(1)));
		this.mvc.perform(json(post("/api/orders"), "{\"sku\":\"pen\",\"quantity\":2,\"mode\":\"sync\"}"))
			.andExpect(status().isCreated())
			.andExpect(content().json("""
					{"id":"o-1","sku":"pen","quantity":2,"mode":"sync","status":"CONFIRMED",
					 "createdAt":"2026-01-01T10:00:00Z","completedAt":"2026-01-01T10:00:01Z"}
					""", true));
	}

	@Test
	void anUnknownModeIsA400Problem() throws Exception {
		expectProblem(
				this.mvc.perform(json(post("/api/orders"), "{\"sku\":\"pen\",\"quantity\":2,\"mode\":\"later\"}")),
				400);
		then(this.orders).should(never()).place(any());
	}

	@Test
	void missingFieldsAndANonPositiveQuantityAreA400ProblemNamingThem() throws Exception {
		expectProblem(this.mvc.perform(json(post("/api/orders"), "{\"quantity\":0}")), 400)
			.andExpect(jsonPath("$.errors[*].field").value(containsInAnyOrder("sku", "quantity", "mode")));
	}

	@Test
	void aQuantityBeyondTheLimitIsA400Problem() throws Exception {
		expectProblem(
				this.mvc.perform(json(post("/api/orders"), "{\"sku\":\"pen\",\"quantity\":10001,\"mode\":\"sync\"}")),
				400)
			.andExpect(jsonPath("$.errors[0].field").value("quantity"));
	}

	@Test
	void aQuantityTooBigForAnIntegerIsA400Problem() throws Exception {
		expectProblem(this.mvc.perform(
				json(post("/api/orders"), "{\"sku\":\"pen\",\"quantity\":99999999999999999999,\"mode\":\"sync\"}")),
				400);
	}

	@Test
	void malformedJsonIsA400Problem() throws Exception {
		expectProblem(this.mvc.perform(json(post("/api/orders"), "{\"sku\":")), 400);
	}

	@Test
	void aBodyThatIsNotJsonIsA415Problem() throws Exception {
		expectProblem(
				this.mvc.perform(post("/api/orders").contentType(MediaType.TEXT_PLAIN).content("sku=pen&quantity=1")),
				415);
	}

	@Test
	void anUnknownOrderIsA404Problem() throws Exception {
		given(this.orders.find("o-9")).willThrow(new OrderNotFoundException("o-9"));
		expectProblem(this.mvc.perform(get("/api/orders/o-9")), 404)
			.andExpect(jsonPath("$.detail").value("Order 'o-9' does not exist"));
	}

	@Test
	void cancellingAnswersTheCancelledOrder() throws Exception {
		given(this.orders.cancel("o-1"))
			.willReturn(new Order("o-1", "pen", 2, OrderMode.ASYNC, OrderStatus.CANCELLED, null, CREATED, CREATED));
		this.mvc.perform(post("/api/orders/o-1/cancel"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("CANCELLED"));
	}

	@Test
	void cancellingARejectedOrderIsA409Problem() throws Exception {
		Order rejected = new Order("o-1", "pen", 2, OrderMode.SYNC, OrderStatus.REJECTED, "Not enough stock", CREATED,
				CREATED);
		given(this.orders.cancel("o-1")).willThrow(new OrderNotCancellableException(rejected));
		expectProblem(this.mvc.perform(post("/api/orders/o-1/cancel")), 409)
			.andExpect(jsonPath("$.detail").value("Order 'o-1' is REJECTED and cannot be cancelled"));
	}

	@Test
	void anUnknownPathIsA404Problem() throws Exception {
		expectProblem(this.mvc.perform(get("/api/nothing-here")), 404);
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
