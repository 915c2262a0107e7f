"""The geometry of the charts the pages draw as inline SVG (no script, no style attribute, no
tile server): the radar of the six dimensions, the tile-grid map of Italy's twenty regions and a
small line chart of scores over time. The templates only place what these compute; each chart has
its data table beside it."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .questionnaire import DIMENSIONS
from .scoring import Band

SHORT_NAMES = {
    "strategy": _("Strategy"),
    "readiness": _("Readiness"),
    "human": _("People"),
    "data": _("Data"),
    "automation": _("Automation"),
    "green": _("Green"),
}

# at least 4.5:1 with white text
BAND_COLOURS = {
    Band.BASIC: "#b02a37",
    Band.AVERAGE: "#8a5300",
    Band.MODERATE: "#0a58ca",
    Band.ADVANCED: "#1f6f43",
}

RADAR_CENTRE = (260, 200)
RADAR_RADIUS = 140


def _n(value) -> str:
    """A coordinate as SVG wants it, whatever the language (no decimal comma): "12.5"."""
    return f"{round(float(value), 1):g}"


def _point(index: int, value: float, radius=RADAR_RADIUS):
    angle = math.radians(-90 + index * 360 / len(DIMENSIONS))
    r = radius * value / 100
    return (round(RADAR_CENTRE[0] + r * math.cos(angle), 1),
            round(RADAR_CENTRE[1] + r * math.sin(angle), 1))  # fmt: skip


def _polygon(values) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in (_point(i, v) for i, v in enumerate(values)))


@dataclass(frozen=True)
class Axis:
    label: str
    x2: str  # coordinates as strings (see _n)
    y2: str
    label_x: str
    label_y: str
    anchor: str


def radar(scores: dict, before: dict | None = None) -> dict:
    """The rings (25, 50, 75, 100), the axes with their labels and the polygons of `scores`
    (and of an earlier assessment's `before`)."""
    axes = []
    for index, key in enumerate(DIMENSIONS):
        x2, y2 = _point(index, 100)
        lx, ly = _point(index, 100, RADAR_RADIUS + 18)
        dx = lx - RADAR_CENTRE[0]
        anchor = "middle" if abs(dx) < 5 else ("start" if dx > 0 else "end")
        axes.append(Axis(str(SHORT_NAMES[key]), _n(x2), _n(y2), _n(lx), _n(ly + 4), anchor))
    return {
        "cx": RADAR_CENTRE[0],
        "cy": RADAR_CENTRE[1],
        "rings": [
            {"level": level, "points": _polygon([level] * len(DIMENSIONS))}
            for level in (25, 50, 75, 100)
        ],
        "axes": axes,
        "points": _polygon([scores[key] for key in DIMENSIONS]),
        "dots": [tuple(_n(c) for c in _point(i, scores[key])) for i, key in enumerate(DIMENSIONS)],
        "before": _polygon([before[key] for key in DIMENSIONS]) if before else "",
    }


# the twenty regions (ISTAT code) on a grid, roughly where they are: (column, row, abbreviation)
TILES = {
    "02": (0, 0, "VDA"),
    "04": (2, 0, "TAA"),
    "06": (3, 0, "FVG"),
    "01": (0, 1, "PIE"),
    "03": (1, 1, "LOM"),
    "05": (2, 1, "VEN"),
    "07": (0, 2, "LIG"),
    "08": (1, 2, "EMR"),
    "09": (1, 3, "TOS"),
    "10": (2, 3, "UMB"),
    "11": (3, 3, "MAR"),
    "12": (2, 4, "LAZ"),
    "13": (3, 4, "ABR"),
    "14": (4, 4, "MOL"),
    "20": (0, 5, "SAR"),
    "15": (3, 5, "CAM"),
    "17": (4, 5, "BAS"),
    "16": (5, 5, "PUG"),
    "18": (4, 6, "CAL"),
    "19": (3, 7, "SIC"),
}
TILE = 64
GAP = 6


@dataclass(frozen=True)
class Tile:
    name: str
    abbreviation: str
    x: int
    y: int
    cell: object  # overview.Cell, or None: fewer than 5 cooperatives (or none)
    colour: str

    @property
    def text_x(self):
        return self.x + TILE // 2


def tile_map(region_names: dict, cells: dict) -> dict:
    """The tiles of the map: each region at its place, coloured by its average band, hatched
    when it is not shown."""
    tiles = []
    for region in region_names.values():
        column, row, abbreviation = TILES.get(region.code, (5, 7, region.code))
        cell = cells.get(region.pk)
        colour = BAND_COLOURS[cell.band] if cell else "url(#maturity-hatch)"
        tiles.append(
            Tile(region.name, abbreviation, column * (TILE + GAP), row * (TILE + GAP), cell, colour)
        )
    tiles.sort(key=lambda tile: (tile.y, tile.x))
    return {
        "tiles": tiles,
        "size": TILE,
        "width": 6 * (TILE + GAP),
        "height": 8 * (TILE + GAP),
    }


def legend() -> list:
    return [(Band(band).label, colour) for band, colour in BAND_COLOURS.items()]


LINE_WIDTH, LINE_HEIGHT, LINE_LEFT, LINE_TOP = 480, 200, 40, 12


def line_chart(values: list[int], labels: list[str]) -> dict:
    """A line of scores (0–100) with a dot and a label per point, and the gridlines at 0, 25,
    50, 75 and 100."""
    inner_w = LINE_WIDTH - LINE_LEFT - 20
    inner_h = LINE_HEIGHT - LINE_TOP - 36
    step = inner_w / max(len(values) - 1, 1)

    def y_of(value):
        return _n(LINE_TOP + inner_h * (1 - value / 100))

    def anchor(index):
        if len(values) == 1:
            return "middle"
        return "start" if index == 0 else ("end" if index == len(values) - 1 else "middle")

    dots = [
        {
            "x": _n(LINE_LEFT + (step * i if len(values) > 1 else inner_w / 2)),
            "y": y_of(v),
            "value": v,
            "label": label,
            "anchor": anchor(i),
        }
        for i, (v, label) in enumerate(zip(values, labels, strict=True))
    ]
    return {
        "width": LINE_WIDTH,
        "height": LINE_HEIGHT,
        "left": LINE_LEFT,
        "text_x": LINE_LEFT - 6,
        "right": LINE_WIDTH - 20,
        "label_y": LINE_HEIGHT - 12,
        "grid": [{"value": v, "y": y_of(v)} for v in (0, 25, 50, 75, 100)],
        "points": " ".join(f"{d['x']},{d['y']}" for d in dots),
        "dots": dots,
    }
