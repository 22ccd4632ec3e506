package org.jaynes.cli;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** A written HTML page parsed as XML (which fails on unbalanced or unescaped markup), asked by XPath. */
final class PageXpath {

    private final Document document;

    private PageXpath(Document document) {
        this.document = document;
    }

    static PageXpath of(Path page) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return new PageXpath(builder.parse(page.toFile()));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException e) {
            throw new AssertionError("not well-formed: " + page + ": " + e.getMessage(), e);
        }
    }

    int count(String xpath) {
        try {
            return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document, XPathConstants.NODESET))
                    .getLength();
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }

    String text(String xpath) {
        try {
            return XPathFactory.newInstance().newXPath().evaluate(xpath, document);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(xpath, e);
        }
    }
}
