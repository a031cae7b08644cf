"""The QGIS side of bench/peers.py; runs in Debian's system Python (``python3-qgis``).

``/usr/bin/python3 bench/qgis_worker.py SPEC.json`` opens a scenario's GeoPackage and its
``states`` layer (each site's control as time intervals) the way a QGIS user would — layers,
a categorized renderer on the control, temporal properties from the start and end fields —
then renders temporal frames at the size asked for and prints one JSON line of timings (ms).
The basemap is drawn twice, interleaved: with QGIS's default symbols (one thin line per
street, no labels), and, when the spec has ``ours``, in our map's style
(:mod:`qgis_style`: our passes, widths at the view's zoom, place and site names); those
timings are the ``ours_*`` keys. ``png`` in the spec saves the fit view of each.
QGIS is Qt 5: it never shares a process with PySide6.
"""

from __future__ import annotations

import json
import statistics
import sys
import time

from qgis_style import animate_by_fields


def main(spec_path: str) -> None:
    spec = json.loads(open(spec_path, encoding="utf-8").read())
    from qgis.core import (
        QgsApplication,
        QgsCategorizedSymbolRenderer,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsDateTimeRange,
        QgsMapRendererParallelJob,
        QgsMapRendererSequentialJob,
        QgsMapSettings,
        QgsProject,
        QgsRectangle,
        QgsRenderContext,
        QgsRendererCategory,
        QgsSymbol,
        QgsVectorLayer,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QDateTime, QSize, Qt
    from qgis.PyQt.QtGui import QColor, QImage, QPainter

    app = QgsApplication([], False)
    app.setPrefixPath("/usr", True)
    app.initQgis()

    def render(settings, parallel: bool = False) -> QImage:
        job = (QgsMapRendererParallelJob if parallel else QgsMapRendererSequentialJob)(settings)
        job.start()
        job.waitForFinished()
        return job.renderedImage()

    def moment(minutes_since_epoch: int):
        start = QDateTime.fromSecsSinceEpoch(minutes_since_epoch * 60, Qt.UTC)
        return QgsDateTimeRange(start, start.addSecs(60))

    t0 = time.perf_counter()
    basemap = []
    for name, (fill, stroke) in spec["basemap"].items():
        layer = QgsVectorLayer(f"{spec['gpkg']}|layername={name}", name, "ogr")
        if not layer.isValid():
            continue
        symbol = QgsSymbol.defaultSymbol(layer.geometryType())
        symbol.setColor(QColor(fill))
        if layer.geometryType() == QgsWkbTypes.PolygonGeometry:
            symbol.symbolLayer(0).setStrokeColor(QColor(stroke))
        layer.renderer().setSymbol(symbol)
        basemap.append(layer)
    states = QgsVectorLayer(f"{spec['states']}|layername=states", "states", "ogr")
    categories = []
    for control, colour in spec["controls"].items():
        symbol = QgsSymbol.defaultSymbol(QgsWkbTypes.PointGeometry)
        symbol.setColor(QColor(colour))
        symbol.setSize(2.6)
        categories.append(QgsRendererCategory(control, symbol, control))
    states.setRenderer(QgsCategorizedSymbolRenderer("control", categories))
    animate_by_fields(states)
    for layer in (states, *basemap):
        QgsProject.instance().addMapLayer(layer)
    read_ms = (time.perf_counter() - t0) * 1000
    destination = QgsCoordinateReferenceSystem("EPSG:3857")
    to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), destination,
                                    QgsProject.instance())
    x0, y0, x1, y1 = spec["extent"]
    extent = to_map.transformBoundingBox(QgsRectangle(x0, y0, x1, y1))

    def settings_for(layers, t: int, zoom: float = 1.0, style=None) -> QgsMapSettings:
        settings = QgsMapSettings()
        settings.setLayers(layers)
        settings.setDestinationCrs(destination if style is None else style.crs)
        settings.setOutputSize(QSize(*spec["size"]))
        settings.setBackgroundColor(QColor(spec["background"]) if style is None
                                    else QColor(*style.background))
        if style is not None:
            settings.setFlag(QgsMapSettings.Antialiasing, True)
            settings.setFlag(QgsMapSettings.DrawLabeling, style.draw_labels)
            # Text as text, as Qt draws ours (QGIS's default, outlines, is ~2x slower here).
            settings.setTextRenderFormat(QgsRenderContext.TextFormatAlwaysText)
            style.set_growth(spec["ours"]["growth"][str(zoom)])   # our widths at this zoom
        view = QgsRectangle(extent if style is None else style.extent)
        view.scale(1 / zoom)
        settings.setExtent(view)
        settings.setIsTemporal(True)
        settings.setTemporalRange(moment(t))
        return settings

    times = spec["times"]
    render(settings_for([states, *basemap], times[0]))
    first_ms = (time.perf_counter() - t0) * 1000

    ours = None   # set up after the first frame: its clock is QGIS's own open
    if "ours" in spec:      # the same GeoPackage in our map's style (bench/qgis_style.py)
        from qgis_style import OurStyle

        t1 = time.perf_counter()
        ours = OurStyle(spec["ours"], spec["gpkg"], spec["states"], spec["controls"])
        for layer in ours.layers:
            QgsProject.instance().addMapLayer(layer)
        ours_read_ms = (time.perf_counter() - t1) * 1000

    if spec.get("png"):
        render(settings_for([states, *basemap], times[0])).save(spec["png"] + "-default.png")
        if ours is not None:
            render(settings_for(ours.layers, times[0], 1.0, ours)).save(
                spec["png"] + "-ourstyle.png")
            render(settings_for(ours.layers, times[0], 2.0, ours)).save(
                spec["png"] + "-ourstyle-2x.png")

    sequential, parallel, zoomed, zoomed_parallel = [], [], [], []
    runs = [(sequential, 1.0, False, None), (parallel, 1.0, True, None),
            (zoomed, 2.0, False, None), (zoomed_parallel, 2.0, True, None)]
    timed: dict[str, list[float]] = {}     # our style: "ours_redraw_fit" etc.
    if ours is not None:
        for key, zoom, par in (("fit", 1.0, False), ("fit_parallel", 1.0, True),
                               ("zoomed", 2.0, False), ("zoomed_parallel", 2.0, True)):
            runs.append((timed.setdefault(f"ours_redraw_{key}", []), zoom, par, ours))
            if not par:
                timed[f"ours_redraw_{key}_cpu"] = []
                runs.append((timed.setdefault(f"ours_redraw_{key}_nolabels", []), zoom, par,
                             ours.without_labels))
    cpu: dict[int, list[float]] = {id(sequential): [], id(zoomed): []}   # process CPU, ms
    cpu |= {id(timed[k[:-4]]): v for k, v in timed.items() if k.endswith("_cpu")}
    for t in times[: spec["redraws"]]:
        for out, layers_zoom, par, style in runs:
            layers = [states, *basemap] if style is None else style.layers
            s, c = time.perf_counter(), time.process_time()
            render(settings_for(layers, t, layers_zoom, style), par)
            out.append((time.perf_counter() - s) * 1000)
            if id(out) in cpu:
                cpu[id(out)].append((time.process_time() - c) * 1000)

    # A time step as QGIS can do it best: the basemap rendered once and cached, each step
    # renders only the temporal points layer and lays it over the cached basemap.
    cached = render(settings_for(basemap, times[0]))
    steps = []
    for t in times:
        s = time.perf_counter()
        settings = settings_for([states], t)
        settings.setBackgroundColor(QColor(0, 0, 0, 0))
        points = render(settings)
        frame = QImage(cached)
        painter = QPainter(frame)
        painter.drawImage(0, 0, points)
        painter.end()
        steps.append((time.perf_counter() - s) * 1000)

    extra: dict[str, object] = {k: statistics.median(v) for k, v in timed.items()}
    if ours is not None:
        from qgis_style import UNMATCHED

        fit = settings_for(ours.layers, times[0], 1.0, ours)
        extra |= {"ours_read": ours_read_ms, "ours_zoom_fit": 1 / fit.mapUnitsPerPixel(),
                  "ours_unmatched": list(UNMATCHED)}
    print(json.dumps(extra | {
        "read": read_ms, "first_frame": first_ms,
        "redraw_fit": statistics.median(sequential),
        "redraw_fit_parallel": statistics.median(parallel),
        "redraw_zoomed": statistics.median(zoomed),
        "redraw_fit_cpu": statistics.median(cpu[id(sequential)]),
        "redraw_zoomed_cpu": statistics.median(cpu[id(zoomed)]),
        "redraw_zoomed_parallel": statistics.median(zoomed_parallel),
        "step": statistics.median(steps), "features": states.featureCount(),
        "version": app.applicationVersion() if hasattr(app, "applicationVersion") else "",
    }), flush=True)
    QgsProject.instance().removeAllMapLayers()
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1])
