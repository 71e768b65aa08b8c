package dev.microkit.benchmarks.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Markdown table of a report section: header cells aligned left (text) or right
 * (figures), then rows. A cell that is a {@code Double} is printed as
 * {@link Numbers#format(double)} prints it, any other as {@link String#valueOf(Object)};
 * an empty cell is a single space between its bars.
 */
public final class MarkdownTable {

	private final List<String> headers = new ArrayList<>();

	private final List<String> alignments = new ArrayList<>();

	private final List<List<Object>> rows = new ArrayList<>();

	/**
	 * Adds columns aligned left.
	 */
	public MarkdownTable left(String... headers) {
		return columns("---", headers);
	}

	/**
	 * Adds columns aligned right.
	 */
	public MarkdownTable right(String... headers) {
		return columns("---:", headers);
	}

	private MarkdownTable columns(String alignment, String... headers) {
		for (String header : headers) {
			this.headers.add(header);
			this.alignments.add(alignment);
		}
		return this;
	}

	/**
	 * Adds a row, a cell for each column.
	 */
	public MarkdownTable row(Object... cells) {
		if (cells.length != this.headers.size()) {
			throw new IllegalArgumentException(
					"A row of " + cells.length + " cells in a table of " + this.headers.size() + " columns");
		}
		this.rows.add(Arrays.asList(cells.clone()));
		return this;
	}

	/**
	 * The table's lines, each ending in a line break.
	 */
	@Override
	public String toString() {
		StringBuilder md = new StringBuilder();
		line(md, this.headers);
		md.append('|');
		this.alignments.forEach((alignment) -> md.append(alignment).append('|'));
		md.append('\n');
		this.rows.forEach((row) -> line(md, row));
		return md.toString();
	}

	private static void line(StringBuilder md, List<?> cells) {
		md.append('|');
		for (Object cell : cells) {
			String text = (cell instanceof Double figure) ? Numbers.format(figure) : String.valueOf(cell);
			md.append(' ');
			if (!text.isEmpty()) {
				md.append(text).append(' ');
			}
			md.append('|');
		}
		md.append('\n');
	}

}
