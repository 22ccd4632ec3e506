package org.jaynes.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * An HTML table, optionally sortable by clicking a header (the page's script, {@link PageResources#SCRIPT},
 * sorts the body rows; the footer stays put). Each cell carries its display markup and, for sorting, a
 * key: the full-precision number for numeric columns, the text otherwise. Not thread-safe.
 */
final class HtmlTable {

    /**
     * A column.
     *
     * @param key     a machine name, {@code data-key} of the header
     * @param heading the header text
     * @param title   the header's tooltip: what the column means; empty for none
     * @param numeric sorted as numbers, right-aligned
     */
    record Column(String key, String heading, String title, boolean numeric) {
    }

    /**
     * A cell.
     *
     * @param html    markup, already escaped
     * @param sortKey the number (numeric columns) or text it sorts by
     */
    record Cell(String html, String sortKey) {

        /** Text, sorted as itself; {@link HumanNumbers#MISSING} sorts last, like an empty cell. */
        static Cell text(String text) {
            return new Cell(HtmlEscape.text(text), HumanNumbers.MISSING.equals(text) ? "" : text);
        }

        static Cell number(double value) {
            return new Cell(HumanNumbers.format(value), HumanNumbers.exact(value));
        }

        static Cell count(long value) {
            return new Cell(HumanNumbers.count(value), Long.toString(value));
        }
    }

    private final String id;
    private final String cssClass;
    private final List<Column> columns;
    private final boolean sortable;
    private final List<String> body = new ArrayList<>();
    private final List<String> footer = new ArrayList<>();

    /**
     * @param id       the table's id, empty for none
     * @param cssClass the table's class besides {@code sortable}, empty for none
     * @param sortable whether clicking a header sorts
     */
    HtmlTable(String id, String cssClass, List<Column> columns, boolean sortable) {
        this.id = id;
        this.cssClass = cssClass;
        this.columns = List.copyOf(columns);
        this.sortable = sortable;
    }

    /** Adds a body row; {@code attributes} start with a space or are empty. */
    HtmlTable row(String attributes, List<Cell> cells) {
        body.add(tr(attributes, cells));
        return this;
    }

    /** Adds a footer row, which sorting leaves in place. */
    HtmlTable footerRow(String attributes, List<Cell> cells) {
        footer.add(tr(attributes, cells));
        return this;
    }

    private String tr(String attributes, List<Cell> cells) {
        if (cells.size() != columns.size()) {
            throw new IllegalArgumentException(columns.size() + " cells needed, not " + cells.size());
        }
        StringBuilder out = new StringBuilder("<tr").append(attributes).append('>');
        for (int i = 0; i < cells.size(); i++) {
            Column column = columns.get(i);
            Cell cell = cells.get(i);
            out.append("<td").append(column.numeric() ? " class=\"num\"" : "");
            if (sortable) {
                out.append(" data-v=\"").append(HtmlEscape.text(cell.sortKey())).append('"');
            }
            out.append('>').append(cell.html()).append("</td>");
        }
        return out.append("</tr>").toString();
    }

    String toHtml() {
        StringBuilder out = new StringBuilder("<table");
        if (!id.isEmpty()) {
            out.append(" id=\"").append(HtmlEscape.text(id)).append('"');
        }
        String classes = ((sortable ? "sortable " : "") + cssClass).trim();
        if (!classes.isEmpty()) {
            out.append(" class=\"").append(HtmlEscape.text(classes)).append('"');
        }
        out.append("><thead><tr>");
        for (Column column : columns) {
            out.append("<th data-key=\"").append(HtmlEscape.text(column.key())).append('"');
            if (sortable) {
                out.append(" data-sort=\"").append(column.numeric() ? "num" : "text").append('"');
            }
            if (column.numeric()) {
                out.append(" class=\"num\"");
            }
            if (!column.title().isEmpty()) {
                out.append(" title=\"").append(HtmlEscape.text(column.title())).append('"');
            }
            out.append('>').append(HtmlEscape.text(column.heading())).append("</th>");
        }
        out.append("</tr></thead><tbody>");
        body.forEach(out::append);
        out.append("</tbody>");
        if (!footer.isEmpty()) {
            out.append("<tfoot>");
            footer.forEach(out::append);
            out.append("</tfoot>");
        }
        return out.append("</table>").toString();
    }
}
