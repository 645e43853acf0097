"""Charts of the dashboard, drawn on the server as SVG with pygal.

The SVG is inlined in the admin page: it needs no JavaScript and no file from another
server. pygal's own script (tooltips) is left out; every chart sits beside a table with the
same numbers, so the SVG is marked as an image whose text alternative is that table.
"""

from xml.etree import ElementTree

import pygal
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from pygal.style import Style

# Wagtail's admin teal and greys; text large enough to read at a desk.
CHART_STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#262626",
    foreground_strong="#262626",
    foreground_subtle="#767676",
    colors=("#007d7e", "#e9b04d", "#5e4db2", "#cd4444"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=13,
    legend_font_size=13,
    tooltip_font_size=13,
)
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
ElementTree.register_namespace("", SVG_NAMESPACE)


def horizontal_bars(rows, *, label, series_label):
    """One bar per row (label → value), longest first as the rows come."""
    chart = _chart(pygal.HorizontalBar, height=max(160, 38 * len(rows) + 60))
    # pygal draws the first label at the bottom: reverse to read top to bottom.
    chart.x_labels = [str(row.label) for row in reversed(rows)]
    chart.add(str(series_label), [row.value for row in reversed(rows)])
    return _render(chart, label)


def vertical_bars(rows, *, label, series_label):
    """One column per row, in the rows' order (months, oldest first)."""
    chart = _chart(pygal.Bar, height=320, x_label_rotation=-30)
    chart.x_labels = [str(row.label) for row in rows]
    chart.add(str(series_label), [row.value for row in rows])
    return _render(chart, label)


def grouped_horizontal_bars(labels, series, *, label):
    """Several series side by side per label: `series` is [(name, [value or None, ...])]."""
    chart = _chart(
        pygal.HorizontalBar,
        height=max(200, 30 * len(labels) * len(series) + 90),
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=1,
        truncate_legend=-1,
        value_formatter=lambda value: number_format(value, 1),
    )
    chart.x_labels = [str(label) for label in reversed(labels)]
    for name, values in series:
        chart.add(str(name), list(reversed(values)))
    return _render(chart, label)


def _chart(kind, *, height, **options):
    config = {
        "style": CHART_STYLE,
        "width": 720,
        "height": height,
        "show_legend": False,
        "print_values": True,
        "print_zeroes": False,
        "explicit_size": False,
        "js": [],
        "truncate_label": 40,
        "min_scale": 1,
        "max_scale": 6,
        "margin": 8,
        "no_data_text": "",
    }
    config.update(options)
    return kind(**config)


def _render(chart, label):
    """The chart as inline SVG without scripts, described as an image by `label`."""
    tree = chart.render_tree()
    for parent in tree.iter():
        for child in list(parent):
            if child.tag in (f"{{{SVG_NAMESPACE}}}script", "script"):
                parent.remove(child)
    tree.set("role", "img")
    tree.set("aria-label", str(label))
    tree.set("focusable", "false")
    return mark_safe(ElementTree.tostring(tree, encoding="unicode"))  # noqa: S308 (escaped)
