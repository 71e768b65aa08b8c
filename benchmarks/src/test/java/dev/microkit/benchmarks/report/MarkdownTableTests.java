package dev.microkit.benchmarks.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MarkdownTableTests {

	@Test
	void headerAlignsTextLeftAndFiguresRightThenRowsFollow() {
		MarkdownTable table = new MarkdownTable().left("balancer")
			.right("p50", "requests")
			.left("each slice")
			.row("peak-ewma", 2.2, 2399L, "3, 1")
			.row("round-robin", 1234.56, 7, "0, 0");
		assertThat(table).hasToString("""
				| balancer | p50 | requests | each slice |
				|---|---:|---:|---|
				| peak-ewma | 2.20 | 2399 | 3, 1 |
				| round-robin | 1235 | 7 | 0, 0 |
				""");
	}

	@Test
	void anEmptyCellIsOneSpaceAndNullIsPrintedAsSuch() {
		MarkdownTable table = new MarkdownTable().left("").right("calls/s").row("", null);
		assertThat(table).hasToString("""
				| | calls/s |
				|---|---:|
				| | null |
				""");
	}

	@Test
	void aTableWithoutRowsIsItsHeader() {
		assertThat(new MarkdownTable().right("a", "b")).hasToString("| a | b |\n|---:|---:|\n");
	}

	@Test
	void aRowMustFillEveryColumn() {
		MarkdownTable table = new MarkdownTable().left("what", "met");
		assertThatIllegalArgumentException().isThrownBy(() -> table.row("only one"))
			.withMessage("A row of 1 cells in a table of 2 columns");
	}

}
