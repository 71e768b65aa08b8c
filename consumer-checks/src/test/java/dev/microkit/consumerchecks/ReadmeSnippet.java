package dev.microkit.consumerchecks;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The fenced code blocks of one README section, and whether a project holds them: XML
 * element by element (the project may add elements), Java and YAML as text.
 */
final class ReadmeSnippet {

	private static final Pattern FENCE = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

	private final String section;

	ReadmeSnippet(String section) {
		this.section = section;
	}

	static ReadmeSnippet section(Path readme, String heading) throws IOException {
		String text = Files.readString(readme).replace("\r\n", "\n");
		int start = text.indexOf("\n" + heading + "\n");
		if (start < 0) {
			throw new IllegalStateException("README has no section '" + heading + "'");
		}
		int end = text.indexOf("\n## ", start + heading.length() + 1);
		return new ReadmeSnippet(text.substring(start, (end < 0) ? text.length() : end));
	}

	List<String> blocks(String language) {
		List<String> blocks = new ArrayList<>();
		Matcher matcher = FENCE.matcher(this.section);
		while (matcher.find()) {
			if (matcher.group(1).equals(language)) {
				blocks.add(matcher.group(2));
			}
		}
		return blocks;
	}

	/**
	 * Whether every element of an XML snippet is in a POM at the same place with the same
	 * text.
	 */
	static boolean pomHolds(String pom, String snippet) {
		Element project = parse(pom);
		Element wrapped = parse("<snippet>" + snippet + "</snippet>");
		return childElements(wrapped).stream().allMatch((part) -> hasMatchingChild(project, part));
	}

	/**
	 * Whether a text holds a block, line ends and trailing spaces aside.
	 */
	static boolean textHolds(String text, String block) {
		return normalized(text).contains(normalized(block).strip());
	}

	private static String normalized(String text) {
		return text.replace("\r\n", "\n").replaceAll("[ \\t]+\\n", "\n");
	}

	private static boolean matches(Element wanted, Element actual) {
		if (!wanted.getTagName().equals(actual.getTagName())) {
			return false;
		}
		List<Element> children = childElements(wanted);
		if (children.isEmpty()) {
			return wanted.getTextContent().strip().equals(actual.getTextContent().strip());
		}
		return children.stream().allMatch((child) -> hasMatchingChild(actual, child));
	}

	private static boolean hasMatchingChild(Element parent, Element wanted) {
		return childElements(parent).stream().anyMatch((child) -> matches(wanted, child));
	}

	private static List<Element> childElements(Element element) {
		List<Element> children = new ArrayList<>();
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child instanceof Element childElement) {
				children.add(childElement);
			}
		}
		return children;
	}

	private static Element parse(String xml) {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("Not XML: " + xml, ex);
		}
	}

}
