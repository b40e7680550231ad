"""Write ``privacy/detect/data/en_given_names_census.txt``: the first names of the 1990 US Census (public
domain; the lists ``dist.female.first`` and ``dist.male.first``, shipped for instance in the ``names`` 0.3.0
source package) less every name that is also an ordinary lower-case English word in a word list (Debian's
``wamerican``: /usr/share/dict/words) or a month, so that Will, Grace, Mark or June are not taken for names.

    python scripts/census_given_names.py DIST_FEMALE_FIRST DIST_MALE_FIRST [/usr/share/dict/words]
"""

import calendar
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/aiplus/privacy/detect/data/en_given_names_census.txt"
HEADER = """# First names of the 1990 US Census (public domain), female and male lists, less the names that are also
# ordinary lower-case English words (wamerican's word list) or months. Written by scripts/census_given_names.py.
"""


def main() -> None:
    female, male, *rest = sys.argv[1:]
    dictionary = Path(rest[0] if rest else "/usr/share/dict/words").read_text("utf-8").split()
    ordinary = {word for word in dictionary if word.islower()}
    ordinary |= {word.lower() for word in (*calendar.month_name[1:], *calendar.day_name)}
    names = set()
    for path in (female, male):
        for line in Path(path).read_text("utf-8").splitlines():
            name = line.split()[0].capitalize() if line.strip() else ""
            if len(name) >= 3 and name.lower() not in ordinary:
                names.add(name)
    OUT.write_text(HEADER + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names written to {OUT}")


if __name__ == "__main__":
    main()
