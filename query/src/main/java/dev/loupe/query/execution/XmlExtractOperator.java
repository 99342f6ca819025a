package dev.loupe.query.execution;

import dev.loupe.query.plan.EnrichNode;
import dev.loupe.query.plan.XmlPath;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * {@code parse xml} (spec §2.2): parses the XML that starts at the first {@code <} of the input (DTDs and external
 * entities refused), evaluates each {@link XmlPath}, and assigns all outputs when every path matches. Invalid XML
 * or a path without a match is a non-match (nulls; the row is dropped unless nodrop).
 */
final class XmlExtractOperator implements RowOperator {
    private final EnrichNode.XmlExtract node;
    private final RowOperator downstream;
    private final DocumentBuilder builder;

    XmlExtractOperator(EnrichNode.XmlExtract node, RowOperator downstream) {
        this.node = node;
        this.downstream = downstream;
        this.builder = newBuilder();
    }

    private static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new RethrowingErrorHandler());
            return builder;
        } catch (ParserConfigurationException impossible) {
            throw new IllegalStateException("the JDK XML parser cannot be configured securely", impossible);
        }
    }

    /** Turns every parser complaint into an exception instead of the default print to stderr. */
    private static final class RethrowingErrorHandler implements ErrorHandler {
        @Override
        public void warning(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void error(SAXParseException exception) throws SAXException {
            throw exception;
        }

        @Override
        public void fatalError(SAXParseException exception) throws SAXException {
            throw exception;
        }
    }

    @Override
    public boolean addInput(Row row) {
        Object[] values = row.values;
        int[] outputs = node.outputSlots();
        String input = Values.toText(values[node.inputSlot()]);
        Document document = input == null ? null : parse(input);
        String[] results = new String[outputs.length];
        boolean matched = document != null;
        for (int index = 0; index < outputs.length && matched; index++) {
            results[index] = select(document, node.paths().get(index));
            matched = results[index] != null;
        }
        for (int index = 0; index < outputs.length; index++) {
            values[outputs[index]] = matched ? results[index] : null;
        }
        if (!row.settleParse(matched, node.nodrop(), node.inheritsRun())) {
            return true;
        }
        return downstream.addInput(row);
    }

    private Document parse(String input) {
        int start = input.indexOf('<');
        int end = input.lastIndexOf('>');
        if (start < 0 || end < start) {
            return null;
        }
        try {
            return builder.parse(new InputSource(new StringReader(input.substring(start, end + 1))));
        } catch (SAXException | IOException notXml) {
            return null;
        } finally {
            builder.reset();
            builder.setErrorHandler(new RethrowingErrorHandler());
        }
    }

    /** The value at {@code path}, or null when nothing matches. */
    static String select(Document document, XmlPath path) {
        Element current = document.getDocumentElement();
        List<XmlPath.Step> steps = path.steps();
        if (!matches(current, steps.get(0)) || !acceptsOnly(steps.get(0).predicate())) {
            return null;
        }
        for (int index = 1; index < steps.size(); index++) {
            current = child(current, steps.get(index));
            if (current == null) {
                return null;
            }
        }
        return switch (path.target()) {
            case TEXT -> current.getTextContent();
            case ATTRIBUTE -> current.hasAttribute(path.attribute()) ? current.getAttribute(path.attribute()) : null;
        };
    }

    private static boolean acceptsOnly(XmlPath.Predicate predicate) {
        return switch (predicate) {
            case XmlPath.First first -> true;
            case XmlPath.Last last -> true;
            case XmlPath.Position position -> position.position() == 1;
            case XmlPath.AttributeEquals attribute -> true;
        };
    }

    private static boolean matches(Element element, XmlPath.Step step) {
        if (!step.name().equals("*") && !step.name().equals(element.getTagName())) {
            return false;
        }
        return !(step.predicate() instanceof XmlPath.AttributeEquals attribute)
                || (element.hasAttribute(attribute.name()) && element.getAttribute(attribute.name())
                        .equals(attribute.value()));
    }

    private static Element child(Element parent, XmlPath.Step step) {
        List<Element> candidates = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && matches(element, step)) {
                candidates.add(element);
            }
        }
        if (candidates.isEmpty()) {
            return null;
        }
        return switch (step.predicate()) {
            case XmlPath.First first -> candidates.get(0);
            case XmlPath.AttributeEquals attribute -> candidates.get(0);
            case XmlPath.Last last -> candidates.get(candidates.size() - 1);
            case XmlPath.Position position -> position.position() <= candidates.size()
                    ? candidates.get(position.position() - 1) : null;
        };
    }

    @Override
    public void finish() {
        downstream.finish();
    }
}
