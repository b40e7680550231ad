"""Recognising agencies, vendors and places in release text."""

from aiplus.briefs.recognise import AGENCY, LOCATION, VENDOR, Recogniser


def _keys(found, kind):
    return [e.key for e in found[kind]]


def test_agencies_by_name_chinese_name_and_abbreviation(agencies, vendors):
    """A department is known by its English name, its Chinese name and the abbreviations in the data file."""
    recogniser = Recogniser.from_database()
    found = recogniser.entities(
        "The Harbour Planning Department said the TRD will join. 社區福利署亦會參與。"
    )
    assert _keys(found, AGENCY) == ["hpd", "trd", "cwd"]


def test_abbreviations_are_case_sensitive_and_whole_words(agencies, vendors):
    """ "dio" inside a word or in lower case is not the Digital Innovation Office."""
    found = Recogniser.from_database().entities("The studio audio team met. DIOS is a product.")
    assert found[AGENCY] == []


def test_vendor_names_with_and_without_ltd_and_in_chinese(agencies, vendors):
    recogniser = Recogniser.from_database()
    found = recogniser.entities(
        "Kowloon Speech Labs will supply it, with 港光分析有限公司 and Pearl Delta Software Ltd."
    )
    names = [e.name_en for e in found[VENDOR]]
    assert names == ["Kowloon Speech Labs Ltd", "Harbourlight Analytics Ltd", "Pearl Delta Software Ltd"]


def test_a_vendor_named_after_a_place_is_not_the_place(agencies, vendors):
    """The longest name wins: "Sha Tin Service Design Ltd" is a vendor, and Sha Tin is not a location there."""
    found = Recogniser.from_database().entities("Sha Tin Service Design Ltd opened an office in Kwun Tong.")
    assert [e.name_en for e in found[VENDOR]] == ["Sha Tin Service Design Ltd"]
    assert _keys(found, LOCATION) == ["Kwun Tong"]


def test_places_in_english_chinese_and_simplified(db):
    found = Recogniser.from_database().entities(
        "Held at the HKCEC, then 在数码港及觀塘舉行。Centralised systems."
    )
    assert _keys(found, LOCATION) == ["Hong Kong Convention and Exhibition Centre", "Cyberport", "Kwun Tong"]


def test_pending_vendors_are_not_recognised(agencies, vendors):
    from aiplus.catalogue.models import Vendor, VendorStatus

    Vendor.objects.filter(name="Lantau Cloud Services Ltd").update(status=VendorStatus.PENDING)
    found = Recogniser.from_database().entities("Lantau Cloud Services Ltd won the framework.")
    assert found[VENDOR] == []
