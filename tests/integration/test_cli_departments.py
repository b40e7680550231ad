"""Departments are made on purpose, with `aiplus department add`; a code no department has is an error in every
command that takes one, and it lists the codes there are."""

import json

import pytest
from click.testing import CliRunner

from aiplus.cli import main
from aiplus.core.models import AuditEvent, Department, User
from aiplus.documents.models import Collection

pytestmark = pytest.mark.django_db(transaction=True)


def _run(*args):
    return CliRunner().invoke(main, list(args))


def test_a_department_is_added_and_listed():
    added = _run("department", "add", "FEHD", "--name", "Food and Environmental Hygiene Department")
    assert added.exit_code == 0, added.output
    assert added.stdout == "Added department fehd (Food and Environmental Hygiene Department).\n"
    _run("department", "add", "dsd", "--name", "Demo Services Department", "--name-zh", "示範服務署")

    listed = _run("department", "list")
    assert listed.stdout == (
        "dsd\tDemo Services Department\t示範服務署\nfehd\tFood and Environmental Hygiene Department\t\n"
    )
    assert json.loads(_run("department", "list", "--json").stdout) == [
        {"code": "dsd", "name_en": "Demo Services Department", "name_zh": "示範服務署"},
        {"code": "fehd", "name_en": "Food and Environmental Hygiene Department", "name_zh": ""},
    ]
    assert AuditEvent.objects.filter(action="department.add", target="department:fehd").exists()


@pytest.mark.parametrize(
    ("arguments", "reason"),
    [
        (["dsd", "--name", "Another name"], "department 'dsd' exists"),
        (["my dept", "--name", "Mine"], "department code: use lower-case letters, digits and hyphens"),
        (["a_b", "--name", "Mine"], "department code: use lower-case letters, digits and hyphens"),
        (["x" * 33, "--name", "Long"], "department code: use at most 32 characters"),
        (["new", "--name", "  "], "department name: this cannot be empty"),
        (["new", "--name", "Bad\x07name"], "department name: remove the invisible control characters"),
        (["new", "--name", "New", "--name-zh", "新" * 201], "use at most 200 characters"),
    ],
)
def test_a_bad_department_is_refused_and_nothing_changes(dsd, arguments, reason):
    result = _run("department", "add", *arguments)

    assert result.exit_code != 0 and reason in result.output
    assert list(Department.objects.values_list("code", "name_en")) == [("dsd", "Demo Services Department")]


def test_ingest_into_a_new_collection_of_an_unknown_department_creates_nothing(tmp_path, dsd, hpd):
    (tmp_path / "note.txt").write_text("Opening hours: 9 a.m. to 5 p.m.")

    result = _run("ingest", str(tmp_path), "--collection", "notes", "--create", "--department", "nosuch")

    assert result.exit_code != 0
    assert "There is no department with the code nosuch. Known codes: dsd, hpd." in result.output
    assert not Department.objects.filter(code="nosuch").exists()
    assert not Collection.objects.filter(slug="notes").exists()


def test_a_user_joins_a_known_department_by_its_code_and_never_an_unknown_one(dsd):
    refused = _run("user", "fred", "--department", "fzd", "--password", "a-long-password")

    assert refused.exit_code != 0
    assert "There is no department with the code fzd. Known codes: dsd." in refused.output
    assert not User.objects.filter(username="fred").exists()
    assert not Department.objects.filter(code="fzd").exists()

    created = _run("user", "fred", "--department", "DSD", "--password", "a-long-password")

    assert created.exit_code == 0, created.output
    assert User.objects.get(username="fred").department == dsd


def test_an_unknown_code_is_explained_in_chinese_to_a_chinese_reader(dsd, hpd):
    """The same error reaches a reader of Traditional Chinese (the page and the API) in their language."""
    from django.utils import translation

    from aiplus.core.errors import AiplusError
    from aiplus.core.selectors import departments_by_code

    with pytest.raises(AiplusError) as raised:
        departments_by_code(["hpd", "hdp"])
    with translation.override("zh-hant"):
        message = raised.value.message
    assert message == "沒有代碼為 hdp 的部門。已有的部門代碼：dsd, hpd。"
