"""The two section columns: balanced, never split after a heading, a paragraph divided if need be.

A paragraph continues from the left column into the right where only that fits; the columns
are measured with ReportLab, like the rest of the page.
"""
from __future__ import annotations

from dataclasses import replace

from ..sheet.model import plain_text
from .paragraphs import page_styles, tied_paragraph, wrapped_paragraph
from .geometry import Rule, TextBox
from .text import divide_block, plan_blocks, split_points

BULLET = "\u2022"


def compose_columns(sheet, layout, page, top) -> tuple:
    """The sections in two balanced columns; a paragraph may continue from the left column into
    the right where only that fits. Returns (whole blocks in the left column, words of a divided
    block left in the left column or 0, taller height, (left blocks, right blocks) as set)."""
    styles = page_styles(layout.template, layout.body_size)
    blocks = plan_blocks(sheet, layout)
    heights = []
    for position, block in enumerate(blocks):
        bullet = BULLET if block.kind == "bullet" else None
        if block.kind == "chart":   # drawn, not wrapped: its box's height
            heights.append((block.chart, block.chart.height))
            continue
        if block.kind == "heading":
            paragraph, inline = tied_paragraph(block.inline, styles["heading"], layout.column_width)
            blocks[position] = replace(block, inline=inline)
        else:
            paragraph = wrapped_paragraph(block.inline, styles[block.kind], layout.column_width, bullet)
        extra = layout.rule_gap + layout.rule_width if block.kind == "heading" else 0.0
        heights.append((paragraph, paragraph.height + extra))
    page.total_lines = sum(round(p.height / p.style.leading) for (p, _), b in zip(heights, blocks)
                           if b.kind != "chart")
    page.block_heights = [height for _, height in heights]
    split, left_h, right_h = balance(blocks, heights, page.available, 4 * layout.leading)
    words, best = 0, max(left_h, right_h)
    if best > page.available:
        divided = _divide(blocks, heights, layout.leading)
        if divided and divided[0] < best:
            best, index, lines = divided
            if best <= page.available:   # else no need to find the word: the page overflows
                words = _words_in_lines(blocks[index], styles, layout.column_width, lines)
    placed = [(b, p, h, BULLET if b.kind == "bullet" else None) for b, (p, h) in zip(blocks, heights)]
    if words:
        split = index
        first, rest = divide_block(blocks[index], words)
        pieces = []
        for part, bullet in ((first, BULLET if first.kind == "bullet" else None), (rest, None)):
            paragraph = wrapped_paragraph(part.inline, styles[part.kind], layout.column_width, bullet)
            pieces.append((part, paragraph, paragraph.height, bullet))
        placed[index:index + 1] = pieces
        left, right = placed[:index + 1], placed[index + 1:]
    else:
        left, right = placed[:split], placed[split:]
    columns, sides = [], []   # (height, spacing) of each column; its blocks as set
    for side, chunk in ((0, left), (1, right)):
        x = layout.margin_left + side * (layout.column_width + layout.column_gap)
        y = top
        for position, (block, paragraph, height, bullet) in enumerate(chunk):
            if block.kind == "chart":
                page.items.append(replace(block.chart, x=x, y=y))
            else:
                page.items.append(TextBox(block.kind, block.inline, x, y, layout.column_width,
                                          paragraph.height, bullet=bullet))
            if block.kind == "heading":
                rule_y = y + paragraph.height + layout.rule_gap + layout.rule_width / 2
                page.items.append(Rule(x, rule_y, x + layout.column_width, layout.rule_width,
                                       layout.template.colours.primary))
            y += height + (block.space_after if position < len(chunk) - 1 else 0.0)
        columns.append((y - top, sum(b.space_after for b, _, _, _ in chunk[:-1])))
        chosen = [block for block, _, _, _ in chunk]
        if chosen:   # no space below the foot of a column
            chosen[-1] = replace(chosen[-1], space_after=0.0)
        sides.append(tuple(chosen))
    page.total_height = columns[0][0] + columns[1][0]
    taller, spacing = max(columns)
    page.spacing += spacing
    if not words and best < taller:   # an overflowing page counts as divided at its best
        taller = best
    return split, words, taller, tuple(sides)


def _divide(blocks, heights, leading):
    """The best split inside a paragraph or bullet, at least two lines on each side:
    (taller column, block index, lines left), or None."""
    def column(start, end):
        total = sum(heights[i][1] + blocks[i].space_after for i in range(start, end))
        return total - (blocks[end - 1].space_after if end > start else 0.0)

    best = None
    for index, block in enumerate(blocks):
        if block.kind in ("heading", "chart"):   # a chart is never divided
            continue
        lines = round(heights[index][0].height / leading)
        before = column(0, index) + (blocks[index - 1].space_after if index else 0.0)
        after = (blocks[index].space_after + column(index + 1, len(blocks))
                 if index + 1 < len(blocks) else 0.0)
        for keep in range(2, lines - 1):
            option = (max(before + keep * leading, (lines - keep) * leading + after), index, keep)
            best = option if best is None or option < best else best
    return best


def _words_in_lines(block, styles, width, lines) -> int:
    """How many words of the block fill its first `lines` lines (greedy line breaking puts the
    longest prefix that fits there), found by halving."""
    bullet = BULLET if block.kind == "bullet" else None
    style = styles[block.kind]
    low, high = 1, len(plain_text(block.inline).split()) - 1
    found = 0
    while low <= high:
        middle = (low + high) // 2
        first, rest = divide_block(block, middle)
        if rest is None:
            high = middle - 1
            continue
        height = wrapped_paragraph(first.inline, style, width, bullet).height
        if round(height / style.leading) <= lines:
            found, low = middle, middle + 1
        else:
            high = middle - 1
    return found


def balance(blocks, heights, available, tolerance) -> tuple:
    """Split the blocks between two columns so that the taller is as short as possible; a split
    between two sections is preferred when it fits and costs at most `tolerance` of extra
    height. Never straight after a heading. Returns (split, left height, right height)."""
    def column(start, end):
        total = sum(heights[i][1] + blocks[i].space_after for i in range(start, end))
        return total - (blocks[end - 1].space_after if end > start else 0.0)

    options = []
    for k in split_points(blocks):
        left_h, right_h = column(0, k), column(k, len(blocks))
        between = 0 < k < len(blocks) and blocks[k].kind == "heading"
        # Ties go to the fuller left column: text reads from the left.
        options.append((max(left_h, right_h), -k, between, k, left_h, right_h))
    best = min(options)
    between = [o for o in options if o[2] and o[0] <= min(available, best[0] + tolerance)]
    if between:
        best = min(between)
    return best[3], best[4], best[5]
