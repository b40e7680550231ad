"""bench/actions.py --split picks the meetings a figure is measured on: dev the odd-numbered files, held-out
the even-numbered ones, all both."""

import pytest
from bench.actions import in_split

FILES = ["01-directorate-meeting.txt", "02-cms-upgrade-project.vtt", "11-sprint-review.vtt", "24-drill.vtt"]


@pytest.mark.parametrize(
    ("split", "chosen"),
    [
        ("dev", ["01-directorate-meeting.txt", "11-sprint-review.vtt"]),
        ("held-out", ["02-cms-upgrade-project.vtt", "24-drill.vtt"]),
        ("all", FILES),
    ],
)
def test_a_split_holds_the_meetings_of_its_parity(split, chosen):
    assert [name for name in FILES if in_split(name, split)] == chosen


def test_a_meeting_file_without_a_number_belongs_to_no_split():
    with pytest.raises(SystemExit, match="no leading meeting number"):
        in_split("minutes.txt", "dev")
