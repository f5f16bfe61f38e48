"""The structure diagram of the About page: boxes laid out here, from the tiers in
data/about.yaml and the names in the entity data, and drawn as SVG by the template."""
from __future__ import annotations

import textwrap
from dataclasses import dataclass

from ...model import KnowledgeBase, Origin, Text


@dataclass
class Tier:
    id: str
    label: Text
    bodies: list[str]
    under: str | None = None  # the tier it reports to; None: the tier above


@dataclass
class Structure:
    source: str
    tiers: list[Tier]
    beside: list[str]
    origin: Origin
    locator: str | None = None     # where in the source


@dataclass
class Box:
    x: int
    y: int
    w: int
    h: int
    lines: list[str]
    ref: str

    @property
    def baselines(self) -> list[int]:
        """The y of each line of text, centred in the box."""
        top = self.y + (self.h - len(self.lines) * LINE_H) // 2 + 12
        return [top + i * LINE_H for i in range(len(self.lines))]


@dataclass
class Diagram:
    width: int
    height: int
    boxes: list[Box]
    labels: list[tuple[int, int, str]]          # x, y, text
    arrows: list[str]                           # SVG path data, each ending in an arrowhead
    links: list[tuple[int, int, int, int]]      # dashed connectors to the boxes beside


LINE_H = 16


def diagram(structure: Structure, kb: KnowledgeBase) -> Diagram:
    """Each tier is a row of boxes under its label, with an arrow from the tier it reports to:
    straight down from the tier just above, or along the left margin from a tier higher up."""
    gutter, main_w, gap, side_w, side_gap, char_w, pad = 18, 540, 12, 190, 40, 7, 10
    boxes, labels, arrows, links = [], [], [], []
    rows: dict[str, list[Box]] = {}
    y, previous = 0, None
    for tier in structure.tiers:
        labels.append((gutter, y + 13, tier.label.get()))
        y += 22
        n = len(tier.bodies)
        w = (main_w - gap * (n - 1)) // n
        texts = [textwrap.wrap(kb.entities[b].name.get(), max(8, (w - 2 * pad) // char_w)) for b in tier.bodies]
        h = max(len(t) for t in texts) * LINE_H + 2 * pad
        row = [Box(gutter + i * (w + gap), y, w, h, lines, b) for i, (b, lines) in enumerate(zip(tier.bodies, texts))]
        parent = rows.get(tier.under) if tier.under else rows.get(previous)
        if parent and (tier.under in (None, previous)):
            x = gutter + main_w // 2
            arrows.append(f"M{x},{parent[0].y + parent[0].h} V{y - 26}")
        elif parent:
            mid = y + h // 2
            arrows.append(f"M{parent[0].x},{parent[0].y + parent[0].h - 8} H{gutter // 2} V{mid} H{gutter - 1}")
        rows[tier.id] = row
        boxes += row
        previous = tier.id
        y += h + 36
    side_x, sy = gutter + main_w + side_gap, 22
    first = boxes[0] if boxes else None
    for b in structure.beside:
        lines = textwrap.wrap(kb.entities[b].name.get(), (side_w - 2 * pad) // char_w)
        h = len(lines) * LINE_H + 2 * pad
        boxes.append(Box(side_x, sy, side_w, h, lines, b))
        if first:
            links.append((first.x + first.w, first.y + first.h // 2, side_x, sy + h // 2))
        sy += h + gap
    return Diagram(side_x + side_w + 2, max(y - 36, sy) + 2, boxes, labels, arrows, links)
