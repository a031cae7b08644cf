"""The limits a scenario must keep, checked before the work they bound starts.

docs/scenario-format.md lists them (a test compares the two). A scenario is untrusted input:
these keep a hostile or mistaken file from running the app out of time or memory.
"""

from __future__ import annotations

MAX_FILE_BYTES = 40 * 1024 * 1024   # any one file of a folder, or a whole GeoPackage x 4
MAX_GPKG_BYTES = 4 * MAX_FILE_BYTES
MAX_TOML_BYTES = 1024 * 1024
MAX_SPAN_DAYS = 3653                 # a decade: any revolution or war a lecturer would map
MAX_CONTROLS = 32
MAX_SOURCES = 10_000
MAX_CHAPTERS = 500
MAX_SITES = 50_000
MAX_EVENTS = 500_000
MAX_ROUTES = 10_000
MAX_FEATURES = 500_000               # per basemap layer
MAX_NESTING = 8                      # TOML: arrays and tables within one another
MAX_KEY_PARTS = 8                    # TOML: parts of one dotted key or table name
MAX_KEY_LENGTH = 64                  # TOML and GeoJSON: characters of one key
MAX_NAME = 200                       # characters of a name or title
MAX_LINE = 1000                      # characters of a one-line text (a caption)
MAX_TEXT = 20_000                    # characters of a paragraph (a description, narration)

# (name in the format document, value, what it bounds) — the document's limits table
TABLE = (
    ("file size", f"{MAX_FILE_BYTES // 2**20} MB", "any file of a scenario folder"),
    ("GeoPackage size", f"{MAX_GPKG_BYTES // 2**20} MB", "a scenario GeoPackage"),
    ("TOML file size", f"{MAX_TOML_BYTES // 2**20} MB", "scenario.toml, chapters.toml, "
     "sources.toml"),
    ("span", f"{MAX_SPAN_DAYS} days", "from `start` to `end` (a decade)"),
    ("controls", str(MAX_CONTROLS), "`[controls.*]` tables"),
    ("sources", f"{MAX_SOURCES:,}", "entries of sources.toml"),
    ("chapters", f"{MAX_CHAPTERS:,}", "`[[chapter]]` tables"),
    ("sites", f"{MAX_SITES:,}", "features of sites.geojson"),
    ("events", f"{MAX_EVENTS:,}", "rows of events.csv"),
    ("routes", f"{MAX_ROUTES:,}", "features of routes.geojson"),
    ("basemap features", f"{MAX_FEATURES:,}", "features of one basemap layer"),
    ("TOML nesting", str(MAX_NESTING), "arrays and tables within one another"),
    ("TOML key parts", str(MAX_KEY_PARTS), "parts of one dotted key or table header"),
    ("key length", str(MAX_KEY_LENGTH), "characters of one TOML key or GeoJSON property"),
    ("name", str(MAX_NAME), "characters of a name or title"),
    ("one-line text", f"{MAX_LINE:,}", "characters of a caption, a label or a note line"),
    ("paragraph", f"{MAX_TEXT:,}", "characters of a description, narration or note"),
)
