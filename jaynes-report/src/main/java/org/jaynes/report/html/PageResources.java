package org.jaynes.report.html;

/**
 * The page's inline style sheet and script. Neither contains {@code <} or {@code &}, so the page stays
 * well-formed XML without CDATA sections; neither loads anything (no fonts, no imports, no URLs).
 *
 * <p>The script does three things: sorts a {@code table.sortable} by the clicked header (numbers by their
 * {@code data-v} key, text by code point; missing values last in either direction; the header's
 * {@code aria-sort} says the order), opens or closes every layer section from two buttons, and opens
 * every {@code <details>} for printing (closing again afterwards).
 */
final class PageResources {

    static final String STYLE = """
            :root { --ink: #1d232b; --muted: #5b6672; --rule: #d9dee4; --band: #f3f5f8; --accent: #1f4e9c; }
            * { box-sizing: border-box; }
            body { margin: 0 auto; max-width: 1340px; padding: 22px 28px 48px; color: var(--ink); background: #fff;
                   font: 14px/1.45 "DejaVu Sans", "Helvetica Neue", Helvetica, Arial, sans-serif; }
            header { border-bottom: 2px solid var(--ink); padding-bottom: 10px; }
            .kicker { margin: 0; font-size: 12px; letter-spacing: .08em; text-transform: uppercase; color: var(--muted); }
            h1 { margin: 2px 0; font-size: 24px; overflow-wrap: anywhere; }
            h2 { margin: 28px 0 8px; padding-bottom: 3px; font-size: 18px; border-bottom: 1px solid var(--rule); }
            h3 { margin: 18px 0 6px; font-size: 15px; }
            .meta { margin: 0 0 8px; color: var(--muted); }
            a { color: var(--accent); }
            dt { font-weight: 600; }
            dd { margin: 0; }
            dl.options { display: flex; flex-wrap: wrap; gap: 1px 22px; margin: 6px 0; font-size: 12.5px; }
            dl.options div { display: flex; gap: 6px; white-space: nowrap; }
            dl.options dt { font-family: "DejaVu Sans Mono", monospace; font-weight: normal; color: var(--muted); }
            details.conventions { font-size: 12.5px; }
            details.conventions > summary { color: var(--accent); }
            details.conventions dl div { display: grid; grid-template-columns: 110px 1fr; gap: 12px; padding: 2px 0;
                                         border-top: 1px solid var(--band); }
            summary { cursor: pointer; }
            #summary ul { margin: 0; padding-left: 20px; }
            li { margin: 3px 0; }
            ul.legend { display: flex; flex-wrap: wrap; gap: 2px 18px; margin: 4px 0 6px; padding: 0; list-style: none;
                        font-size: 13px; }
            ul.legend .count { color: var(--muted); }
            svg.swatch { margin-right: 5px; vertical-align: -2px; }
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 14px 22px; }
            .figures.wide { grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); }
            figure { margin: 0; break-inside: avoid; }
            figcaption { margin-top: 2px; font-size: 12px; color: var(--muted); }
            svg.plot { display: block; width: 100%; height: auto; }
            svg.plot text { font-family: inherit; }
            svg.plot text.tick { font-size: 10.5px; fill: #454d56; }
            svg.plot text.axis { font-size: 12px; fill: var(--ink); }
            svg.plot text.legend { font-size: 11px; fill: var(--ink); }
            svg.plot text.reference-label { font-size: 10.5px; paint-order: stroke; stroke: #fff; stroke-width: 3px;
                                            stroke-linejoin: round; }
            svg.plot text.none { font-size: 12px; fill: var(--muted); }
            svg.plot .area { fill: #fcfdfe; stroke: #9aa4ae; stroke-width: 1; }
            svg.plot .grid { stroke: #e5e8ec; stroke-width: 1; }
            svg.plot .line { fill: none; stroke-width: 1.8; }
            svg.plot .band { stroke: none; fill-opacity: 0.16; }
            svg.plot .reference { stroke-width: 1.2; }
            table { width: 100%; border-collapse: collapse; font-size: 12.5px; }
            th, td { padding: 3px 8px; text-align: left; vertical-align: top; border-bottom: 1px solid var(--rule); }
            th { position: sticky; top: 0; background: var(--band); font-weight: 600; white-space: nowrap; }
            th[data-sort] { cursor: pointer; user-select: none; }
            th[data-sort]:hover { background: #e4e9f0; }
            th[aria-sort=ascending]::after { content: " \\25B2"; font-size: 9px; }
            th[aria-sort=descending]::after { content: " \\25BC"; font-size: 9px; }
            table.compact { width: auto; min-width: 60%; }
            .nowrap, a.layer-name { white-space: nowrap; }
            .num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
            tbody tr:nth-child(even) { background: #fafbfc; }
            tfoot td { font-weight: 600; border-top: 2px solid var(--ink); }
            tr.best td { font-weight: 600; }
            span.verdict { display: inline-block; min-width: 14em; color: var(--muted); }
            .scroll { overflow-x: auto; }
            .hint { margin: 0 0 6px; font-size: 12.5px; color: var(--muted); }
            .colophon { margin-top: 32px; font-size: 11.5px; color: var(--muted); }
            details.layer { margin: 6px 0; border: 1px solid var(--rule); border-radius: 4px; }
            details.layer > summary { padding: 5px 10px; background: var(--band); }
            details.layer[open] > summary { border-bottom: 1px solid var(--rule); }
            details.layer .index { display: inline-block; min-width: 2.4em; color: var(--muted); }
            details.layer .name { font-weight: 600; overflow-wrap: anywhere; }
            details.layer .brief { margin-left: 8px; font-size: 12.5px; color: var(--muted); }
            details.layer .body { padding: 8px 12px 12px; }
            p.verdict { margin: 0 0 8px; }
            .numbers { display: grid; grid-template-columns: minmax(280px, 1fr) 2fr; gap: 18px; margin-top: 10px; }
            dl.facts { margin: 0; font-size: 12.5px; }
            dl.facts div { display: grid; grid-template-columns: 56px 1fr; gap: 8px; padding: 2px 0; }
            p.baseline { font-size: 12.5px; }
            button { margin-right: 6px; padding: 2px 10px; font: inherit; font-size: 12.5px; background: #fff;
                     border: 1px solid var(--rule); border-radius: 3px; cursor: pointer; }
            @media print {
              body { max-width: none; padding: 0; font-size: 11px; }
              table { font-size: 9.5px; }
              a.layer-name { white-space: normal; }
              th, td { padding: 2px 4px; }
              .figures, .figures.wide { grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); }
              button, .hint { display: none; }
              th { position: static; }
              thead { display: table-header-group; }
              tr, figure, .figures, dl div { break-inside: avoid; }
              h2, h3, summary { break-after: avoid; }
              details.layer { border: none; break-inside: avoid; }
              details.layer > summary { list-style: none; }
              .scroll { overflow: visible; }
              a { color: inherit; text-decoration: none; }
            }
            """;

    static final String SCRIPT = """
            (function () {
              'use strict';
              function missing(v, numeric) { return numeric ? isNaN(v) : v === ''; }
              function compare(a, b, numeric) {
                if (numeric) { return a === b ? 0 : (a > b ? 1 : -1); }
                return a > b ? 1 : (b > a ? -1 : 0);
              }
              document.querySelectorAll('table.sortable th[data-sort]').forEach(function (th) {
                th.addEventListener('click', function () {
                  var table = th.closest('table');
                  var body = table.tBodies[0];
                  var column = th.cellIndex;
                  var numeric = th.getAttribute('data-sort') === 'num';
                  var ascending = th.getAttribute('aria-sort') !== 'ascending';
                  table.querySelectorAll('th[aria-sort]').forEach(function (h) { h.removeAttribute('aria-sort'); });
                  th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                  var rows = Array.prototype.map.call(body.rows, function (row) {
                    var v = row.cells[column].getAttribute('data-v');
                    return { row: row, key: numeric ? parseFloat(v) : v };
                  });
                  rows.sort(function (r, s) {
                    var mr = missing(r.key, numeric), ms = missing(s.key, numeric);
                    if (mr !== ms) { return mr ? 1 : -1; }
                    var order = mr ? 0 : compare(r.key, s.key, numeric);
                    return ascending ? order : -order;
                  });
                  rows.forEach(function (r) { body.appendChild(r.row); });
                });
              });
              document.querySelectorAll('button[data-open]').forEach(function (button) {
                button.addEventListener('click', function () {
                  var open = button.getAttribute('data-open') === 'true';
                  document.querySelectorAll('details.layer').forEach(function (d) { d.open = open; });
                });
              });
              var closed = [];
              window.addEventListener('beforeprint', function () {
                closed = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
                closed.forEach(function (d) { d.open = true; });
              });
              window.addEventListener('afterprint', function () { closed.forEach(function (d) { d.open = false; }); });
            })();
            """;

    private PageResources() {
    }
}
