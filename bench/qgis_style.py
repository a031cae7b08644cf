"""Our map's style as QGIS symbology: the set-up of bench/peers.py's "QGIS, our style" rows.

Runs in Debian's system Python beside bench/qgis_worker.py (QGIS 3.22, Qt 5), so it cannot
import geodata: peers.py resolves resources/style.toml with ``geodata.style`` and sends each
layer's passes in the worker's JSON spec (colours as RGBA, widths in pixels at the reference
zoom, dashes in multiples of the width, filters, ``min_zoom``) together with the line growth
of each view, computed by ``Style.line_growth`` at our view's zoom. Here each pass becomes
rules of a rule-based renderer whose symbols have one symbol layer in pixels, round caps and
joins (square ones on dashes, as ours), drawn pass by pass (symbol levels), with the
pass's filter as the rule's expression and ``min_zoom`` as the rule's scale limit. The map
is drawn in our local transverse Mercator (same pixels per metre as ours), and the place
and site names are labelled with QGIS's PAL engine in our fonts, sizes, colours and halo,
as text (the worker sets ``TextFormatAlwaysText``, a project option: QGIS's default draws
each glyph as an outline, ~2x slower here, where Qt draws ours from its glyph cache).

What is not matched is listed in :data:`UNMATCHED` and printed by peers.py.
"""

from __future__ import annotations

UNMATCHED = (
    "site symbols: QGIS's nearest marker shapes (ships and bridges as small squares, no "
    "hatching of contested sites, no dashed ring of an uncertain time)",
    "site labels: PAL placement around the point, clear of the symbols (an obstacle layer), "
    "the first 400 features (ours: greedy, 400 by priority, clear of symbols and panels, "
    "and the story's central sites may cover symbols)",
    "street names (ours from zoom 0.3 px/m: neither view of the bench shows them)",
    "our overlay panels (date, legend, scale bar, caption) and selection rings",
    "a bridge that is also a site: ours draws its deck as a scene item (same pen), QGIS in "
    "the bridges layer",
)

INCHES_PER_METRE = 39.37007874


def line_width(p: dict, growth: float) -> float:
    """Pixels of pass ``p`` where lines grow by ``growth`` (geodata.style.Pass.line_width)."""
    return p["width"] * (growth if p["grow"] else 1.0) + p["extra"]


class OurStyle:
    """The layers of a GeoPackage styled as our map, and their widths at a view's zoom."""

    def __init__(self, spec: dict, gpkg: str, states: str, controls: dict[str, str]):
        from qgis.core import QgsCoordinateReferenceSystem, QgsRectangle

        self.spec = spec
        self.crs = QgsCoordinateReferenceSystem.fromProj(spec["proj4"])
        self.extent = QgsRectangle(*spec["rect"])
        self.background = spec["paper"]
        self._sized: list[tuple[object, dict, list[float]]] = []   # symbol layer, pass, dash
        layers = []
        for name, passes in spec["passes"].items():
            layer = _layer(gpkg, name)
            if layer is not None:
                self._style(layer, name, passes)
                layers.append(layer)
        self.labels = [lay for lay in (self._place_labels(gpkg), self._site_labels(gpkg))
                       if lay is not None]
        self.sites = self._sites(states, controls)
        # QGIS lists the top layer first
        self.layers = [*self.labels, self.sites, *reversed(layers)]
        self.growth = None
        self.draw_labels = True

    @property
    def without_labels(self) -> OurStyle:
        """The same set-up drawn without the label engine (for the labels' share)."""
        other = object.__new__(OurStyle)
        other.__dict__ |= self.__dict__ | {"draw_labels": False}
        return other

    def set_growth(self, growth: float) -> None:
        """Widths (and dashes, in multiples of the width) of every pass at this growth."""
        self.growth = growth
        for symbol_layer, p, dash in self._sized:
            w = line_width(p, growth)
            if hasattr(symbol_layer, "setStrokeWidth"):
                symbol_layer.setStrokeWidth(w)
            else:
                symbol_layer.setWidth(w)
            if dash:
                symbol_layer.setCustomDashVector([d * w for d in dash])

    # -- symbols ------------------------------------------------------------------------

    def _style(self, layer, name: str, passes: list[dict]) -> None:
        from qgis.core import QgsRuleBasedRenderer

        root = QgsRuleBasedRenderer.Rule(None)
        made = []
        fields = set(layer.fields().names())
        for k, p in enumerate(passes):
            for filt, fill, dash in self._cases(name, p, fields):
                symbol = self._symbol(layer, p, fill, dash, k)
                rule = QgsRuleBasedRenderer.Rule(symbol, 0, 0, filt or "")
                if p["min_zoom"]:   # scale denominator at min_zoom pixels per metre, 96 dpi
                    rule.setMinimumScale(96 * INCHES_PER_METRE / p["min_zoom"])
                root.appendChild(rule)
                made.append((p, dash))
        renderer = QgsRuleBasedRenderer(root)
        renderer.setUsingSymbolLevels(True)     # pass by pass, as ours draws them
        layer.setRenderer(renderer)
        for rule, (p, dash) in zip(layer.renderer().rootRule().children(), made, strict=True):
            self._sized.append((rule.symbol().symbolLayer(0), p, dash))

    def _cases(self, name: str, p: dict, fields: set[str]):
        """(filter expression or None, fill RGBA or None, dash) for each rule of pass ``p``."""
        routes = name == "routes" and "kind" in fields
        by = "kind" if routes else p["by"]
        value = None
        if by and by in fields:
            value = f"coalesce(nullif(to_string(\"{by}\"), ''), '{p['missing'] or ''}')"
        only = None
        if p["only"] is not None:
            if value is None:      # every feature counts as "missing"
                if p["missing"] not in p["only"]:
                    return []
            else:
                only = f"{value} IN ({_list(p['only'])})"
        if routes:   # our routes: each kind's dash pattern ([routes] in style.toml)
            dashes = self.spec["route_dashes"]
            out = [(_and(only, f"{value} = '{kind}'"), p["fill"], dash)
                   for kind, dash in dashes.items()]
            out.append((_and(only, f"NOT ({value} IN ({_list(dashes)}))"), p["fill"],
                        self.spec["route_dash_default"]))
            return out
        cases = p["fill_cases"] if value is not None else {}
        out = [(_and(only, f"{value} = '{v}'"), fill, p["dash"]) for v, fill in cases.items()]
        rest = _and(only, f"NOT ({value} IN ({_list(cases)}))") if cases else only
        out.append((rest, p["fill"], p["dash"]))
        return out

    @staticmethod
    def _symbol(layer, p: dict, fill, dash: list[float], level: int):
        from qgis.core import (
            QgsFillSymbol,
            QgsLineSymbol,
            QgsSimpleFillSymbolLayer,
            QgsSimpleLineSymbolLayer,
            QgsUnitTypes,
            QgsWkbTypes,
        )
        from qgis.PyQt.QtCore import Qt
        from qgis.PyQt.QtGui import QColor

        pixels = QgsUnitTypes.RenderPixels
        stroke = QColor(*p["stroke"])
        polygon = layer.geometryType() == QgsWkbTypes.PolygonGeometry
        if polygon and not dash:       # one path per feature, filled and stroked (as ours)
            sl = QgsSimpleFillSymbolLayer(QColor(*fill) if fill else QColor(0, 0, 0, 0))
            if not fill:
                sl.setBrushStyle(Qt.NoBrush)
            sl.setStrokeColor(stroke)
            sl.setStrokeWidthUnit(pixels)
            sl.setPenJoinStyle(Qt.RoundJoin)
        else:                          # a line, or a polygon's dashed edge
            sl = QgsSimpleLineSymbolLayer(stroke)
            sl.setWidthUnit(pixels)
            sl.setPenJoinStyle(Qt.RoundJoin)
            sl.setPenCapStyle(Qt.SquareCap if p["dash"] else Qt.RoundCap)
            if dash:
                sl.setUseCustomDashPattern(True)
                sl.setCustomDashPatternUnit(pixels)
        sl.setRenderingPass(level)
        symbol = (QgsFillSymbol if polygon else QgsLineSymbol)()
        symbol.changeSymbolLayer(0, sl)      # the symbol owns the layer
        return symbol

    def _sites(self, path: str, controls: dict[str, str]):
        """The states layer again (temporal, as the default set-up's), each site in its
        control's colour: our symbol of its kind, outlined in ink, or above ``dots_above``
        sites our 7 px squares with a 1 px ink edge."""
        from qgis.core import (
            QgsCategorizedSymbolRenderer,
            QgsMarkerSymbol,
            QgsPalLayerSettings,
            QgsProperty,
            QgsRendererCategory,
            QgsSimpleMarkerSymbolLayer,
            QgsSymbolLayer,
            QgsUnitTypes,
            QgsVectorLayer,
            QgsVectorLayerSimpleLabeling,
        )
        from qgis.PyQt.QtGui import QColor

        sites = self.spec["sites"]
        layer = QgsVectorLayer(f"{path}|layername=states", "ours-states", "ogr")
        dots = layer.featureCount() and sites["count"] > sites["dots_above"]
        kinds = sites["kinds"]
        shape = "CASE " + " ".join(f"WHEN \"kind\" = '{k}' THEN '{v[0]}'"
                                   for k, v in kinds.items()) + " ELSE 'circle' END"
        size = "CASE " + " ".join(f"WHEN \"kind\" = '{k}' THEN {v[1]}"
                                  for k, v in kinds.items()) + f" ELSE {sites['size']} END"
        categories = []
        for control, colour in controls.items():
            sl = QgsSimpleMarkerSymbolLayer()
            sl.setColor(QColor(colour))
            sl.setStrokeColor(QColor(*sites["ink"]))
            sl.setSizeUnit(QgsUnitTypes.RenderPixels)
            sl.setStrokeWidthUnit(QgsUnitTypes.RenderPixels)
            if dots:
                sl.setShape(QgsSimpleMarkerSymbolLayer.Square)
                sl.setSize(sites["dot"] + 1)
                sl.setStrokeWidth(1)
            else:
                sl.setStrokeWidth(sites["outline"])
                sl.setDataDefinedProperty(QgsSymbolLayer.PropertyName,
                                          QgsProperty.fromExpression(shape))
                sl.setDataDefinedProperty(QgsSymbolLayer.PropertySize,
                                          QgsProperty.fromExpression(size))
            symbol = QgsMarkerSymbol()
            symbol.changeSymbolLayer(0, sl)
            categories.append(QgsRendererCategory(control, symbol, control))
        layer.setRenderer(QgsCategorizedSymbolRenderer("control", categories))
        # Symbols block labels, as ours: QGIS's "blocking" labelling, no text, an obstacle
        # of the highest weight (placement engine 2 puts no label of lower priority over it).
        blocking = QgsPalLayerSettings()
        blocking.drawLabels = False
        obstacle = blocking.obstacleSettings()
        obstacle.setIsObstacle(True)
        obstacle.setFactor(2.0)
        blocking.setObstacleSettings(obstacle)
        layer.setLabeling(QgsVectorLayerSimpleLabeling(blocking))
        layer.setLabelsEnabled(True)
        return animate_by_fields(layer)

    # -- labels -------------------------------------------------------------------------

    def _text(self, family: str, points: float, colour: list[int], bold: bool = False,
              italic: bool = False):
        from qgis.core import QgsTextBufferSettings, QgsTextFormat, QgsUnitTypes
        from qgis.PyQt.QtGui import QColor, QFont

        labels = self.spec["labels"]
        font = QFont(family)
        font.setBold(bold)
        font.setItalic(italic)
        fmt = QgsTextFormat()
        fmt.setFont(font)
        fmt.setSize(points)
        fmt.setSizeUnit(QgsUnitTypes.RenderPoints)
        fmt.setColor(QColor(*colour))
        halo = QgsTextBufferSettings()
        halo.setEnabled(True)
        halo.setSize(labels["halo"])
        halo.setSizeUnit(QgsUnitTypes.RenderPixels)
        halo.setColor(QColor(*labels["halo_colour"]))
        fmt.setBuffer(halo)
        return fmt

    def _place_labels(self, gpkg: str):
        """Water names in italic serif, islands and the rest in serif, centred on the point."""
        from qgis.core import QgsPalLayerSettings, QgsRuleBasedLabeling

        layer = _layer(gpkg, "places")
        if layer is None:
            return None
        lab = self.spec["labels"]
        root = QgsRuleBasedLabeling.Rule(None)
        water = "\"kind\" = 'water'" if "kind" in layer.fields().names() else "FALSE"
        for filt, fmt in ((water, self._text(lab["serif"], lab["size"] * 1.05,
                                             lab["water_colour"], italic=True)),
                          (f"NOT ({water})", self._text(lab["serif"], lab["size"] * 1.1,
                                                        lab["colour"]))):
            settings = QgsPalLayerSettings()
            settings.fieldName = "name_en"
            settings.placement = QgsPalLayerSettings.OverPoint
            settings.setFormat(fmt)
            root.appendChild(QgsRuleBasedLabeling.Rule(settings, 0, 0, filt))
        return _labels_only(layer, QgsRuleBasedLabeling(root))

    def _site_labels(self, gpkg: str):
        """Site names in bold sans beside the symbol: right, left, above, below."""
        from qgis.core import QgsPalLayerSettings, QgsUnitTypes, QgsVectorLayerSimpleLabeling

        layer = _layer(gpkg, "sites")
        if layer is None:
            return None
        lab = self.spec["labels"]
        settings = QgsPalLayerSettings()
        settings.fieldName = "name_en"
        settings.placement = QgsPalLayerSettings.OrderedPositionsAroundPoint
        settings.predefinedPositionOrder = [
            QgsPalLayerSettings.MiddleRight, QgsPalLayerSettings.MiddleLeft,
            QgsPalLayerSettings.TopMiddle, QgsPalLayerSettings.BottomMiddle]
        settings.dist = lab["site_gap"]
        settings.distUnits = QgsUnitTypes.RenderPixels
        settings.limitNumLabels = True
        settings.maxNumLabels = lab["max_site_labels"]
        settings.priority = 9     # above the place names, as ours; below the symbols' weight
        settings.setFormat(self._text(lab["sans"], lab["size"], lab["colour"], bold=True))
        return _labels_only(layer, QgsVectorLayerSimpleLabeling(settings))


def animate_by_fields(layer):
    """``layer`` shown at the times between its ``start`` and ``end`` fields (QGIS's temporal
    controller, as a user sets it in the layer's properties)."""
    from qgis.core import QgsVectorLayerTemporalProperties

    temporal = layer.temporalProperties()
    temporal.setIsActive(True)
    temporal.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
    temporal.setStartField("start")
    temporal.setEndField("end")
    return layer


def _layer(gpkg: str, name: str):
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(f"{gpkg}|layername={name}", f"ours-{name}", "ogr")
    return layer if layer.isValid() and layer.featureCount() else None


def _labels_only(layer, labeling):
    """``layer`` drawn as its labels only (no symbols: ours draws none at those points)."""
    from qgis.core import QgsNullSymbolRenderer

    layer.setRenderer(QgsNullSymbolRenderer())
    layer.setLabeling(labeling)
    layer.setLabelsEnabled(True)
    return layer


def _list(values) -> str:
    return ", ".join("'" + str(v).replace("'", "''") + "'" for v in values)


def _and(a: str | None, b: str) -> str:
    return f"({a}) AND ({b})" if a else b
