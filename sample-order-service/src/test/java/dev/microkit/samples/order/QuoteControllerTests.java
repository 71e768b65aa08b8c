package dev.microkit.samples.order;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(QuoteController.class)
@Import(SecurityConfiguration.class)
@WithMockUser(authorities = SecurityConfiguration.READ)
class QuoteControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private InventoryQuotes quotes;

	@Test
	void aQuoteAnswers200WithWhatInventoryReplied() throws Exception {
		given(this.quotes.quote("pen", 3)).willReturn(new Quote("pen", 3, 10, true, "inventory-1"));
		this.mvc.perform(get("/api/quotes/pen").param("quantity", "3"))
			.andExpect(status().isOk())
			.andExpect(content().json("""
					{"sku":"pen","quantity":3,"available":10,"enough":true,"answeredBy":"inventory-1"}
					""", true));
	}

	@Test
	void theQuantityIsOneUnlessGiven() throws Exception {
		given(this.quotes.quote("pen", 1)).willReturn(new Quote("pen", 1, 0, false, "inventory-1"));
		this.mvc.perform(get("/api/quotes/pen"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enough").value(false));
	}

	@Test
	void anUnknownSkuIsA404Problem() throws Exception {
		given(this.quotes.quote("nothing", 1)).willThrow(new UnknownSkuException("nothing"));
		expectProblem(this.mvc.perform(get("/api/quotes/nothing")), 404)
			.andExpect(jsonPath("$.detail").value(containsString("nothing")));
	}

	@Test
	void noReplyInTimeIsA504Problem() throws Exception {
		given(this.quotes.quote("pen", 1))
			.willThrow(new InventoryUnavailableException("No inventory instance answered"));
		expectProblem(this.mvc.perform(get("/api/quotes/pen")), 504)
			.andExpect(jsonPath("$.title").value("Inventory did not answer"));
	}

	@Test
	void aQuantityBelowOneOrNotANumberIsA400Problem() throws Exception {
		expectProblem(this.mvc.perform(get("/api/quotes/pen").param("quantity", "0")), 400);
		expectProblem(this.mvc.perform(get("/api/quotes/pen").param("quantity", "many")), 400);
		then(this.quotes).should(never()).quote(anyString(), anyInt());
	}

	private static ResultActions expectProblem(ResultActions result, int status) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentType("application/problem+json"))
			.andExpect(jsonPath("$.status").value(status));
	}

}
