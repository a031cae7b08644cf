#!/usr/bin/env python3
"""Build basemap/streets.geojson and basemap/bridges.geojson for Petrograd 1917.

Authored from facts, not traced from maps or datasets.  The facts used:

Bridges (encyclopedia coordinates of the bridge centre, total length, year):
  Palace 59.94115/30.30810, 260.1 m, opened 23 Dec 1916, bascule;
  Nikolaevsky (Blagoveshchensky) 59.93487/30.28953, 331 m, 1850, Neva 280 m wide there;
  Troitsky 59.94875/30.32741, 582 m, 1903, Suvorovskaya sq. -> Troitskaya sq.;
  Liteyny 59.9519/30.3494, 396 m, 1879;
  Peter the Great (Okhtinsky) 59.94271/30.40153, 334 m, opened Oct 1911;
  Tuchkov 59.94889/30.28556 (wooden bridge of 1758, rebuilt; ~258 m in the 1920s);
  Birzhevoy: present bridge 59.9464/30.3033; the 1894 wooden bridge (326 m, swing span)
    stood ~70 m upstream on the axis of Zoologichesky lane;
  Sampsonievsky 59.95797/30.33737 (wooden, 1847, ~225-235 m);
  Grenadersky: present bridge 59.96778/30.33444; the 1905 wooden bridge stood ~90 m
    upstream on the axis of Bolshaya Vulfova st. / Maly Sampsonievsky pr.;
  Anichkov 59.93326/30.34341 (54.6 m); Kazansky 59.9353/30.3262 (18.8 m long, 95.5 m wide);
  Semyonovsky 59.9252/30.3269 (54.7 m, on Gorokhovaya); Egyptian 59.91695/30.29725
    (collapsed 1905, a temporary wooden bridge served until 1955);
  Obukhovsky 59.92167/30.31778; Blue bridge 59.93147/30.30853.
Streets:
  Nevsky Prospekt is straight from the Admiralty to Znamenskaya Square: the line through
  the Kazansky and Anichkov bridge points passes through the Admiralty spire
  (59.9375/30.3086); total length 4.5 km to the Lavra, the "Old Nevsky" beyond the square.
  Gorokhovaya and Voznesensky are the other two rays from the spire (Gorokhovaya through
  the Semyonovsky bridge, Voznesensky through the Izmailovsky bridge on the Fontanka).
  Vasilyevsky Island: a regular grid (prospekts WSW, lines NNW) fixed by Vasileostrovskaya
  (7th line x Sredny pr., 59.9426/30.2781) and the Tuchkov bridge at the end of the
  Kadetskaya line.  Landmarks: Winter Palace 59.9398/30.3146, Alexander Column
  59.9390/30.3158, Tauride Palace 59.9478/30.3758, Smolny Institute 59.9464/30.3964,
  Znamenskaya Square 59.9313/30.3603, Kamennoostrovsky pr. 59.9622/30.3150.
Embankments are drawn 25-40 m inland of the bank positions implied by the bridge ends.
Positions of minor streets are approximate (about 50-150 m).
"""
import json
import math
from pathlib import Path

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import LineString

ROOT = Path(__file__).resolve().parents[2]
BASEMAP = ROOT / "geodata/scenarios/petrograd1917/basemap"

_fwd = Transformer.from_crs("EPSG:4326", "EPSG:32636", always_xy=True).transform
_inv = Transformer.from_crs("EPSG:32636", "EPSG:4326", always_xy=True).transform

M_LAT = 111_200.0
M_LON = 111_320.0 * math.cos(math.radians(59.94))   # ~55 760 m per degree


def to_m(g):
    return shapely.transform(g, lambda c: np.column_stack(_fwd(c[:, 0], c[:, 1])))


def to_ll(g):
    return shapely.transform(g, lambda c: np.column_stack(_inv(c[:, 0], c[:, 1])))


def dest(p, bearing, dist):
    """Point dist metres from p=(lon, lat) on a compass bearing (degrees)."""
    b = math.radians(bearing)
    return (p[0] + dist * math.sin(b) / M_LON, p[1] + dist * math.cos(b) / M_LAT)


def bearing(a, b):
    return math.degrees(math.atan2((b[0] - a[0]) * M_LON, (b[1] - a[1]) * M_LAT)) % 360


def dist(a, b):
    return math.hypot((b[0] - a[0]) * M_LON, (b[1] - a[1]) * M_LAT)


def span(centre, brg, total):
    """Bridge deck: a line of total length (m) centred on centre along bearing brg."""
    return [dest(centre, brg + 180, total / 2), dest(centre, brg, total / 2)]


def extend(a, b, extra):
    """The line a->b lengthened by `extra` metres at both ends (bank-to-bank + approaches)."""
    brg = bearing(a, b)
    return [dest(a, brg + 180, extra), dest(b, brg, extra)]


def offset(points, d):
    """Parallel of a centreline at d metres (positive = left of the direction of travel)."""
    g = to_m(LineString(points)).offset_curve(d, quad_segs=4, join_style="round")
    return list(to_ll(g).coords)


# ---------------------------------------------------------------------------------------
# Anchors
SPIRE = (30.3086, 59.9375)                 # Admiralty spire: the three rays meet here
KAZANSKY = (30.3262, 59.9353)
ANICHKOV = (30.34341, 59.93326)
NEVSKY_SLOPE = (KAZANSKY[1] - ANICHKOV[1]) / (KAZANSKY[0] - ANICHKOV[0])


def nevsky(lon):
    """Point on the straight Nevsky at a given longitude."""
    return (lon, ANICHKOV[1] + NEVSKY_SLOPE * (lon - ANICHKOV[0]))


NEVSKY_BRG = bearing(nevsky(30.31), nevsky(30.36))
SEMYONOVSKY = (30.3269, 59.9252)
GOROKH_BRG = bearing(SPIRE, SEMYONOVSKY)
IZMAILOVSKY = (30.3050, 59.91856)           # Voznesensky/Izmailovsky pr. over the Fontanka
VOZN_BRG = bearing(SPIRE, IZMAILOVSKY)

NEVSKY_START = nevsky(30.3122)              # Admiralteysky prospekt
ZNAMENSKAYA = nevsky(30.3603)               # Znamenskaya Square (Nevsky axis)
GOROKH_START = dest(SPIRE, GOROKH_BRG, 190)
GOROKH_END = dest(SPIRE, GOROKH_BRG, 2060)  # Zagorodny prospekt
VOZN_START = dest(SPIRE, VOZN_BRG, 215)

# Neva bridge ends, bank to bank (from centre, length and axis), then approaches added.
PALACE_BANKS = [(30.3091, 59.9403), (30.3071, 59.9421)]
NIKOL_BANKS = [(30.2910, 59.9338), (30.2880, 59.9361)]
TROITSKY_BANKS = [(30.3285, 59.9460), (30.3260, 59.9511)]
LITEYNY_BANKS = [(30.3490, 59.9503), (30.3500, 59.9537)]
OKHTA_BANKS = [(30.3985, 59.9420), (30.4042, 59.9432)]

PALACE = extend(*PALACE_BANKS, 27)          # 229 m between banks -> 283 m line
NIKOL = extend(*NIKOL_BANKS, 30)
TROITSKY = extend(*TROITSKY_BANKS, 30)
LITEYNY = extend(*LITEYNY_BANKS, 30)
OKHTINSKY = extend(*OKHTA_BANKS, 30)
TUCHKOV = [(30.28610, 59.94765), (30.28520, 59.95065)]
BIRZHEVOY = [(30.30510, 59.94490), (30.30410, 59.94850)]
SAMPSONIEVSKY = span((30.33737, 59.95797), 76, 285)
GRENADERSKY = span((30.33430, 59.96700), 76, 260)
KAMENNOOSTR_BR = span((30.30360, 59.97860), -30, 240)
IOANNOVSKY = span((30.32120, 59.95260), 20, 190)

# ---------------------------------------------------------------------------------------
# Vasilyevsky Island grid: x metres along the prospekts (east), y metres along the lines
# (north); origin at 7th line x Sredny prospekt; lines run on a bearing of -12 degrees.
VO_O = (30.2781, 59.9426)
_U = (math.sin(math.radians(-12)), math.cos(math.radians(-12)))   # along the lines
_V = (_U[1], -_U[0])                                               # along the prospekts


def vo(x, y):
    e = x * _V[0] + y * _U[0]
    n = x * _V[1] + y * _U[1]
    return (VO_O[0] + e / M_LON, VO_O[1] + n / M_LAT)


def vo_street(k):
    """x of the k-th street of lines (1 = Kadetskaya/1st, 2 = 2nd/3rd, 4 = 6th/7th ...)."""
    return 560 - 190 * (k - 1)


Y_BOLSHOY, Y_SREDNY, Y_MALY = -250, 0, 300

UNIVERSITY_EMB = [(30.3066, 59.9424), (30.3055, 59.9421), (30.3027, 59.9416),
                  (30.2987, 59.9403), (30.2947, 59.9389), (30.2907, 59.9375),
                  (30.2877, 59.9364)]
NIKOLAEVSKAYA_EMB = [(30.2877, 59.9364), (30.2827, 59.9350), (30.2757, 59.9324),
                     (30.2697, 59.9299), (30.2647, 59.9286)]
VO_SOUTH = LineString(UNIVERSITY_EMB + NIKOLAEVSKAYA_EMB[1:])


def vo_line(k, y_north):
    """A street of lines from the south embankment to y_north."""
    x = vo_street(k)
    ln = LineString([vo(x, -1500), vo(x, y_north)])
    cut = ln.intersection(VO_SOUTH)
    start = (cut.x, cut.y) if not cut.is_empty else vo(x, -1500)
    return [start, vo(x, Y_BOLSHOY), vo(x, Y_SREDNY), vo(x, y_north)] if y_north > 0 else \
        [start, vo(x, y_north)]


# ---------------------------------------------------------------------------------------
# River centrelines used to place embankment streets (from the bridge points above).
FONTANKA_C = [(30.3383, 59.9476), (30.3388, 59.9455), (30.3394, 59.9419), (30.3402, 59.9400),
              (30.3412, 59.9380), (30.3425, 59.9355), ANICHKOV, (30.3430, 59.9310),
              (30.3408, 59.9290), (30.3378, 59.9276), (30.3330, 59.9257), (30.3260, 59.9238),
              (30.31778, 59.92167), (30.3070, 59.9190), (30.29717, 59.91686), (30.2900, 59.9165),
              (30.28111, 59.91640), (30.2760, 59.9160)]
MOIKA_C = [(30.3383, 59.9419), (30.3330, 59.9417), (30.3300, 59.9415), (30.32875, 59.94145),
           (30.3262, 59.9409), (30.3235, 59.9406), (30.3210, 59.9404), (30.31942, 59.94001),
           (30.3198, 59.9388), (30.3206, 59.9375), (30.3212, 59.9364), (30.3195, 59.9355),
           (30.3160, 59.9340), (30.3120, 59.9326), (30.30853, 59.93147), (30.3040, 59.9302),
           (30.3000, 59.9296), (30.29500, 59.92833), (30.2910, 59.9280)]
CATHERINE_C = [(30.32875, 59.94160), (30.3294, 59.9405), (30.3297, 59.9395), (30.3292, 59.9375),
               (30.3275, 59.9361), KAZANSKY, (30.3254, 59.9340), (30.3243, 59.9322),
               (30.3225, 59.9310), (30.3197, 59.9300), (30.3175, 59.9287), (30.3150, 59.9278),
               (30.3115, 59.9268), (30.3075, 59.9260), (30.3035, 59.9247), (30.2990, 59.9234)]
OBVODNY_C = [(30.3940, 59.9188), (30.3850, 59.9175), (30.3750, 59.9162), (30.3650, 59.9151),
             (30.3560, 59.9143), (30.3490, 59.9138), (30.3400, 59.9133), (30.33192, 59.91286),
             (30.3250, 59.9120), (30.3180, 59.9110), (30.3100, 59.9098), (30.3050, 59.9091),
             (30.2990, 59.9086), (30.2900, 59.9080)]

FONTANKA_EMB = offset(FONTANKA_C[1:], 55)      # outer (east, then south) bank
MOIKA_EMB = offset(MOIKA_C[1:], 40)            # south/east bank
CATHERINE_EMB = offset(CATHERINE_C[2:], 38)    # east/south bank
OBVODNY_EMB = offset(OBVODNY_C, -45)           # north bank

# ---------------------------------------------------------------------------------------
S, E, P, L, Q = "street", "embankment", "prospekt", "lane", "square"
MAIN, SEC = "main", "secondary"

STREETS = [
    # id, name_en, name_ru, rank, kind, points
    ("nevsky", "Nevsky Prospekt", "Невский проспект", MAIN, P,
     [NEVSKY_START, nevsky(30.3137), nevsky(30.3155), nevsky(30.3196), nevsky(30.3240),
      KAZANSKY, nevsky(30.3315), nevsky(30.3343), ANICHKOV, nevsky(30.3476), nevsky(30.3545),
      ZNAMENSKAYA, (30.3640, 59.9298), (30.3720, 59.9277), (30.3800, 59.9258),
      (30.3850, 59.9244), (30.3868, 59.9238)]),
    ("admiralteysky", "Admiralteysky Prospekt", "Адмиралтейский проспект", MAIN, P,
     [(30.3132, 59.9380), NEVSKY_START, GOROKH_START, VOZN_START, (30.3050, 59.9350),
      (30.3022, 59.9354)]),
    ("gorokhovaya", "Gorokhovaya Street", "Гороховая улица", MAIN, S,
     [GOROKH_START, dest(SPIRE, GOROKH_BRG, 560), dest(SPIRE, GOROKH_BRG, 1000),
      SEMYONOVSKY, GOROKH_END]),
    ("voznesensky", "Voznesensky Prospekt", "Вознесенский проспект", MAIN, P,
     [VOZN_START, dest(SPIRE, VOZN_BRG, 650), dest(SPIRE, VOZN_BRG, 1300), IZMAILOVSKY]),
    ("izmailovsky", "Izmailovsky Prospekt", "Измайловский проспект", MAIN, P,
     [IZMAILOVSKY, (30.3045, 59.9160), (30.3040, 59.9110)]),
    ("sadovaya", "Sadovaya Street", "Садовая улица", MAIN, S,
     [(30.3340, 59.9408), (30.3342, 59.9375), nevsky(30.3343), (30.3285, 59.9308),
      (30.3240, 59.9288), (30.3200, 59.9270), (30.3150, 59.9258), (30.3090, 59.9248),
      (30.3050, 59.9240), (30.2990, 59.9215), (30.2930, 59.9196), (30.2880, 59.9180),
      (30.2830, 59.9168), (30.2800, 59.91695)]),
    ("bolshaya_morskaya", "Bolshaya Morskaya Street", "Большая Морская улица", MAIN, S,
     [(30.3185, 59.9381), nevsky(30.3155), (30.3085, 59.9340), (30.3060, 59.9333),
      (30.3000, 59.9322), (30.2965, 59.9316)]),
    ("malaya_morskaya", "Malaya Morskaya Street", "Малая Морская улица", SEC, S,
     [nevsky(30.3137), (30.3098, 59.9352), (30.3076, 59.9346)]),
    ("millionnaya", "Millionnaya Street", "Миллионная улица", SEC, S,
     [(30.3172, 59.9403), (30.3225, 59.9420), (30.3285, 59.9438)]),
    ("palace_emb", "Palace Embankment", "Дворцовая набережная", MAIN, E,
     [PALACE[0], (30.3115, 59.9404), (30.3140, 59.9409), (30.3160, 59.9415),
      (30.3185, 59.9427), (30.3210, 59.9437), (30.3250, 59.9449), TROITSKY[0],
      (30.3310, 59.9463), (30.3350, 59.9473), (30.3372, 59.9479)]),
    ("admiralty_emb", "Admiralty Embankment", "Адмиралтейская набережная", SEC, E,
     [PALACE[0], (30.3063, 59.9390), (30.3025, 59.9375)]),
    ("english_emb", "English Embankment", "Английская набережная", MAIN, E,
     [(30.3010, 59.9368), (30.2983, 59.9359), (30.2943, 59.9345), NIKOL[0],
      (30.2862, 59.9319), (30.2812, 59.9305), (30.2785, 59.9297)]),
    ("french_emb", "French Embankment", "Французская набережная", SEC, E,
     [(30.3398, 59.9484), (30.3440, 59.9494), LITEYNY[0]]),
    ("voskresenskaya_emb", "Voskresenskaya Embankment", "Воскресенская набережная", SEC, E,
     [LITEYNY[0], (30.3540, 59.9500), (30.3600, 59.9499), (30.3700, 59.9500),
      (30.3780, 59.9503), (30.3840, 59.9505)]),
    ("shpalernaya", "Shpalernaya Street", "Шпалерная улица", MAIN, S,
     [(30.3430, 59.9485), (30.3487, 59.9491), (30.3600, 59.9491), (30.3700, 59.9491),
      (30.3760, 59.9490), (30.3840, 59.9491), (30.3900, 59.9487), (30.3925, 59.9480)]),
    ("sergievskaya", "Sergievskaya Street", "Сергиевская улица", SEC, S,
     [(30.3400, 59.9467), (30.3486, 59.9470), (30.3600, 59.9469), (30.3690, 59.9468)]),
    ("furshtatskaya", "Furshtatskaya Street", "Фурштатская улица", SEC, S,
     [(30.3486, 59.9455), (30.3600, 59.9454), (30.3690, 59.9453)]),
    ("kirochnaya", "Kirochnaya Street", "Кирочная улица", SEC, S,
     [(30.3485, 59.9440), (30.3625, 59.9437), (30.3740, 59.9436)]),
    ("liteyny", "Liteyny Prospekt", "Литейный проспект", MAIN, P,
     [nevsky(30.3476), (30.3480, 59.9380), (30.3484, 59.9440), (30.3486, 59.9470),
      LITEYNY[0]]),
    ("vladimirsky", "Vladimirsky Prospekt", "Владимирский проспект", SEC, P,
     [nevsky(30.3476), (30.3478, 59.9272)]),
    ("zagorodny", "Zagorodny Prospekt", "Загородный проспект", MAIN, P,
     [(30.3478, 59.9272), (30.3440, 59.9265), GOROKH_END, (30.3250, 59.9193),
      (30.3185, 59.9166)]),
    ("troitskaya", "Troitskaya Street", "Троицкая улица", SEC, S,
     [nevsky(30.3457), (30.3440, 59.9266)]),
    ("nikolaevskaya", "Nikolaevskaya Street", "Николаевская улица", SEC, S,
     [nevsky(30.3545), (30.3525, 59.9260), (30.3500, 59.9200), (30.3478, 59.9146)]),
    ("ligovskaya", "Ligovskaya Street", "Лиговская улица", MAIN, S,
     [(30.3612, 59.9305), (30.3585, 59.9250), (30.3550, 59.9190), (30.3520, 59.9148)]),
    ("znamenskaya_st", "Znamenskaya Street", "Знаменская улица", SEC, S,
     [(30.3603, 59.9317), (30.3615, 59.9380), (30.3625, 59.9437)]),
    ("suvorovsky", "Suvorovsky Prospekt", "Суворовский проспект", MAIN, P,
     [(30.3660, 59.92967), (30.3747, 59.9351), (30.3834, 59.9405), (30.3920, 59.9459)]),
    ("zabalkansky", "Zabalkansky Prospekt", "Забалканский проспект", MAIN, P,
     [(30.3198, 59.9268), (30.31778, 59.92167), (30.3172, 59.9165), (30.3165, 59.9085)]),
    ("obvodny_emb", "Obvodny Canal Embankment", "набережная Обводного канала", SEC, E,
     OBVODNY_EMB),
    ("fontanka_emb", "Fontanka Embankment", "набережная реки Фонтанки", MAIN, E,
     FONTANKA_EMB),
    ("moika_emb", "Moika Embankment", "набережная реки Мойки", SEC, E, MOIKA_EMB),
    ("catherine_emb", "Catherine Canal Embankment", "набережная Екатерининского канала",
     SEC, E, CATHERINE_EMB),
    ("konnogvardeisky", "Konnogvardeisky Boulevard", "Конногвардейский бульвар", SEC, S,
     [(30.3008, 59.9343), (30.2940, 59.9320)]),
    ("galernaya", "Galernaya Street", "Галерная улица", SEC, S,
     [(30.3015, 59.9352), (30.2930, 59.9325), (30.2840, 59.9299)]),
    ("mikhailovskaya", "Mikhailovskaya Street", "Михайловская улица", SEC, S,
     [nevsky(30.3315), (30.3318, 59.9375)]),
    ("bolshaya_konyushennaya", "Bolshaya Konyushennaya Street", "Большая Конюшенная улица",
     SEC, S, [nevsky(30.3240), (30.3250, 59.9385)]),
    ("panteleimonovskaya", "Panteleimonovskaya Street", "Пантелеймоновская улица", SEC, S,
     [(30.3408, 59.9421), (30.3482, 59.9420)]),
    ("basseynaya", "Basseynaya Street", "Бассейная улица", SEC, S,
     [(30.3481, 59.9398), (30.3617, 59.9394)]),
    ("university_emb", "University Embankment", "Университетская набережная", MAIN, E,
     UNIVERSITY_EMB),
    ("nikolaevskaya_emb", "Nikolaevskaya Embankment", "Николаевская набережная", MAIN, E,
     NIKOLAEVSKAYA_EMB),
    ("bolshoy_vo", "Bolshoy Prospekt (Vasilyevsky Island)",
     "Большой проспект Васильевского острова", MAIN, P,
     [vo(vo_street(1), Y_BOLSHOY), vo(vo_street(4), Y_BOLSHOY), vo(vo_street(8), Y_BOLSHOY),
      vo(-2350, Y_BOLSHOY)]),
    ("sredny_vo", "Sredny Prospekt (Vasilyevsky Island)",
     "Средний проспект Васильевского острова", MAIN, P,
     [vo(vo_street(1), Y_SREDNY), vo(vo_street(4), Y_SREDNY), vo(vo_street(8), Y_SREDNY),
      vo(-2350, Y_SREDNY)]),
    ("maly_vo", "Maly Prospekt (Vasilyevsky Island)", "Малый проспект Васильевского острова",
     SEC, P,
     [vo(vo_street(1), Y_MALY), vo(vo_street(4), Y_MALY), vo(vo_street(8), Y_MALY),
      vo(-2300, Y_MALY)]),
    ("kadetskaya_line", "Kadetskaya Line and 1st Line", "Кадетская и 1-я линии", MAIN, S,
     vo_line(1, 420)[:-1] + [vo(vo_street(1), Y_MALY), TUCHKOV[0]]),
    ("line_2_3", "2nd and 3rd Lines", "2-я и 3-я линии", SEC, S, vo_line(2, Y_MALY)),
    ("line_6_7", "6th and 7th Lines", "6-я и 7-я линии", SEC, S, vo_line(4, Y_MALY)),
    ("line_10_11", "10th and 11th Lines", "10-я и 11-я линии", SEC, S, vo_line(6, Y_MALY)),
    ("line_14_15", "14th and 15th Lines", "14-я и 15-я линии", SEC, S, vo_line(8, Y_MALY)),
    ("birzhevaya_sq", "Birzhevaya Square", "Биржевая площадь", SEC, Q,
     [PALACE[1], (30.3080, 59.9437), BIRZHEVOY[0]]),
    ("kamennoostrovsky", "Kamennoostrovsky Prospekt", "Каменноостровский проспект", MAIN, P,
     [TROITSKY[1], (30.3245, 59.9523), (30.3206, 59.9565), (30.3150, 59.9622),
      (30.3132, 59.9640), (30.3095, 59.9692), KAMENNOOSTR_BR[0]]),
    ("bolshoy_ps", "Bolshoy Prospekt (Petersburg Side)", "Большой проспект Петербургской стороны",
     MAIN, P, [TUCHKOV[1], (30.2930, 59.9545), (30.3030, 59.9595), (30.3132, 59.9640)]),
    ("kronverksky", "Kronverksky Prospekt", "Кронверкский проспект", SEC, P,
     [(30.3206, 59.9565), (30.3150, 59.9572), (30.3100, 59.9565), (30.3065, 59.9545),
      (30.3045, 59.9515), BIRZHEVOY[1]]),
    ("bolshaya_dvoryanskaya", "Bolshaya Dvoryanskaya Street", "Большая Дворянская улица",
     SEC, S, [(30.3250, 59.9530), (30.3300, 59.9553), SAMPSONIEVSKY[0]]),
    ("petrovskaya_emb", "Petrovskaya Embankment", "Петровская набережная", SEC, E,
     [TROITSKY[1], (30.3290, 59.9520), (30.3330, 59.9528), (30.3355, 59.9537)]),
    ("petrogradskaya_emb", "Petrogradskaya Embankment", "Петроградская набережная", SEC, E,
     [(30.3355, 59.9537), (30.3365, 59.9555), SAMPSONIEVSKY[0], (30.3337, 59.9620),
      GRENADERSKY[0], (30.3312, 59.9690)]),
    ("sampsonievsky", "Sampsonievsky Prospekt", "Сампсониевский проспект", MAIN, P,
     [SAMPSONIEVSKY[1], (30.3405, 59.9620), (30.3402, 59.9680), (30.3390, 59.9750),
      (30.3360, 59.9830)]),
    ("nizhegorodskaya", "Nizhegorodskaya Street", "Нижегородская улица", SEC, S,
     [LITEYNY[1], (30.3500, 59.9580), (30.3488, 59.9620), (30.3472, 59.9660)]),
    ("arsenalnaya_emb", "Arsenalnaya Embankment", "Арсенальная набережная", SEC, E,
     [(30.3560, 59.9540), (30.3620, 59.9539), (30.3690, 59.9540), (30.3760, 59.9549),
      (30.3830, 59.9559)]),
    ("palace_sq", "Palace Square", "Дворцовая площадь", MAIN, Q,
     [PALACE[0], (30.3110, 59.9396), (30.3158, 59.9391), (30.3185, 59.9381)]),
    ("znamenskaya_sq", "Znamenskaya Square", "Знаменская площадь", SEC, Q,
     [(30.3590, 59.9318), ZNAMENSKAYA, (30.3620, 59.9306)]),
    ("sennaya_sq", "Sennaya Square", "Сенная площадь", SEC, Q,
     [(30.3180, 59.9272), (30.3198, 59.9268), (30.3215, 59.9264)]),
    ("troitskaya_sq", "Troitskaya Square", "Троицкая площадь", SEC, Q,
     [TROITSKY[1], (30.3250, 59.9530)]),
    ("suvorovskaya_sq", "Suvorovskaya Square", "Суворовская площадь", SEC, Q,
     [TROITSKY[0], (30.3292, 59.9450)]),
    ("senate_sq", "Senate Square", "Сенатская площадь", SEC, Q,
     [(30.3025, 59.9375), (30.3022, 59.9354), (30.3015, 59.9352)]),
    ("blagoveshchenskaya_sq", "Blagoveshchenskaya Square", "Благовещенская площадь", SEC, Q,
     [NIKOL[0], (30.2940, 59.9320)]),
    ("sinopskaya_emb", "Sinopskaya Embankment", "Синопская набережная", SEC, E,
     [OKHTINSKY[0], (30.3962, 59.9380), (30.3944, 59.9330), (30.3929, 59.9280),
      (30.3921, 59.9252)]),
    ("ofitserskaya", "Ofitserskaya Street", "Офицерская улица", SEC, S,
     [dest(SPIRE, VOZN_BRG, 1070), (30.3030, 59.9280), (30.2995, 59.9267), (30.2945, 59.9248),
      (30.2880, 59.9226), (30.2800, 59.9203)]),
    ("maly_sampsonievsky", "Maly Sampsonievsky Prospekt", "Малый Сампсониевский проспект",
     SEC, P, [GRENADERSKY[1], (30.3402, 59.9681)]),
    ("smolny_sq", "Smolny Square", "Смольная площадь", SEC, Q,
     [(30.3920, 59.9459), (30.3930, 59.9470), (30.3925, 59.9480)]),
]

BRIDGES = [
    # id, name_en, name_ru, opened, movable, crosses, points, note
    ("nikolaevsky", "Nikolaevsky Bridge", "Николаевский мост", 1850, True, "neva", NIKOL,
     "First permanent Neva bridge; swing span at the Vasilyevsky end."),
    ("palace", "Palace Bridge", "Дворцовый мост", 1916, True, "neva", PALACE,
     "Opened 23 December 1916 without its decoration; bascule span."),
    ("troitsky", "Troitsky Bridge", "Троицкий мост", 1903, True, "neva", TROITSKY, None),
    ("liteyny", "Liteyny Bridge", "Литейный мост", 1879, True, "neva", LITEYNY,
     "Called the Emperor Alexander II Bridge 1903-1917."),
    ("okhtinsky", "Peter the Great (Okhtinsky) Bridge", "Мост Петра Великого (Охтинский)",
     1911, True, "neva", OKHTINSKY, None),
    ("tuchkov", "Tuchkov Bridge", "Тучков мост", 1758, True, "malaya_neva", TUCHKOV,
     "Wooden multi-span bridge with a draw span."),
    ("birzhevoy", "Birzhevoy (Exchange) Bridge", "Биржевой мост", 1894, True, "malaya_neva",
     BIRZHEVOY, "Wooden bridge on piles with a swing span, on the axis of Zoologichesky lane."),
    ("sampsonievsky", "Sampsonievsky Bridge", "Сампсониевский мост", 1847, True,
     "bolshaya_nevka", SAMPSONIEVSKY, "Wooden bridge on piles with a draw span."),
    ("grenadersky", "Grenadersky Bridge", "Гренадерский мост", 1905, True, "bolshaya_nevka",
     GRENADERSKY, "Wooden bridge of 1904-05 with a draw span, upstream of the present one."),
    ("kamennoostrovsky_br", "Kamennoostrovsky Bridge", "Каменноостровский мост", 1811, False,
     "malaya_nevka", KAMENNOOSTR_BR, "Position approximate."),
    ("ioannovsky", "Ioannovsky Bridge", "Иоанновский мост", 1706, False, "kronverksky_strait",
     IOANNOVSKY, "The way into the Peter and Paul Fortress."),
    ("politseisky", "Politseisky Bridge", "Полицейский мост", 1808, False, "moika",
     span(nevsky(30.3204), NEVSKY_BRG, 90), "Nevsky over the Moika (the Green Bridge)."),
    ("kazansky", "Kazansky Bridge", "Казанский мост", 1766, False, "catherine_canal",
     span(KAZANSKY, NEVSKY_BRG, 70), "Nevsky over the Catherine Canal."),
    ("anichkov", "Anichkov Bridge", "Аничков мост", 1841, False, "fontanka",
     span(ANICHKOV, NEVSKY_BRG, 110), "Nevsky over the Fontanka."),
    ("semyonovsky", "Semyonovsky Bridge", "Семёновский мост", 1788, False, "fontanka",
     span(SEMYONOVSKY, GOROKH_BRG, 110), "Gorokhovaya over the Fontanka."),
    ("chernyshev", "Chernyshev Bridge", "Чернышёв мост", 1787, False, "fontanka",
     span((30.3377, 59.9278), 145, 110), "Position approximate."),
    ("egyptian", "Egyptian Bridge (temporary crossing)", "Египетский мост", 1905, False,
     "fontanka", span((30.29725, 59.91695), 15, 110),
     "The chain bridge of 1826 collapsed in January 1905; a temporary wooden bridge served."),
    ("obukhovsky", "Obukhovsky Bridge", "Обуховский мост", 1785, False, "fontanka",
     span((30.31778, 59.92167), bearing((30.3198, 59.9268), (30.3172, 59.9165)), 110),
     "Zabalkansky prospekt over the Fontanka."),
    ("izmailovsky_br", "Izmailovsky Bridge", "Измайловский мост", 1788, False, "fontanka",
     span(IZMAILOVSKY, VOZN_BRG, 110), "Voznesensky prospekt over the Fontanka."),
    ("panteleimonovsky", "Panteleimonovsky Bridge", "Пантелеймоновский мост", 1908, False,
     "fontanka", span((30.3394, 59.9420), 95, 100), None),
    ("krasny", "Krasny Bridge", "Красный мост", 1814, False, "moika",
     span(dest(SPIRE, GOROKH_BRG, 560), GOROKH_BRG, 90), "Gorokhovaya over the Moika."),
    ("siny", "Siny (Blue) Bridge", "Синий мост", 1818, False, "moika",
     span((30.30853, 59.93147), 178, 95), "St Isaac's Square over the Moika, 97 m wide."),
]


def r6(pts):
    return [[round(x, 6), round(y, 6)] for x, y in pts]


def collection(features, provenance):
    return {"type": "FeatureCollection", "provenance": provenance, "features": features}


def build():
    streets = []
    for sid, en, ru, rank, kind, pts in STREETS:
        streets.append({"type": "Feature",
                        "properties": {"id": sid, "name_en": en, "name_ru": ru,
                                       "rank": rank, "kind": kind},
                        "geometry": {"type": "LineString", "coordinates": r6(pts)}})
    bridges = []
    for bid, en, ru, opened, movable, crosses, pts, note in BRIDGES:
        props = {"id": bid, "name_en": en, "name_ru": ru, "opened": opened,
                 "movable": movable, "crosses": crosses}
        if note:
            props["note"] = note
        bridges.append({"type": "Feature", "properties": props,
                        "geometry": {"type": "LineString", "coordinates": r6(pts)}})
    prov_s = ("Authored for this project from published facts, not traced from maps or datasets: "
              "encyclopedia coordinates of bridges and landmarks (Admiralty spire, Kazansky and "
              "Anichkov bridges fixing the straight Nevsky, Semyonovsky and Izmailovsky bridges "
              "fixing the Gorokhovaya and Voznesensky rays, Vasileostrovskaya and Tuchkov bridge "
              "fixing the Vasilyevsky grid), street lengths, and bank positions implied by the Neva "
              "bridge ends; 1917 names; minor streets approximate to 50-150 m; see "
              "scripts/basemap/build_streets.py.")
    prov_b = ("Authored for this project from published facts: encyclopedia centre coordinates, "
              "lengths, opening years and type (movable or not) of the bridges standing in October "
              "1917 (Palace 260 m, opened December 1916; Nikolaevsky 331 m, 1850; Troitsky 582 m, "
              "1903; Liteyny 396 m, 1879; Peter the Great 334 m, 1911; the wooden Tuchkov, "
              "Birzhevoy, Sampsonievsky and Grenadersky bridges), each drawn along its deck from "
              "bank to bank plus its approaches; see scripts/basemap/build_streets.py.")
    BASEMAP.mkdir(parents=True, exist_ok=True)
    for name, feats, prov in (("streets.geojson", streets, prov_s),
                              ("bridges.geojson", bridges, prov_b)):
        with open(BASEMAP / name, "w", encoding="utf-8") as f:
            json.dump(collection(feats, prov), f, ensure_ascii=False, indent=1)
            f.write("\n")
    print(f"wrote {len(streets)} streets, {len(bridges)} bridges")


if __name__ == "__main__":
    build()
