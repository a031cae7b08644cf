#!/usr/bin/env python3
"""Build geodata/scenarios/petrograd1917/basemap/water.geojson (the 1917 water layer).

The geometry is authored here from facts, not traced from any dataset:
- bridge positions and lengths (encyclopedia coordinates: Palace Bridge 59.94115/30.30810,
  260 m; Nikolaevsky (Blagoveshchensky) 59.93487/30.28953, 331 m, Neva 280 m wide there;
  Troitsky 59.94875/30.32741, 582 m; Liteyny 396 m; Bolsheokhtinsky 59.94270/30.40120,
  335 m; Alexander Nevsky 59.9256/30.3953; Birzhevoy 59.9464/30.3033, 239 m; Tuchkov
  226 m; Sampsonievsky 59.95797/30.33737; Anichkov 59.93326/30.34341; Obukhovsky
  59.92167/30.31778; Egyptian 59.91686/30.29717; Malo-Kalinkin 59.91667/30.28111;
  Pevchesky 59.94001/30.31942; Blue Bridge 59.93147/30.30853; Potseluev 59.92833/30.29500;
  Kazansky 59.9353/30.3262);
- river/canal end points (Okhta mouth 59.94583/30.40750; Obvodny Canal from the Neva at
  59.9198/30.3985 to the Ekateringofka at 59.9093/30.2606; Catherine Canal leaves the Moika
  at 59.94150/30.32875) and published widths (Fontanka up to 70 m, Catherine Canal 32 m,
  Obvodny 21-43 m, Kryukov ~20 m, Malaya Neva 200-400 m);
- landmark positions that must stay on land (Winter Palace, Admiralty, Strelka, Peter and
  Paul Cathedral, Smolny, Finland Station, Kazan Cathedral, Mariinsky Palace, ...);
- the pre-reclamation shore of the Neva Bay (west Vasilyevsky ending near the Galley
  Harbour, lon ~30.235; no Morskaya embankment land).
Wide rivers are drawn as bank polylines; canals and narrow rivers as centrelines with a
width, buffered in UTM 36N.  Features are made non-overlapping by construction: each one
is cut by the union of the features built before it, in the order of FEATURES.
"""
import json
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, mapping
from shapely.ops import unary_union
from shapely.validation import make_valid

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "geodata/scenarios/petrograd1917/basemap/water.geojson"

_fwd = Transformer.from_crs("EPSG:4326", "EPSG:32636", always_xy=True).transform
_inv = Transformer.from_crs("EPSG:32636", "EPSG:4326", always_xy=True).transform


def _apply(fn):
    def f(c):
        x, y = fn(c[:, 0], c[:, 1])
        return np.column_stack([x, y])
    return f


def to_m(g):
    return shapely.transform(g, _apply(_fwd))


def to_ll(g):
    return shapely.transform(g, _apply(_inv))


SMOOTH_STEPS = 6


def smooth(points, steps=SMOOTH_STEPS):
    """Centripetal Catmull-Rom spline through the given (lon, lat) vertices, computed in
    UTM metres.  Every authored vertex (bridge ends, mouths, landmarks) is kept exactly;
    `steps` points are added per segment so banks and courses bend instead of kinking."""
    pts = np.array([to_m(Point(p[0], p[1])).coords[0] for p in points])
    if len(pts) < 3 or steps < 2:
        return [tuple(p[:2]) for p in points]
    ext = np.vstack([2 * pts[0] - pts[1], pts, 2 * pts[-1] - pts[-2]])
    out = []
    for i in range(1, len(ext) - 2):
        p0, p1, p2, p3 = ext[i - 1], ext[i], ext[i + 1], ext[i + 2]
        t0 = 0.0
        t1 = t0 + max(np.linalg.norm(p1 - p0), 1e-6) ** 0.5
        t2 = t1 + max(np.linalg.norm(p2 - p1), 1e-6) ** 0.5
        t3 = t2 + max(np.linalg.norm(p3 - p2), 1e-6) ** 0.5
        for t in np.linspace(t1, t2, steps, endpoint=False):
            a1 = (t1 - t) / (t1 - t0) * p0 + (t - t0) / (t1 - t0) * p1
            a2 = (t2 - t) / (t2 - t1) * p1 + (t - t1) / (t2 - t1) * p2
            a3 = (t3 - t) / (t3 - t2) * p2 + (t - t2) / (t3 - t2) * p3
            b1 = (t2 - t) / (t2 - t0) * a1 + (t - t0) / (t2 - t0) * a2
            b2 = (t3 - t) / (t3 - t1) * a2 + (t - t1) / (t3 - t1) * a3
            out.append((t2 - t) / (t2 - t1) * b1 + (t - t1) / (t2 - t1) * b2)
    out.append(pts[-1])
    xs, ys = _inv(np.array([q[0] for q in out]), np.array([q[1] for q in out]))
    res = list(zip(xs.tolist(), ys.tolist(), strict=True))
    for k, p in enumerate(points):          # authored vertices exactly, not re-projected
        res[k * steps] = (p[0], p[1])
    return res


def banks(left, right):
    """Polygon between two bank polylines (both listed in the same direction), each
    smoothed through its vertices."""
    ring = smooth(left) + list(reversed(smooth(right)))
    return to_m(Polygon(ring))


def channel(points, width):
    """Centreline [(lon, lat, ...)] buffered by width (m); width may be a number or a
    list with one value per segment.  The centreline is smoothed through its vertices."""
    n_seg = len(points) - 1
    if not isinstance(width, (list, tuple)):
        width = [width] * n_seg
    if len(points) >= 3:
        points = smooth(points)
        width = [w for w in width for _ in range(SMOOTH_STEPS)]
    pts_m = [to_m(Point(p[0], p[1])).coords[0] for p in points]
    parts = []
    for i in range(len(pts_m) - 1):
        w = width[i]
        parts.append(LineString([pts_m[i], pts_m[i + 1]]).buffer(w / 2.0, quad_segs=8))
    return unary_union(parts)


def poly(points):
    return to_m(Polygon(points))


# ---------------------------------------------------------------------------
# NEVA: main stream from upstream (Volodarsky bridge reach) past Smolny, the Palace
# and down the Bolshaya Neva to its mouth.  Left bank = south/west bank going downstream.
NEVA_LEFT = [
    (30.4500, 59.8790),
    (30.4330, 59.8895),
    (30.4190, 59.9000),
    (30.4080, 59.9100),
    (30.4015, 59.9165),
    (30.3985, 59.9198),   # Obvodny Canal leaves the Neva
    (30.3955, 59.9222),   # Alexander Nevsky Lavra
    (30.3928, 59.9245),   # Alexander Nevsky bridge, left end
    (30.3935, 59.9280),
    (30.3950, 59.9330),
    (30.3968, 59.9380),
    (30.3988, 59.9421),   # Bolsheokhtinsky bridge, left end (Sinopskaya emb.)
    (30.3997, 59.9442),   # Smolnaya emb. (1.9 km, Bolsheokhtinsky bridge to
    (30.4003, 59.9462),   # Vodoprovodny lane) curves round the Smolny ensemble
    (30.4002, 59.9480),
    (30.3992, 59.9496),   # off Smolny Cathedral (59.9490/30.3952)
    (30.3972, 59.9509),   # the bend round Smolny
    (30.3940, 59.9516),
    (30.3895, 59.9517),
    (30.3840, 59.9512),
    (30.3780, 59.9506),
    (30.3700, 59.9503),   # Voskresenskaya emb.
    (30.3600, 59.9503),
    (30.3540, 59.9505),
    (30.3490, 59.9505),   # Liteyny bridge, left end
    (30.3440, 59.9498),
    (30.3400, 59.9489),
    (30.3382, 59.9484),   # Fontanka head (Prachechny bridge)
    (30.3350, 59.9476),   # Kutuzov emb. / Summer Garden
    (30.3310, 59.9468),
    (30.3294, 59.9466),   # Suvorov square, Troitsky bridge left end
    (30.3280, 59.9461),
    (30.3250, 59.9452),   # Marble Palace
    (30.3210, 59.9440),
    (30.3185, 59.9430),   # Winter Canal
    (30.3160, 59.9418),
    (30.3140, 59.9412),   # Winter Palace, north facade
    (30.3115, 59.9407),
    (30.3091, 59.9403),   # Palace Bridge, left end
    (30.3060, 59.9392),   # Admiralty emb.
    (30.3022, 59.9377),   # off the Bronze Horseman
    (30.2980, 59.9362),
    (30.2940, 59.9348),
    (30.2910, 59.9338),   # Nikolaevsky bridge, left end (Blagoveshchenskaya sq.)
    (30.2860, 59.9322),   # English emb.
    (30.2810, 59.9308),
    (30.2775, 59.9298),   # New Admiralty
    (30.2735, 59.9280),
    (30.2700, 59.9258),   # Admiralty shipyards, Galerny island
    (30.2680, 59.9240),   # Moika mouth
    (30.2655, 59.9212),
    (30.2635, 59.9185),
    (30.2620, 59.9160),   # Fontanka mouth
    (30.2560, 59.9142),   # Gutuevsky island
    (30.2480, 59.9128),
]
NEVA_RIGHT = [
    (30.4600, 59.8830),
    (30.4420, 59.8940),
    (30.4280, 59.9045),
    (30.4160, 59.9140),
    (30.4075, 59.9220),
    (30.4010, 59.9262),
    (30.3985, 59.9272),   # Alexander Nevsky bridge, right end
    (30.4000, 59.9310),
    (30.4018, 59.9360),
    (30.4030, 59.9400),
    (30.4037, 59.9432),   # Bolsheokhtinsky bridge, right end (Malookhtinskaya emb.)
    (30.4054, 59.9448),
    (30.4068, 59.9461),   # Okhta mouth
    (30.4078, 59.9480),   # Sverdlovskaya emb.
    (30.4075, 59.9510),
    (30.4058, 59.9538),
    (30.4025, 59.9558),
    (30.3970, 59.9568),
    (30.3900, 59.9565),
    (30.3830, 59.9556),
    (30.3760, 59.9546),   # Arsenalnaya emb.
    (30.3690, 59.9537),   # Kresty
    (30.3620, 59.9536),
    (30.3560, 59.9536),   # Finland Station square
    (30.3500, 59.9535),   # Liteyny bridge, right end
    (30.3450, 59.9540),
    (30.3415, 59.9542),   # Vyborg side tip, Bolshaya Nevka
    (30.3392, 59.9540),
    (30.3368, 59.9533),   # Petrograd side tip
    (30.3330, 59.9525),   # Petrovskaya emb.
    (30.3290, 59.9517),
    (30.3262, 59.9509),   # Troitsky bridge, right end
    (30.3243, 59.9505),   # Kronverksky strait, east mouth
    (30.3238, 59.9497),   # Zayachy island, east tip
    (30.3220, 59.9485),
    (30.3195, 59.9479),
    (30.3170, 59.9476),   # Naryshkin bastion
    (30.3140, 59.9478),
    (30.3115, 59.9482),
    (30.3095, 59.9488),   # Zayachy island, west tip
    (30.3090, 59.9470),   # across the Malaya Neva head
    (30.3096, 59.9445),   # Strelka, tip
    (30.3086, 59.9430),
    (30.3071, 59.9421),   # Palace Bridge, right end (Strelka side)
    (30.3058, 59.9418),
    (30.3030, 59.9413),   # Kunstkamera
    (30.2990, 59.9400),   # Twelve Colleges / Menshikov palace
    (30.2950, 59.9386),
    (30.2910, 59.9372),   # Academy of Arts, sphinxes
    (30.2880, 59.9361),   # Nikolaevsky bridge, right end
    (30.2830, 59.9347),   # Lieutenant Schmidt emb.
    (30.2760, 59.9320),
    (30.2700, 59.9294),   # Mining Institute (embankment at the 21st line 59.9299/30.2700)
    (30.2650, 59.9281),
    (30.2600, 59.9270),   # Baltic shipyard
    (30.2530, 59.9261),
    (30.2460, 59.9256),
    (30.2400, 59.9258),   # Vasilyevsky, south-west corner
]

MALAYA_NEVA_S = [   # Vasilyevsky (Makarova emb.) then Golodai (Dekabristov) island
    (30.3115, 59.9456), (30.3094, 59.9452), (30.3070, 59.9451), (30.3040, 59.9454),
    (30.3000, 59.9460), (30.2950, 59.9467), (30.2890, 59.9477), (30.2830, 59.9483),
    (30.2760, 59.9488), (30.2700, 59.9494), (30.2600, 59.9502), (30.2500, 59.9510),
    (30.2440, 59.9514), (30.2360, 59.9518),
]
MALAYA_NEVA_N = [   # Zayachy west tip, Mytninskaya emb., Petrograd side, Petrovsky island
    (30.3105, 59.9480), (30.3094, 59.9489), (30.3075, 59.9492), (30.3055, 59.9486),
    (30.3030, 59.9476), (30.2990, 59.9484), (30.2940, 59.9494), (30.2890, 59.9500),
    (30.2860, 59.9503), (30.2800, 59.9511), (30.2700, 59.9523), (30.2600, 59.9533),
    (30.2500, 59.9541), (30.2440, 59.9546), (30.2360, 59.9552),
]

KRONVERKSKY = [(30.3256, 59.9497), (30.3240, 59.9510), (30.3222, 59.9520), (30.3195, 59.9526),
               (30.3160, 59.9528), (30.3125, 59.9524), (30.3103, 59.9514), (30.3090, 59.9500),
               (30.3088, 59.9480)]

BOLSHAYA_NEVKA = [(30.3395, 59.9530), (30.3388, 59.9555), (30.3374, 59.9580), (30.3360, 59.9620),
                  (30.3346, 59.9660), (30.3332, 59.9700), (30.3318, 59.9725), (30.3285, 59.9758),
                  (30.3235, 59.9788), (30.3165, 59.9812), (30.3085, 59.9828), (30.3010, 59.9843),
                  (30.2900, 59.9857), (30.2800, 59.9863), (30.2700, 59.9868), (30.2600, 59.9868),
                  (30.2500, 59.9866), (30.2400, 59.9866), (30.2300, 59.9870)]
BOLSHAYA_NEVKA_W = [180, 180, 190, 190, 190, 190, 200, 200, 200, 200, 200, 210, 220, 230, 240, 250,
                    260, 270]

# Malaya Nevka: leaves the Bolshaya Nevka at the spit of Kamenny Island, runs SW between
# Aptekarsky and Kamenny islands (Kamennoostrovsky bridge), takes the Karpovka (mouth
# 59.96806/30.28250) and the Zhdanovka (mouth 59.9633/30.2633) on its left and reaches the
# bay between Krestovsky and Petrovsky islands; 4.9 km long, 120-300 m wide.
MALAYA_NEVKA = [(30.3100, 59.9828), (30.3065, 59.9808), (30.3025, 59.9782), (30.2975, 59.9752),
                (30.2925, 59.9722), (30.2875, 59.9697), (30.2825, 59.9678), (30.2760, 59.9663),
                (30.2690, 59.9652), (30.2633, 59.9645), (30.2560, 59.9638), (30.2480, 59.9633),
                (30.2400, 59.9628), (30.2310, 59.9622)]
MALAYA_NEVKA_W = [140, 140, 140, 150, 150, 160, 170, 180, 190, 200, 210, 230, 250]

SREDNYAYA_NEVKA = [(30.2810, 59.9866), (30.2765, 59.9832), (30.2700, 59.9800), (30.2600, 59.9770),
                   (30.2500, 59.9748), (30.2400, 59.9735), (30.2310, 59.9728)]
SREDNYAYA_NEVKA_W = [120, 120, 130, 140, 150, 160]

KRESTOVKA = [(30.2893, 59.9707), (30.2850, 59.9740), (30.2800, 59.9778), (30.2742, 59.9822)]

FONTANKA = [(30.3381, 59.9492), (30.3383, 59.9476), (30.3388, 59.9455), (30.3394, 59.9419),
            (30.3402, 59.9400), (30.3412, 59.9380), (30.3425, 59.9355), (30.34341, 59.93326),
            (30.3430, 59.9310), (30.3408, 59.9290), (30.3378, 59.9280), (30.3330, 59.9268),
            (30.3269, 59.9252), (30.31778, 59.92167), (30.3070, 59.9190), (30.29717, 59.91686),
            (30.2900, 59.9165), (30.28111, 59.91640), (30.2760, 59.9160), (30.2700, 59.9158),
            (30.2640, 59.9156), (30.2600, 59.9156)]
FONTANKA_W = [55, 55, 50, 50, 50, 50, 50, 50, 50, 50, 50, 50, 55, 55, 55, 60, 60, 60, 65, 70, 70]

MOIKA = [(30.3400, 59.9419), (30.3370, 59.9418), (30.3330, 59.9417), (30.3300, 59.9415),
         (30.32875, 59.94145), (30.3262, 59.9409), (30.3235, 59.9406), (30.3210, 59.9404),
         (30.31942, 59.94001), (30.3198, 59.9388), (30.3206, 59.9375), (30.3212, 59.9364),
         (30.3195, 59.9355), (30.3160, 59.9340), (30.3120, 59.9326), (30.30853, 59.93147),
         (30.3040, 59.9302), (30.3000, 59.9296), (30.29500, 59.92833), (30.2910, 59.9280),
         (30.2860, 59.9268), (30.2800, 59.9254), (30.2740, 59.9246), (30.2680, 59.9242)]
MOIKA_W = 30

GRIBOEDOV = [(30.32875, 59.94160), (30.3294, 59.9405), (30.3297, 59.9395), (30.3292, 59.9375),
             (30.3275, 59.9361), (30.3262, 59.9353), (30.3254, 59.9340), (30.3243, 59.9322),
             (30.3225, 59.9310), (30.3197, 59.9300), (30.3175, 59.9287), (30.3150, 59.9278),
             (30.3115, 59.9268), (30.3075, 59.9260), (30.3035, 59.9247), (30.2990, 59.9234),
             (30.2955, 59.9226), (30.2915, 59.9208), (30.2870, 59.9190), (30.2830, 59.9175),
             (30.28111, 59.91665), (30.2809, 59.9162)]
GRIBOEDOV_W = 28

KRYUKOV = [(30.2908, 59.9283), (30.2922, 59.9265), (30.2938, 59.9248), (30.2955, 59.9226),
           (30.2972, 59.9200), (30.2988, 59.9174)]
KRYUKOV_W = 22

PRYAZHKA = [(30.2785, 59.9253), (30.2775, 59.9225), (30.2768, 59.9195), (30.2762, 59.9162)]

OBVODNY = [(30.3992, 59.9203), (30.3985, 59.9198), (30.3940, 59.9188), (30.3850, 59.9175),
           (30.3750, 59.9162), (30.3650, 59.9151), (30.3560, 59.9143), (30.3490, 59.9138),
           (30.3400, 59.9133), (30.33192, 59.91286), (30.3250, 59.9120), (30.3180, 59.9110),
           (30.3100, 59.9098), (30.3050, 59.9091), (30.2990, 59.9086), (30.2900, 59.9080),
           (30.2820, 59.9079), (30.2750, 59.9082), (30.2680, 59.9088), (30.2606, 59.9093)]
OBVODNY_W = [42, 42, 40, 38, 36, 34, 32, 30, 30, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28]

# Ekateringofka: leaves the Bolshaya Neva at the mouth of the Fontanka, runs south past the
# mouth of the Obvodny Canal and then west to the bay; separates Gutuevsky island.
EKATERINGOFKA = [(30.2630, 59.9162), (30.2620, 59.9125), (30.2606, 59.9093), (30.2580, 59.9062),
                 (30.2535, 59.9035), (30.2480, 59.9010), (30.2420, 59.8990)]
EKATERINGOFKA_W = [50, 50, 50, 55, 60, 70]

OKHTA = [(30.4062, 59.9457), (30.4075, 59.9458), (30.4125, 59.9465), (30.4180, 59.9472),
         (30.4230, 59.9490), (30.4268, 59.9525), (30.4295, 59.9575)]
OKHTA_W = [55, 55, 50, 45, 45, 40]

# Zhdanovka: leaves the Malaya Neva just below (west of) the Tuchkov bridge, so the bridge
# lands on Petrogradsky island; 2.2 km NW to the Malaya Nevka, about 30-40 m wide.
ZHDANOVKA = [(30.2838, 59.9500), (30.2832, 59.9518), (30.2815, 59.9542), (30.2790, 59.9566),
             (30.2750, 59.9590), (30.2700, 59.9610), (30.2655, 59.9628), (30.2625, 59.9648)]
ZHDANOVKA_W = 38

# Karpovka: from the Bolshaya Nevka (59.96750/30.33278, by the Grenadersky bridge) to the
# Malaya Nevka (59.96806/30.28250), 3 km, bowing north past the Botanical Garden.
KARPOVKA = [(30.3342, 59.9672), (30.3300, 59.9684), (30.3250, 59.9695), (30.3180, 59.9703),
            (30.3120, 59.9707), (30.3050, 59.9705), (30.2980, 59.9699), (30.2900, 59.9689),
            (30.2840, 59.9682), (30.2822, 59.9675)]
KARPOVKA_W = 25

# Smolenka: leaves the Malaya Neva at 59.9500/30.2736 (below the Tuchkov bridge), winds
# WSW past the Smolensky cemetery (59.9433/30.2486) north of Maly prospekt and reaches the
# bay at the 1917 shore, about 3.3 km; separates Golodai from Vasilyevsky Island.
SMOLENKA = [(30.2740, 59.9502), (30.2718, 59.9484), (30.2680, 59.9474), (30.2620, 59.9466),
            (30.2565, 59.9455), (30.2520, 59.9440), (30.2486, 59.9433), (30.2440, 59.9435),
            (30.2395, 59.9444), (30.2350, 59.9456), (30.2290, 59.9466)]
SMOLENKA_W = 40

# Neva Bay: everything west of the 1917 shore, north to south.
# Neva Bay: everything west of the 1917 shore, north to south: Lakhta side, mouth of the
# Bolshaya Nevka, Elagin spit, Krestovsky, Petrovsky, Golodai and the Galley Harbour end of
# Vasilyevsky, the mouth of the Bolshaya Neva, Gutuevsky island and the port, Ekateringof.
BAY = [(30.1700, 59.8750), (30.1700, 60.0000), (30.2150, 60.0000), (30.2195, 59.9955),
       (30.2260, 59.9920), (30.2330, 59.9898), (30.2395, 59.9888),
       (30.2420, 59.9868), (30.2425, 59.9848), (30.2405, 59.9832), (30.2378, 59.9818),
       (30.2372, 59.9806), (30.2390, 59.9793), (30.2420, 59.9778), (30.2425, 59.9748),
       (30.2405, 59.9730), (30.2370, 59.9716), (30.2340, 59.9697), (30.2328, 59.9672),
       (30.2338, 59.9648), (30.2365, 59.9630),
       (30.2400, 59.9612), (30.2418, 59.9590), (30.2424, 59.9568), (30.2418, 59.9545),
       (30.2395, 59.9522), (30.2360, 59.9502), (30.2330, 59.9482), (30.2312, 59.9462),
       (30.2308, 59.9440), (30.2312, 59.9410), (30.2322, 59.9378), (30.2338, 59.9340),
       (30.2358, 59.9305), (30.2378, 59.9278), (30.2400, 59.9258),
       (30.2480, 59.9128), (30.2445, 59.9112), (30.2420, 59.9088), (30.2412, 59.9058),
       (30.2420, 59.9030), (30.2438, 59.9005), (30.2470, 59.8978), (30.2520, 59.8950),
       (30.2560, 59.8915), (30.2585, 59.8870), (30.2600, 59.8810), (30.2600, 59.8750)]
KANONERSKY = [(30.2000, 59.8972), (30.2100, 59.9002), (30.2200, 59.9026), (30.2290, 59.9042),
              (30.2340, 59.9040), (30.2335, 59.9026), (30.2240, 59.9006), (30.2130, 59.8978),
              (30.2030, 59.8956)]


def build():
    neva = banks(NEVA_LEFT, NEVA_RIGHT)
    feats = [
        ("neva_bay", "Neva Bay", "Невская губа", "bay", poly(BAY).difference(poly(KANONERSKY))),
        ("neva", "Neva (Bolshaya Neva)", "Нева (Большая Нева)", "river", neva),
        ("malaya_neva", "Malaya Neva", "Малая Нева", "river", banks(MALAYA_NEVA_S, MALAYA_NEVA_N)),
        ("kronverksky_strait", "Kronverksky Strait", "Кронверкский пролив", "river", channel(KRONVERKSKY, 50)),
        ("bolshaya_nevka", "Bolshaya Nevka", "Большая Невка", "river", channel(BOLSHAYA_NEVKA, BOLSHAYA_NEVKA_W)),
        ("malaya_nevka", "Malaya Nevka", "Малая Невка", "river", channel(MALAYA_NEVKA, MALAYA_NEVKA_W)),
        ("srednyaya_nevka", "Srednyaya Nevka", "Средняя Невка", "river", channel(SREDNYAYA_NEVKA, SREDNYAYA_NEVKA_W)),
        ("krestovka", "Krestovka", "Крестовка", "river", channel(KRESTOVKA, 45)),
        ("fontanka", "Fontanka", "Фонтанка", "river", channel(FONTANKA, FONTANKA_W)),
        ("moika", "Moika", "Мойка", "river", channel(MOIKA, MOIKA_W)),
        ("catherine_canal", "Catherine Canal", "Екатерининский канал", "canal", channel(GRIBOEDOV, GRIBOEDOV_W)),
        ("kryukov_canal", "Kryukov Canal", "Крюков канал", "canal", channel(KRYUKOV, KRYUKOV_W)),
        ("pryazhka", "Pryazhka", "Пряжка", "river", channel(PRYAZHKA, 30)),
        ("obvodny_canal", "Obvodny Canal", "Обводный канал", "canal", channel(OBVODNY, OBVODNY_W)),
        ("ekateringofka", "Ekateringofka", "Екатерингофка", "river", channel(EKATERINGOFKA, EKATERINGOFKA_W)),
        ("okhta", "Okhta", "Охта", "river", channel(OKHTA, OKHTA_W)),
        ("zhdanovka", "Zhdanovka", "Ждановка", "river", channel(ZHDANOVKA, ZHDANOVKA_W)),
        ("karpovka", "Karpovka", "Карповка", "river", channel(KARPOVKA, KARPOVKA_W)),
        ("smolenka", "Smolenka", "Смоленка", "river", channel(SMOLENKA, SMOLENKA_W)),
    ]
    out, built = [], []
    for fid, en, ru, kind, g in feats:
        g = make_valid(g).buffer(0)
        if built:
            g = g.difference(unary_union(built))
        g = clean(g)
        built.append(g)
        out.append((fid, en, ru, kind, g))
    return out


def clean(g_m, min_area=5000.0):
    """Keep the largest part and any other part above min_area m2: drops slivers and the
    round ends of a channel that poke out beyond the far bank of the river it leaves."""
    g_m = make_valid(g_m).buffer(0)
    polys = [p for p in getattr(g_m, "geoms", [g_m]) if p.geom_type == "Polygon"]
    big = max(p.area for p in polys)
    return unary_union([p for p in polys if p.area >= min_area or p.area == big])


def rounded_ll(g_m):
    g = to_ll(g_m)
    g = shapely.transform(g, lambda c: np.round(c, 6))
    return make_valid(g).buffer(0)


def main():
    feats = build()
    # round to 6 decimals, then re-enforce non-overlap in lon/lat after rounding
    features, done = [], []
    for fid, en, ru, kind, g_m in feats:
        g = rounded_ll(g_m)
        if done:
            g = make_valid(g.difference(unary_union(done))).buffer(0)
        polys = [p for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon" and not p.is_empty]
        g = polys[0] if len(polys) == 1 else MultiPolygon(polys)
        done.append(g)
        features.append({
            "type": "Feature",
            "properties": {"id": fid, "name_en": en, "name_ru": ru, "kind": kind},
            "geometry": mapping(g),
        })
    fc = {
        "type": "FeatureCollection",
        "provenance": ("Authored for this project from published facts, not traced from maps or "
                       "datasets: encyclopedia coordinates and lengths of the Neva bridges (Palace, "
                       "Nikolaevsky, Troitsky, Liteyny, Bolsheokhtinsky) and of canal bridges, the "
                       "start and end points and widths of the rivers and canals, landmarks that "
                       "must stay on land, and the pre-reclamation 1917 shore of the Neva Bay; "
                       "see scripts/basemap/build_water.py."),
        "features": features,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    txt = json.dumps(fc, ensure_ascii=False, indent=None, separators=(",", ":"))
    OUT.write_text(txt + "\n", encoding="utf-8")
    print(f"wrote {OUT} with {len(features)} features")


if __name__ == "__main__":
    main()
