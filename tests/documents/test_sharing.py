"""Sharing a collection with named departments: who may then read and search it, and who may change that."""

import pytest

from aiplus.core.errors import AiplusError, ErrorCode
from aiplus.core.models import AuditEvent, Role
from aiplus.core.services import user_create
from aiplus.documents.models import Collection, Document, Visibility
from aiplus.documents.selectors import collection_for_reading, document_for_reading
from aiplus.documents.services import collection_visibility_update
from aiplus.search.services import search
from tests.conftest import add_text

PIER_QUERY = "pier relocation budget"


def _found(actor, query=PIER_QUERY) -> set[str]:
    return {hit.collection for hit in search(actor=actor, query=query)}


def test_a_named_department_can_read_and_search_until_it_is_unshared(pier_notes, betty, amy, tom, dsd):
    """GIVEN Harbour Planning's private notes
    WHEN Betty shares them with the Demo Services Department
    THEN Amy (dsd) finds and opens them, Tom (trd, not named) still cannot; after un-sharing Amy cannot."""
    secret = Document.objects.get(collection=pier_notes)
    assert "pier-notes" not in _found(amy)

    collection_visibility_update(actor=betty, collection=pier_notes, visibility="shared", shared_with=[dsd])

    assert "pier-notes" in _found(amy)
    assert collection_for_reading(amy, "pier-notes") == pier_notes
    assert document_for_reading(amy, secret.pk) == secret
    assert "pier-notes" not in _found(tom)
    with pytest.raises(AiplusError) as hidden:
        document_for_reading(tom, secret.pk)
    assert hidden.value.code == ErrorCode.NOT_FOUND

    collection_visibility_update(actor=betty, collection=pier_notes, visibility="private")

    assert "pier-notes" not in _found(amy)
    with pytest.raises(AiplusError) as hidden:
        document_for_reading(amy, secret.pk)
    assert hidden.value.code == ErrorCode.NOT_FOUND


def test_removing_one_department_from_the_list_keeps_the_others(pier_notes, betty, amy, tom, dsd, trd):
    collection_visibility_update(
        actor=betty, collection=pier_notes, visibility="shared", shared_with=[dsd, trd]
    )
    assert "pier-notes" in _found(amy) and "pier-notes" in _found(tom)

    # The visibility is left as it is; only the list changes.
    collection_visibility_update(actor=betty, collection=pier_notes, shared_with=[trd])

    assert "pier-notes" not in _found(amy)
    assert "pier-notes" in _found(tom)


def test_departments_are_kept_only_while_shared(pier_notes, betty, dsd, hpd):
    """Switching to public or private forgets the list, so switching back to shared shares with no one
    until departments are named again; the owning department is never listed."""
    updated = collection_visibility_update(
        actor=betty, collection=pier_notes, visibility="shared", shared_with=[dsd, hpd]
    )
    assert list(updated.shared_with.values_list("code", flat=True)) == ["dsd"]
    collection_visibility_update(actor=betty, collection=pier_notes, visibility="public", shared_with=[dsd])
    assert not pier_notes.shared_with.exists()
    updated = collection_visibility_update(actor=betty, collection=pier_notes, visibility="shared")
    assert updated.visibility == Visibility.SHARED and not updated.shared_with.exists()


def test_a_document_added_just_before_sharing_is_found_by_the_department_shared_with(
    pier_notes, betty, amy, dsd
):
    """The owner's copy of the collection was read before a new document became ready; changing sharing with
    that copy must not set the search index back to the version without the new document."""
    copy_read_earlier = Collection.objects.get(pk=pier_notes.pk)
    assert search(actor=betty, query="ferry timetable") == []  # builds and caches the current index
    add_text(pier_notes, betty, "ferry.txt", "The new ferry timetable starts on 1 March at Central Pier.")

    collection_visibility_update(
        actor=betty, collection=copy_read_earlier, visibility="shared", shared_with=[dsd]
    )

    assert [hit.source_id for hit in search(actor=amy, query="ferry timetable")] == ["ferry.txt"]


@pytest.mark.parametrize("who", ["amy", "alice", "bob"])
def test_only_a_manager_of_the_owning_department_may_change_sharing(pier_notes, who, request, dsd):
    """Amy and Alice (dsd) and Bob (an hpd member) may not share hpd's notes."""
    actor = request.getfixturevalue(who)
    with pytest.raises(AiplusError) as refused:
        collection_visibility_update(actor=actor, collection=pier_notes, visibility="public")
    assert refused.value.code == ErrorCode.FORBIDDEN
    pier_notes.refresh_from_db()
    assert pier_notes.visibility == Visibility.PRIVATE


def test_a_department_admin_and_a_platform_admin_may_change_sharing(pier_notes, hpd, admin, dsd):
    head = user_create(username="hana", password="pass-hana", department=hpd, role=Role.DEPARTMENT_ADMIN)
    collection_visibility_update(actor=head, collection=pier_notes, visibility="shared", shared_with=[dsd])
    collection_visibility_update(actor=admin, collection=pier_notes, visibility="public")
    pier_notes.refresh_from_db()
    assert pier_notes.visibility == Visibility.PUBLIC


def test_an_unknown_visibility_is_refused_and_changes_nothing(pier_notes, betty, dsd):
    with pytest.raises(AiplusError) as refused:
        collection_visibility_update(
            actor=betty, collection=pier_notes, visibility="everyone", shared_with=[dsd]
        )
    assert refused.value.code == ErrorCode.INVALID
    pier_notes.refresh_from_db()
    assert pier_notes.visibility == Visibility.PRIVATE and not pier_notes.shared_with.exists()


def test_a_sharing_change_is_audited_with_before_and_after(pier_notes, betty, dsd):
    collection_visibility_update(
        actor=betty, collection=pier_notes, visibility="shared", shared_with=[dsd], channel="web"
    )
    event = AuditEvent.objects.get(action="collection.visibility")
    assert event.actor == betty and event.target == "collection:pier-notes" and event.channel == "web"
    assert event.detail == {
        "before": {"visibility": "private", "shared_with": []},
        "after": {"visibility": "shared", "shared_with": ["dsd"]},
    }
