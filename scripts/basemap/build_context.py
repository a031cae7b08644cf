"""Build the context layers of the Petrograd 1917 basemap.

Writes green.geojson, districts.geojson, railways.geojson and places.geojson into
geodata/scenarios/petrograd1917/basemap/.  Every coordinate below is authored by hand
from the positions of embankments, streets, bridges and buildings (WGS84 [lon, lat]);
no tiles or downloaded datasets are used.  Anchor coordinates checked against encyclopedia
articles: Field of Mars 59.9436 N 30.3322 E; Summer Garden 59.9450 N 30.3356 E;
Tauride Garden 59.9461 N 30.3733 E (21.1 ha, between Kirochnaya, Potemkinskaya,
Shpalernaya and Tavricheskaya streets); Smolny Institute 59.9464 N 30.3964 E;
Vitebsky (Tsarskoe Selo) station 59.9199 N 30.3289 E; Warsaw station 59.9077 N 30.3072 E;
Baltic station 59.9071 N 30.2988 E; Finland station 59.9556 N 30.3567 E; Lanskaya
platform 59.9939 N 30.3272 E.

Run:  .venv/bin/python scripts/basemap/build_context.py
If water.geojson exists in the same folder, green polygons are clipped by it.
"""

from __future__ import annotations

import json
from pathlib import Path

import shapely
from shapely.geometry import LineString, Point, Polygon, mapping, shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "geodata" / "scenarios" / "petrograd1917" / "basemap"
EXTENT = (30.18, 59.88, 30.45, 59.99)  # lon_min, lat_min, lon_max, lat_max of the basemap

# --------------------------------------------------------------------------------------
# green.geojson — gardens, squares and parks as they were in 1917
# --------------------------------------------------------------------------------------
GREEN = [
    # Field of Mars: parade ground between the Pavlovsky barracks (W), Swan Canal (E),
    # the Moika (S) and Suvorov Square / Millionnaya (N).  Still bare sand in 1917, with
    # the graves of the February victims in the middle.
    ("field_of_mars", "Field of Mars", "Марсово поле", "square",
     [(30.3296, 59.9460), (30.3348, 59.9461), (30.3350, 59.9421), (30.3300, 59.9419),
      (30.3297, 59.9430)]),
    # Summer Garden: between the Swan Canal (W), the Fontanka (E), the Neva (N) and the
    # Moika (S); the Karpiev pond sits in the southern part.
    ("summer_garden", "Summer Garden", "Летний сад", "garden",
     [(30.3357, 59.9470), (30.3379, 59.9474), (30.3381, 59.9422), (30.3358, 59.9421)]),
    # Mikhailovsky Garden: behind the Mikhailovsky Palace (Russian Museum), between the
    # Catherine Canal (W), the Moika (N) and Sadovaya Street (E).
    ("mikhailovsky_garden", "Mikhailovsky Garden", "Михайловский сад", "garden",
     [(30.3300, 59.9397), (30.3300, 59.9404), (30.3318, 59.9409), (30.3362, 59.9411),
      (30.3364, 59.9391), (30.3345, 59.9392)]),
    # Alexander Garden: the U of lawns and trees in front of the Admiralty, along
    # Admiralteysky Prospekt and its two wings towards Palace and Senate squares.
    ("alexander_garden", "Alexander Garden", "Александровский сад", "garden",
     [(30.3036, 59.9358), (30.3138, 59.9360), (30.3136, 59.9391), (30.3124, 59.9391),
      (30.3124, 59.9368), (30.3050, 59.9366), (30.3049, 59.9385), (30.3038, 59.9385)]),
    # Palace Square: between the Winter Palace (N), the arc of the General Staff (S),
    # the Alexander Garden (W) and the Guards Corps headquarters (E).
    ("palace_square", "Palace Square", "Дворцовая площадь", "square",
     [(30.3136, 59.9396), (30.3180, 59.9396), (30.3190, 59.9391), (30.3188, 59.9385),
      (30.3176, 59.9382), (30.3160, 59.9381), (30.3146, 59.9382), (30.3136, 59.9385)]),
    # Senate (Petrovskaya) Square with the Bronze Horseman, between the Senate and Synod
    # (W), the Admiralty wing (E), the Neva (N) and St Isaac's Cathedral (S).
    ("senate_square", "Senate Square (Petrovskaya Square)", "Сенатская (Петровская) площадь",
     "square",
     [(30.2998, 59.9352), (30.3036, 59.9356), (30.3036, 59.9376), (30.3004, 59.9367),
      (30.2998, 59.9362)]),
    # St Isaac's Square: south of the cathedral, down to the Blue Bridge over the Moika,
    # with the Nicholas I monument on its axis.
    ("st_isaacs_square", "St Isaac's Square", "Исаакиевская площадь", "square",
     [(30.3058, 59.9334), (30.3105, 59.9336), (30.3110, 59.9327), (30.3085, 59.9320),
      (30.3060, 59.9314)]),
    # Theatre Square: between the Mariinsky Theatre (W) and the Conservatory (E).
    ("theatre_square", "Theatre Square", "Театральная площадь", "square",
     [(30.2973, 59.9249), (30.2991, 59.9250), (30.2990, 59.9266), (30.2971, 59.9265)]),
    # Znamenskaya Square at the end of Nevsky, before the Nikolaevsky station, with the
    # Alexander III monument (1909) in the middle.
    ("znamenskaya_square", "Znamenskaya Square", "Знаменская площадь", "square",
     [(30.3600, 59.9306), (30.3640, 59.9305), (30.3642, 59.9327), (30.3602, 59.9328)]),
    # Tauride Garden: the block of Kirochnaya (S), Potemkinskaya (W), Shpalernaya (N) and
    # Tavricheskaya (E) streets, less the Tauride Palace on Shpalernaya.
    ("tauride_garden", "Tauride Garden", "Таврический сад", "garden",
     [(30.3692, 59.9446), (30.3792, 59.9443), (30.3795, 59.9470), (30.3725, 59.9472),
      (30.3722, 59.9490), (30.3694, 59.9490)]),
    # Smolny: the grounds of the Smolny Institute (59.9464/30.3964) between Smolny Square
    # and the Neva.  The bank is about 30.400 here: the river is ~330 m wide between it and
    # the Okhta mouth on the far bank (59.9467/30.4058; Bolsheokhtinsky bridge 59.9427/30.4012).
    ("smolny_grounds", "Smolny grounds", "Сад Смольного", "garden",
     [(30.3932, 59.9446), (30.3988, 59.9446), (30.3993, 59.9462), (30.3991, 59.9478),
      (30.3935, 59.9479), (30.3929, 59.9468)]),
    # Alexander Park: the arc of the former glacis around the Kronverk, between the
    # Kronverk canal and Kronverksky Prospekt, closed in the E by Kamennoostrovsky Prospekt.
    ("alexander_park", "Alexander Park", "Александровский парк", "park",
     [(30.3025, 59.9508), (30.3020, 59.9530), (30.3045, 59.9552), (30.3100, 59.9568),
      (30.3160, 59.9572), (30.3190, 59.9565), (30.3235, 59.9543), (30.3262, 59.9522),
      (30.3225, 59.9517), (30.3205, 59.9530), (30.3185, 59.9546), (30.3130, 59.9556),
      (30.3085, 59.9548), (30.3068, 59.9528), (30.3062, 59.9510)]),
    # Yusupov Garden: on Sadovaya Street west of the Haymarket, down to the Yusupov
    # palace that fronts the Fontanka; a large pond in the middle.
    ("yusupov_garden", "Yusupov Garden", "Юсуповский сад", "garden",
     [(30.3095, 59.9238), (30.3125, 59.9250), (30.3152, 59.9245), (30.3150, 59.9222),
      (30.3105, 59.9220)]),
    # Catherine Garden before the Alexandrinsky Theatre (monument to Catherine II).
    ("catherine_garden", "Catherine Garden", "Екатерининский сквер", "garden",
     [(30.3348, 59.9342), (30.3373, 59.9340), (30.3372, 59.9329), (30.3348, 59.9331)]),
    # Kazan Square: the colonnade garden before the Kazan Cathedral on Nevsky.
    ("kazan_square", "Kazan Square", "Казанская площадь", "square",
     [(30.3226, 59.9354), (30.3252, 59.9351), (30.3248, 59.9344), (30.3228, 59.9344)]),
    # Mikhailovskaya Square before the Mikhailovsky Palace.
    ("mikhailovskaya_square", "Mikhailovskaya Square", "Михайловская площадь", "square",
     [(30.3305, 59.9372), (30.3340, 59.9372), (30.3340, 59.9360), (30.3305, 59.9360)]),
    # Troitskaya Square on the Petrograd Side, at the north end of the Troitsky Bridge.
    ("troitskaya_square", "Troitskaya Square", "Троицкая площадь", "square",
     [(30.3262, 59.9522), (30.3300, 59.9522), (30.3302, 59.9538), (30.3262, 59.9540)]),
    # Imperial Botanical Garden on Aptekarsky Island.
    ("botanical_garden", "Imperial Botanical Garden", "Императорский ботанический сад", "garden",
     [(30.3190, 59.9709), (30.3280, 59.9694), (30.3300, 59.9712), (30.3240, 59.9730),
      (30.3190, 59.9722)]),
]

# --------------------------------------------------------------------------------------
# Shared boundary lines for the districts (approximate centrelines of rivers and canals,
# and the axes of streets).
# --------------------------------------------------------------------------------------
NEVA_MAIN = [  # from the SE edge of the map down to the Strelka of Vasilyevsky Island
    (30.4560, 59.8800), (30.4520, 59.8900), (30.4440, 59.8990), (30.4300, 59.9070),
    (30.4150, 59.9150), (30.4030, 59.9210), (30.3960, 59.9260), (30.3975, 59.9330),
    (30.4010, 59.9400), (30.4030, 59.9460), (30.4010, 59.9510), (30.3920, 59.9535),
    (30.3800, 59.9530), (30.3650, 59.9520), (30.3494, 59.9520), (30.3395, 59.9508),
    (30.3280, 59.9495), (30.3180, 59.9462), (30.3090, 59.9430), (30.3060, 59.9440),
]
BOLSHAYA_NEVA = [
    (30.3060, 59.9440), (30.3020, 59.9405), (30.2960, 59.9375), (30.2895, 59.9350),
    (30.2780, 59.9310), (30.2650, 59.9270), (30.2575, 59.9235), (30.2450, 59.9180),
    (30.2300, 59.9120), (30.1800, 59.9050),
]
MALAYA_NEVA = [
    (30.3060, 59.9440), (30.3045, 59.9480), (30.2960, 59.9495), (30.2870, 59.9505),
    (30.2750, 59.9525), (30.2600, 59.9545), (30.2450, 59.9555), (30.2300, 59.9565),
    (30.1800, 59.9570),
]
BOLSHAYA_NEVKA = [  # from the Neva by the Petrograd Side up and then west past Kamenny
    (30.3400, 59.9515), (30.3385, 59.9560), (30.3370, 59.9600), (30.3355, 59.9650),
    (30.3310, 59.9710), (30.3240, 59.9780), (30.3120, 59.9830), (30.2960, 59.9850),
    (30.2780, 59.9860), (30.2550, 59.9870), (30.2300, 59.9880), (30.1800, 59.9900),
]
FONTANKA = [  # from the Neva at the Summer Garden to its mouth in the Bolshaya Neva
    (30.3395, 59.9508), (30.3390, 59.9482), (30.3390, 59.9415), (30.3405, 59.9385),
    (30.3425, 59.9350),
    (30.3434, 59.9332), (30.3400, 59.9300), (30.3340, 59.9280), (30.3245, 59.9258),
    (30.3180, 59.9205), (30.3100, 59.9178), (30.2970, 59.9150), (30.2860, 59.9148),
    (30.2780, 59.9155), (30.2700, 59.9180), (30.2620, 59.9210), (30.2575, 59.9235),
]
MOIKA = [  # from the Fontanka to the Bolshaya Neva
    (30.3390, 59.9415), (30.3350, 59.9412), (30.3295, 59.9407), (30.3245, 59.9401),
    (30.3198, 59.9397), (30.3200, 59.9380), (30.3210, 59.9360), (30.3170, 59.9343),
    (30.3130, 59.9330), (30.3090, 59.9315), (30.3010, 59.9300), (30.2945, 59.9293),
    (30.2870, 59.9288), (30.2770, 59.9283), (30.2690, 59.9278),
]
CATHERINE_CANAL = [  # from the Moika at the Church of the Saviour to the Fontanka
    (30.3295, 59.9407), (30.3283, 59.9390), (30.3275, 59.9356), (30.3255, 59.9330),
    (30.3230, 59.9300), (30.3185, 59.9275), (30.3100, 59.9262), (30.3030, 59.9245),
    (30.2975, 59.9228), (30.2930, 59.9195), (30.2900, 59.9160),
]
KRYUKOV_CANAL = [(30.2945, 59.9293), (30.2948, 59.9265), (30.2960, 59.9235),
                 (30.2975, 59.9228), (30.2990, 59.9185), (30.2995, 59.9158)]
VVEDENSKY_CANAL = [(30.3260, 59.9262), (30.3275, 59.9230), (30.3289, 59.9200),
                   (30.3300, 59.9140), (30.3305, 59.9104)]
NEVSKY = [(30.3434, 59.9332), (30.3490, 59.9326), (30.3605, 59.9317), (30.3700, 59.9290),
          (30.3800, 59.9258), (30.3860, 59.9240), (30.3960, 59.9260)]
LIGOVKA = [(30.3605, 59.9317), (30.3605, 59.9290), (30.3580, 59.9230), (30.3540, 59.9170),
           (30.3505, 59.9127)]
OBVODNY = [(30.3980, 59.9180), (30.3800, 59.9152), (30.3650, 59.9137), (30.3505, 59.9127),
           (30.3305, 59.9104), (30.3180, 59.9094), (30.3060, 59.9085), (30.2950, 59.9080),
           (30.2800, 59.9072), (30.2700, 59.9080), (30.2720, 59.9120), (30.2745, 59.9160)]
ZNAMENSKAYA_ST = [(30.3605, 59.9317), (30.3615, 59.9380), (30.3628, 59.9440),
                  (30.3640, 59.9490), (30.3650, 59.9525)]


def ring(*parts):
    pts = []
    for part in parts:
        for p in part:
            if not pts or pts[-1] != p:
                pts.append(p)
    return Polygon(pts).buffer(0)


def rev(line):
    return list(reversed(line))


def cut(line, start, end):
    """Sub-line of `line` between the points nearest to `start` and `end`."""
    ls = LineString(line)
    a, b = ls.project(Point(start)), ls.project(Point(end))
    lo, hi = sorted((a, b))
    pts = [ls.interpolate(lo).coords[0]]
    dist = 0.0
    coords = list(ls.coords)
    for p, q in zip(coords, coords[1:], strict=False):
        dist += Point(p).distance(Point(q))
        if lo < dist < hi:
            pts.append(q)
    pts.append(ls.interpolate(hi).coords[0])
    return pts if a <= b else list(reversed(pts))


# Districts, in order of priority: each is built generously and then clipped by the union
# of the earlier ones, so the result is a partition without overlaps.
def districts():
    strelka = (30.3060, 59.9440)
    fontanka_mouth = FONTANKA[-1]
    moika_mouth = MOIKA[-1]
    ekat = OBVODNY[-1]  # where the Ekateringofka boundary meets the Fontanka
    d = []
    # Admiralteiskaya: Neva - Fontanka - Moika (the heart of the city).
    d.append(("admiralteiskaya", "Admiralteiskaya district", "Адмиралтейская часть",
              ring(cut(FONTANKA, FONTANKA[0], MOIKA[0]), MOIKA,
                   cut(BOLSHAYA_NEVA, moika_mouth, strelka),
                   cut(NEVA_MAIN, strelka, FONTANKA[0]))))
    # Kazanskaya: between the Moika and the Catherine Canal, east of the Kryukov Canal.
    d.append(("kazanskaya", "Kazanskaya district", "Казанская часть",
              ring(cut(MOIKA, CATHERINE_CANAL[0], KRYUKOV_CANAL[0]),
                   cut(KRYUKOV_CANAL, KRYUKOV_CANAL[0], (30.2975, 59.9228)),
                   cut(CATHERINE_CANAL, (30.2975, 59.9228), CATHERINE_CANAL[0]))))
    # Spasskaya: between the Catherine Canal and the Fontanka (Haymarket, Gostiny Dvor,
    # Mikhailovsky Palace), east of the Kryukov Canal.
    d.append(("spasskaya", "Spasskaya district", "Спасская часть",
              ring(cut(MOIKA, MOIKA[0], CATHERINE_CANAL[0]),
                   cut(CATHERINE_CANAL, CATHERINE_CANAL[0], (30.2975, 59.9228)),
                   cut(KRYUKOV_CANAL, (30.2975, 59.9228), KRYUKOV_CANAL[-1]),
                   cut(FONTANKA, KRYUKOV_CANAL[-1], MOIKA[0]))))
    # Kolomenskaya: Kolomna, west of the Kryukov Canal between the Moika and the Fontanka.
    d.append(("kolomenskaya", "Kolomenskaya district", "Коломенская часть",
              ring(cut(MOIKA, KRYUKOV_CANAL[0], moika_mouth),
                   cut(BOLSHAYA_NEVA, moika_mouth, fontanka_mouth),
                   cut(FONTANKA, fontanka_mouth, KRYUKOV_CANAL[-1]),
                   cut(KRYUKOV_CANAL, KRYUKOV_CANAL[-1], KRYUKOV_CANAL[0]))))
    # Liteinaya: Fontanka - Nevsky - Znamenskaya Street - Neva.
    d.append(("liteinaya", "Liteinaya district", "Литейная часть",
              ring(cut(FONTANKA, FONTANKA[0], NEVSKY[0]),
                   cut(NEVSKY, NEVSKY[0], ZNAMENSKAYA_ST[0]), ZNAMENSKAYA_ST,
                   cut(NEVA_MAIN, ZNAMENSKAYA_ST[-1], FONTANKA[0]))))
    # Rozhdestvenskaya: Peski and Smolny, north of Nevsky and east of Znamenskaya Street.
    d.append(("rozhdestvenskaya", "Rozhdestvenskaya district", "Рождественская часть",
              ring(cut(NEVSKY, ZNAMENSKAYA_ST[0], NEVSKY[-1]),
                   cut(NEVA_MAIN, NEVSKY[-1], ZNAMENSKAYA_ST[-1]),
                   rev(ZNAMENSKAYA_ST))))
    # Moskovskaya: south of Nevsky between the Fontanka/Vvedensky Canal and the Ligovka,
    # down to the Obvodny Canal.
    d.append(("moskovskaya", "Moskovskaya district", "Московская часть",
              ring(cut(NEVSKY, NEVSKY[0], LIGOVKA[0]), LIGOVKA,
                   cut(OBVODNY, LIGOVKA[-1], VVEDENSKY_CANAL[-1]),
                   rev(VVEDENSKY_CANAL),
                   cut(FONTANKA, VVEDENSKY_CANAL[0], NEVSKY[0]))))
    # Aleksandro-Nevskaya: east of the Ligovka, south of Nevsky, to the Obvodny and Neva.
    d.append(("aleksandro_nevskaya", "Aleksandro-Nevskaya district",
              "Александро-Невская часть",
              ring(cut(NEVSKY, LIGOVKA[0], NEVSKY[-1]),
                   cut(NEVA_MAIN, NEVSKY[-1], OBVODNY[0]),
                   cut(OBVODNY, OBVODNY[0], LIGOVKA[-1]),
                   rev(LIGOVKA))))
    # Narvskaya: south of the Fontanka, west of the Vvedensky Canal, down to the Obvodny
    # and the Ekateringofka.
    d.append(("narvskaya", "Narvskaya district", "Нарвская часть",
              ring(cut(FONTANKA, VVEDENSKY_CANAL[0], ekat),
                   cut(OBVODNY, ekat, VVEDENSKY_CANAL[-1]),
                   rev(VVEDENSKY_CANAL))))
    # Vasileostrovskaya: Vasilyevsky Island with Golodai, between the Bolshaya and Malaya Neva
    # (the sea limit is schematic).
    d.append(("vasileostrovskaya", "Vasileostrovskaya district", "Васильевская часть",
              ring(cut(MALAYA_NEVA, strelka, (30.2200, 59.9566)),
                   [(30.2200, 59.9566), (30.2200, 59.9100)],
                   cut(BOLSHAYA_NEVA, (30.2200, 59.9100), strelka))))
    # Petrogradskaya: the Petrograd Side with the fortress, Aptekarsky, Petrovsky,
    # Krestovsky, Kamenny and Elagin islands, up to the Bolshaya Nevka.
    nevka_west = (30.2200, 59.9883)
    d.append(("petrogradskaya", "Petrogradskaya district", "Петроградская часть",
              ring(cut(NEVA_MAIN, strelka, BOLSHAYA_NEVKA[0]),
                   cut(BOLSHAYA_NEVKA, BOLSHAYA_NEVKA[0], nevka_west),
                   [nevka_west, (30.2200, 59.9566)],
                   cut(MALAYA_NEVA, (30.2200, 59.9566), strelka))))
    # Vyborgskaya: the Vyborg Side from the Bolshaya Nevka to about Lesnoy Prospekt and
    # the Finland railway yards.
    vyb_east = [(30.3800, 59.9530), (30.3720, 59.9700), (30.3650, 59.9950)]
    top = 59.9950
    d.append(("vyborgskaya", "Vyborgskaya district", "Выборгская часть",
              ring(cut(NEVA_MAIN, BOLSHAYA_NEVKA[0], vyb_east[0]), vyb_east,
                   [(30.3100, top)],
                   cut(BOLSHAYA_NEVKA, (30.3120, 59.9830), BOLSHAYA_NEVKA[0]))))
    # Okhtensky uchastok: Bolshaya and Malaya Okhta on the right bank of the Neva.
    okhta_line = [(30.4010, 59.9510), (30.4040, 59.9600), (30.4150, 59.9750),
                  (30.4300, top)]
    d.append(("okhtensky", "Okhtensky uchastok", "Охтенский участок",
              ring(cut(NEVA_MAIN, NEVA_MAIN[0], okhta_line[0]), okhta_line,
                   [(30.4600, top), (30.4600, 59.8750)])))
    # Polyustrovsky uchastok: the Vyborg Side east of Vyborgskaya, to Okhta.
    d.append(("polyustrovsky", "Polyustrovsky uchastok", "Полюстровский участок",
              ring(cut(NEVA_MAIN, vyb_east[0], okhta_line[0]), okhta_line,
                   rev(vyb_east))))
    # Novoderevensky uchastok: Novaya and Staraya Derevnya north of the Bolshaya Nevka.
    d.append(("novoderevensky", "Novoderevensky uchastok", "Новодеревенский участок",
              ring(cut(BOLSHAYA_NEVKA, (30.3120, 59.9830), nevka_west),
                   [(30.2200, top), (30.3100, top)])))
    # Petergofsky uchastok: beyond the Obvodny Canal and the Ekateringofka, west of the
    # Tsarskoe Selo railway (schematic outer limit).
    d.append(("petergofsky", "Petergofsky uchastok", "Петергофский участок",
              ring(cut(BOLSHAYA_NEVA, (30.2200, 59.9085), fontanka_mouth),
                   cut(FONTANKA, fontanka_mouth, ekat),
                   cut(OBVODNY, ekat, VVEDENSKY_CANAL[-1]),
                   [(30.3305, 59.8750), (30.2200, 59.8750)])))
    # Shlisselburgsky uchastok: beyond the Obvodny Canal to the east, along the
    # Shlisselburg road and the Neva.
    d.append(("shlisselburgsky", "Shlisselburgsky uchastok", "Шлиссельбургский участок",
              ring(cut(OBVODNY, VVEDENSKY_CANAL[-1], OBVODNY[0]),
                   cut(NEVA_MAIN, OBVODNY[0], NEVA_MAIN[0]),
                   [(30.4600, 59.8750), (30.3305, 59.8750)])))
    return d


RAILWAYS = [
    ("nikolaevsky_railway", "Nikolaevsky railway (to Moscow)", "Николаевская железная дорога",
     "nikolaevsky_station",
     [(30.3625, 59.9288), (30.3638, 59.9240), (30.3648, 59.9180), (30.3658, 59.9130),
      (30.3700, 59.9080), (30.3780, 59.9010), (30.3870, 59.8940), (30.3960, 59.8870),
      (30.4060, 59.8800)]),
    ("warsaw_railway", "Petrograd-Warsaw railway (to Gatchina, Luga, Pskov)",
     "Петроградско-Варшавская железная дорога", "warsaw_station",
     [(30.3072, 59.9068), (30.3082, 59.9020), (30.3092, 59.8960), (30.3100, 59.8900),
      (30.3103, 59.8840), (30.3105, 59.8780), (30.3100, 59.8720)]),
    ("baltic_railway", "Baltic railway (to Ligovo, Peterhof, Oranienbaum)",
     "Балтийская железная дорога", "baltic_station",
     [(30.2990, 59.9065), (30.2965, 59.9010), (30.2925, 59.8950), (30.2875, 59.8880),
      (30.2810, 59.8810), (30.2730, 59.8750), (30.2620, 59.8680), (30.2500, 59.8620)]),
    ("tsarskoe_selo_railway", "Tsarskoe Selo railway (to Tsarskoe Selo, Pavlovsk, Vitebsk)",
     "Царскосельская железная дорога", "tsarskoe_selo_station",
     [(30.3289, 59.9192), (30.3297, 59.9140), (30.3305, 59.9100), (30.3335, 59.9030),
      (30.3380, 59.8950), (30.3435, 59.8870), (30.3490, 59.8790), (30.3540, 59.8720)]),
    ("finland_railway", "Finland railway (to Beloostrov and Vyborg)",
     "Финляндская железная дорога", "finland_station",
     [(30.3565, 59.9568), (30.3580, 59.9610), (30.3575, 59.9660), (30.3545, 59.9720),
      (30.3480, 59.9790), (30.3400, 59.9850), (30.3320, 59.9910), (30.3272, 59.9939),
      (30.3200, 59.9990)]),
]

PLACES = [
    # islands and sides (on land, well inside)
    ("vasilyevsky_island", "Vasilyevsky Island", "Васильевский остров", "island",
     (30.2640, 59.9405)),
    ("petrograd_side", "Petrograd Side", "Петроградская сторона", "side", (30.3030, 59.9610)),
    ("aptekarsky_island", "Aptekarsky Island", "Аптекарский остров", "island", (30.3170, 59.9735)),
    ("zayachy_island", "Zayachy Island", "Заячий остров", "island", (30.3160, 59.9500)),
    ("kamenny_island", "Kamenny Island", "Каменный остров", "island", (30.2960, 59.9790)),
    ("krestovsky_island", "Krestovsky Island", "Крестовский остров", "island", (30.2600, 59.9715)),
    ("elagin_island", "Elagin Island", "Елагин остров", "island", (30.2570, 59.9795)),
    ("petrovsky_island", "Petrovsky Island", "Петровский остров", "island", (30.2730, 59.9568)),
    ("golodai_island", "Golodai Island", "Голодай", "island", (30.2490, 59.9510)),
    ("gutuevsky_island", "Gutuevsky Island", "Гутуевский остров", "island", (30.2510, 59.9085)),
    ("vyborg_side", "Vyborg Side", "Выборгская сторона", "side", (30.3450, 59.9690)),
    ("okhta", "Okhta", "Охта", "district", (30.4180, 59.9560)),
    ("kolomna", "Kolomna", "Коломна", "district", (30.2880, 59.9225)),
    ("peski", "Peski", "Пески", "district", (30.3760, 59.9360)),
    ("novaya_derevnya", "Novaya Derevnya", "Новая Деревня", "district", (30.2950, 59.9895)),
    ("polyustrovo", "Polyustrovo", "Полюстрово", "district", (30.3950, 59.9680)),
    ("narva_gate", "Narva Gate", "Нарвская застава", "district", (30.2700, 59.8970)),
    ("nevskaya_zastava", "Nevskaya Zastava", "Невская застава", "district", (30.4150, 59.8960)),
    # water (on the water, mid-stream)
    ("neva", "Neva", "Нева", "water", (30.3175, 59.9455)),
    ("bolshaya_neva", "Bolshaya Neva", "Большая Нева", "water", (30.2930, 59.9372)),
    ("malaya_neva", "Malaya Neva", "Малая Нева", "water", (30.2900, 59.9500)),
    ("bolshaya_nevka", "Bolshaya Nevka", "Большая Невка", "water", (30.3372, 59.9620)),
    ("malaya_nevka", "Malaya Nevka", "Малая Невка", "water", (30.2950, 59.9737)),
    ("fontanka", "Fontanka", "Фонтанка", "water", (30.3390, 59.9445)),
    ("moika", "Moika", "Мойка", "water", (30.3330, 59.9411)),
    ("catherine_canal", "Catherine Canal", "Екатерининский канал", "water", (30.3268, 59.9340)),
    ("obvodny_canal", "Obvodny Canal", "Обводный канал", "water", (30.3400, 59.9115)),
    ("neva_bay", "Neva Bay (Gulf of Finland)", "Невская губа (Финский залив)", "water",
     (30.1950, 59.9400)),
    ("karpovka", "Karpovka", "Карповка", "water", (30.3150, 59.9705)),
    ("okhta_river", "Okhta", "Охта", "water", (30.4160, 59.9480)),
]

# water label -> id of the polygon in water.geojson it must sit on
WATER_OF = {
    "neva": "neva",
    "bolshaya_neva": "neva",
    "malaya_neva": "malaya_neva",
    "bolshaya_nevka": "bolshaya_nevka",
    "malaya_nevka": "malaya_nevka",
    "fontanka": "fontanka",
    "moika": "moika",
    "catherine_canal": "catherine_canal",
    "obvodny_canal": "obvodny_canal",
    "neva_bay": "neva_bay",
    "karpovka": "karpovka",
    "okhta_river": "okhta",
}

PROVENANCE = {
    "green": "Outlines drawn by hand for the project from the streets, embankments and "
             "buildings that bound each garden and square (e.g. the Field of Mars between the "
             "Pavlovsky barracks, the Swan Canal and the Moika), checked against the centre "
             "coordinates and areas given in encyclopedia articles; corners are approximate "
             "(tens of metres) and clipped by the project's water layer.",
    "districts": "Approximate outlines of the 12 police districts (chasti) of Petrograd and "
                 "the suburban uchastki in 1917, drawn by the project along the waterways and "
                 "streets that formed their boundaries (Neva, Fontanka, Moika, Catherine and "
                 "Kryukov canals, Vvedensky and Obvodny canals, Nevsky Prospekt, Ligovka, "
                 "Znamenskaya Street); boundaries follow river centrelines, the outer "
                 "suburban limits are schematic.",
    "railways": "Lines drawn by the project from each terminal along the known alignment "
                "of the railway for 3-6 km, from the station positions (Nikolaevsky, Warsaw, "
                "Baltic, Tsarskoe Selo, Finland) and landmarks on the line such as the "
                "Obvodny Canal crossings and Lanskaya platform; alignments are approximate.",
    "places": "Label anchors placed by the project inside the islands, sides, quarters and "
              "waters of Petrograd named as they were in 1917.",
}


def fc(name, features):
    return {"type": "FeatureCollection", "provenance": PROVENANCE[name], "features": features}


def rounded(geom):
    return shapely.set_precision(geom, 1e-6)


def geom_json(geom):
    g = mapping(geom)

    def rnd(c):
        if isinstance(c, (list, tuple)) and c and isinstance(c[0], (int, float)):
            return [round(c[0], 6), round(c[1], 6)]
        return [rnd(x) for x in c]

    return {"type": g["type"], "coordinates": rnd(g["coordinates"])}


def largest(geom):
    if geom.geom_type == "Polygon":
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type == "Polygon"]
    return max(parts, key=lambda g: g.area) if parts else Polygon()


def load_water():
    path = OUT / "water.geojson"
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    geoms = [shape(f["geometry"]).buffer(0) for f in data.get("features", [])
             if f.get("geometry")]
    return unary_union(geoms) if geoms else None


def load_water_by_id():
    path = OUT / "water.geojson"
    if not path.exists():
        return {}
    out = {}
    for f in json.loads(path.read_text(encoding="utf-8")).get("features", []):
        ident = f.get("properties", {}).get("id")
        geom = shape(f["geometry"]).buffer(0)
        out[ident] = unary_union([out[ident], geom]) if ident in out else geom
    return out


def check_place(ident, kind, x, y, water_by_id):
    """Keep land labels off the water and water labels on their river.

    A water label that misses its polygon by less than ~150 m is moved to the nearest
    point a few metres inside it; anything else is only reported."""
    if not water_by_id:
        return x, y
    pt = Point(x, y)
    every = unary_union(list(water_by_id.values()))
    if kind != "water":
        if every.contains(pt):
            print(f"places: {ident} lies on the water layer")
        return x, y
    target = water_by_id.get(WATER_OF.get(ident))
    if target is None:
        print(f"places: no water polygon for {ident}")
        return x, y
    if target.contains(pt):
        return x, y
    inner = target.buffer(-0.00006)
    if inner.is_empty:
        inner = target
    dist_m = target.distance(pt) * 80000
    if dist_m > 150:
        print(f"places: {ident} is {dist_m:.0f} m from its water polygon; left as authored")
        return x, y
    from shapely.ops import nearest_points
    q = nearest_points(inner, pt)[0]
    print(f"places: {ident} moved {inner.distance(pt) * 80000:.0f} m onto the water layer")
    return round(q.x, 6), round(q.y, 6)


def write(name, data):
    OUT.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ": "))
    # one feature per line keeps diffs readable
    text = text.replace('{"type": "Feature",', '\n{"type": "Feature",')
    (OUT / f"{name}.geojson").write_text(text + "\n", encoding="utf-8")


def main():
    water = load_water()
    water_by_id = load_water_by_id()
    box = shapely.box(*EXTENT)

    feats, taken = [], Polygon()
    for ident, en, ru, kind, pts in GREEN:
        poly = Polygon(pts).buffer(0)
        if water is not None:
            poly = largest(poly.difference(water))
        poly = largest(shapely.difference(rounded(poly), taken.buffer(2e-7), grid_size=1e-6))
        taken = shapely.union(taken, poly, grid_size=1e-6)
        assert poly.is_valid and not poly.is_empty, ident
        feats.append({"type": "Feature",
                      "properties": {"id": ident, "name_en": en, "name_ru": ru, "kind": kind},
                      "geometry": geom_json(poly)})
    write("green", fc("green", feats))

    feats, done = [], Polygon()
    for ident, en, ru, poly in districts():
        poly = rounded(poly.intersection(box))
        poly = largest(shapely.difference(poly, done.buffer(2e-7), grid_size=1e-6))
        assert poly.is_valid and not poly.is_empty, ident
        done = shapely.union(done, poly, grid_size=1e-6)
        feats.append({"type": "Feature",
                      "properties": {"id": ident, "name_en": en, "name_ru": ru},
                      "geometry": geom_json(poly)})
    write("districts", fc("districts", feats))

    feats = []
    for ident, en, ru, terminal, pts in RAILWAYS:
        feats.append({"type": "Feature",
                      "properties": {"id": ident, "name_en": en, "name_ru": ru,
                                     "terminal": terminal},
                      "geometry": {"type": "LineString",
                                   "coordinates": [[round(x, 6), round(y, 6)] for x, y in pts]}})
    write("railways", fc("railways", feats))

    feats = []
    for ident, en, ru, kind, (x, y) in PLACES:
        x, y = check_place(ident, kind, x, y, water_by_id)
        feats.append({"type": "Feature",
                      "properties": {"id": ident, "name_en": en, "name_ru": ru, "kind": kind},
                      "geometry": {"type": "Point", "coordinates": [round(x, 6), round(y, 6)]}})
    write("places", fc("places", feats))
    print("water clipping:", "yes" if water is not None else "no water.geojson yet")


if __name__ == "__main__":
    main()
