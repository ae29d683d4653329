"""How many towns of the regions the shipped rules name by province get that province when a headline
names the town alone ("Gunmen kill 3 in Damaturu": NG-YO, the Lake Chad basin). The towns are the
conflict towns of those regions (and a few others), each in a made-up headline; the province comes from
the gazetteer (curated places, a city named like its province, or its GeoNames admin1 code through
``bot/data/admin1.tsv``).

usage: python bench/town_provinces.py [--misses]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.extraction import extract  # noqa: E402

TOWNS = {
    "NG-BO": "Maiduguri Gwoza Bama Monguno Dikwa Konduga Damboa Biu Ngala",
    "NG-YO": "Damaturu Potiskum Gashua Geidam Nguru",
    "NG-AD": "Yola Mubi Michika Madagali Numan",
    "CM-EN": "Maroua Mora Kolofata Mokolo Kousseri",
    "TD-LC": "Bol",
    "NE-2": "Diffa Bosso",
    "CD-NK": "Goma Beni Butembo Rutshuru Masisi Lubero Walikale Oicha Kiwanja",
    "CD-SK": "Bukavu Uvira Kamituga",
    "CD-IT": "Bunia Djugu Mahagi Mongbwalu Komanda",
    "MZ-P": "Pemba Macomia Palma Montepuez Ancuabe Muidumbe Chiure Quissanga Meluco Mueda",
    "MZ-N": "Lichinga Cuamba",
    "IN-JK": "Srinagar Jammu Anantnag Baramulla Kupwara Pulwama Shopian Rajouri Poonch Kathua Doda Kishtwar "
             "Udhampur Sopore",
    "RU-CE": "Grozny Gudermes Urus-Martan Shali",
    "RU-DA": "Makhachkala Derbent Khasavyurt Kizlyar Buynaksk Kaspiysk",
    "RU-IN": "Nazran Magas Karabulak Malgobek",
    "RU-KB": "Nalchik Baksan",
    "RU-SE": "Vladikavkaz Beslan Mozdok",
    "RU-KC": "Cherkessk",
    "PK-KP": "Peshawar Bannu Kohat Mardan Chitral",
    "PK-BA": "Quetta Turbat Gwadar Khuzdar Panjgur Sibi Mastung",
    "SO-BN": "Mogadishu",
    "SO-SH": "Merca Afgooye",
    "SO-BY": "Baidoa",
    "ML-7": "Gao Ansongo",
    "ML-6": "Timbuktu",
    "ML-8": "Kidal",
    "ML-5": "Mopti Sevare Djenne",
    "BF-12": "Dori Djibo Arbinda Gorom-Gorom",
    "BR-CE": "Fortaleza",
    "BR-BA": "Salvador",
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--misses", action="store_true", help="list the towns read otherwise")
    args = ap.parse_args()
    right = total = 0
    misses = []
    for code, towns in TOWNS.items():
        for town in towns.split():
            total += 1
            f = extract(f"Gunmen kill 3 in {town}", "")
            if (f.country, f.province_code) == (code.split("-")[0], code):
                right += 1
            else:
                misses.append(f"{town}: {f.country} {f.province_code} (expected {code})")
    print(f"towns named alone that get their province: {right} of {total} ({100.0 * right / total:.1f}%)")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
