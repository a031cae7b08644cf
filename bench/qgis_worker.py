"""The QGIS side of bench/peers.py; runs in Debian's system Python (``python3-qgis``).

``/usr/bin/python3 bench/qgis_worker.py SPEC.json`` opens a scenario's GeoPackage and its
``states`` layer (each site's control as time intervals) the way a QGIS user would — layers,
a categorized renderer on the control, temporal properties from the start and end fields —
then renders temporal frames at the size asked for and prints one JSON line of timings (ms).
QGIS is Qt 5: it never shares a process with PySide6.
"""

from __future__ import annotations

import json
import statistics
import sys
import time


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
        QgsRendererCategory,
        QgsSymbol,
        QgsVectorLayer,
        QgsVectorLayerTemporalProperties,
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
    temporal = states.temporalProperties()
    temporal.setIsActive(True)
    temporal.setMode(QgsVectorLayerTemporalProperties.ModeFeatureDateTimeStartAndEndFromFields)
    temporal.setStartField("start")
    temporal.setEndField("end")
    for layer in (states, *basemap):
        QgsProject.instance().addMapLayer(layer)
    read_ms = (time.perf_counter() - t0) * 1000

    destination = QgsCoordinateReferenceSystem("EPSG:3857")
    to_map = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), destination,
                                    QgsProject.instance())
    x0, y0, x1, y1 = spec["extent"]
    extent = to_map.transformBoundingBox(QgsRectangle(x0, y0, x1, y1))

    def settings_for(layers, t: int, zoom: float = 1.0) -> QgsMapSettings:
        settings = QgsMapSettings()
        settings.setLayers(layers)
        settings.setDestinationCrs(destination)
        settings.setOutputSize(QSize(*spec["size"]))
        settings.setBackgroundColor(QColor(spec["background"]))
        view = QgsRectangle(extent)
        view.scale(1 / zoom)
        settings.setExtent(view)
        settings.setIsTemporal(True)
        settings.setTemporalRange(moment(t))
        return settings

    times = spec["times"]
    render(settings_for([states, *basemap], times[0]))
    first_ms = (time.perf_counter() - t0) * 1000

    sequential, parallel, zoomed, zoomed_parallel = [], [], [], []
    cpu: dict[int, list[float]] = {id(sequential): [], id(zoomed): []}   # process CPU, ms
    for t in times[: spec["redraws"]]:
        for out, layers_zoom, par in ((sequential, 1.0, False), (parallel, 1.0, True),
                                      (zoomed, 2.0, False), (zoomed_parallel, 2.0, True)):
            s, c = time.perf_counter(), time.process_time()
            render(settings_for([states, *basemap], t, layers_zoom), par)
            out.append((time.perf_counter() - s) * 1000)
            if not par:
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

    print(json.dumps({
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
