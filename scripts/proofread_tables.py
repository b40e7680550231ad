"""Write the character tables of ``aiplus.pilot.proofread`` from the dictionaries shipped in the opencc wheel.

A character is Simplified-only when OpenCC's STCharacters lists Traditional forms for it that do not include
itself (发 -> 發 髮); 后 -> 後 后 is ambiguous, a Traditional character too (皇后), so it is flagged only where
OpenCC's phrase conversion changes it. Traditional-only likewise from TSCharacters. Run: ``.venv/bin/python scripts/proofread_tables.py``.
"""

import subprocess
import tempfile
from pathlib import Path

import opencc

CLIB = Path(opencc.__file__).parent / "clib"
OUT = Path(__file__).resolve().parent.parent / "src/aiplus/pilot/proofread/data"


def dictionary(name: str) -> list[tuple[str, list[str]]]:
    with tempfile.TemporaryDirectory() as folder:
        text = Path(folder) / f"{name}.txt"
        subprocess.run(
            [
                CLIB / "bin/opencc_dict",
                "-i",
                CLIB / f"share/opencc/{name}.ocd2",
                "-o",
                text,
                "-f",
                "ocd2",
                "-t",
                "text",
            ],
            check=True,
            env={"LD_LIBRARY_PATH": str(CLIB / "lib64")},
        )
        rows = [line.split("\t") for line in text.read_text("utf-8").splitlines() if "\t" in line]
    return [(key, values.split()) for key, values in rows]


def characters(name: str, *, also_itself: bool) -> str:
    """Single characters of the table whose forms in the other script include themselves or not."""
    rows = dictionary(name)
    return "".join(sorted(key for key, values in rows if len(key) == 1 and (key in values) == also_itself))


def main() -> None:
    for name, filename, what, also_itself in (
        ("STCharacters", "simplified_only.txt", "Simplified-only characters", False),
        (
            "STCharacters",
            "simplified_ambiguous.txt",
            "Simplified characters also written in Traditional",
            True,
        ),
        ("TSCharacters", "traditional_only.txt", "Traditional-only characters", False),
    ):
        header = f"# {what}, from OpenCC {name} by scripts/proofread_tables.py\n"
        (OUT / filename).write_text(
            header + characters(name, also_itself=also_itself) + "\n", encoding="utf-8"
        )


if __name__ == "__main__":
    main()
