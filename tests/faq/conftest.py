"""A small bilingual FAQ of the Demo Services Department, and its forms, as officers would write them."""

import pytest

FAQ_CSV = """id,question,answer,language,alternatives,url
dog-licence,How do I apply for a dog licence?,Apply at any animal management centre with your dog's vaccination record. The licence fee is HK$80.,en,Where can I license my dog?|How to get a licence for my dog,https://example.gov.hk/dog
dog-licence,如何申請狗隻牌照？,請帶同狗隻的防疫注射紀錄前往任何動物管理中心申請。牌照費為港幣八十元。,zh-Hant,狗牌去邊度申請？,https://example.gov.hk/dog
passport,How do I renew my passport?,Renew your HKSAR passport online or at an Immigration office. Bring your identity card.,en,Passport renewal,https://example.gov.hk/passport
passport,如何續領護照？,你可在網上或到入境事務處辦事處續領香港特區護照，請帶同身份證。,zh-Hant,護照續期,https://example.gov.hk/passport
noise,How do I complain about noise from neighbours?,Call the police hotline for noise at night; for building works noise contact the Environmental Protection Department.,en,Noisy neighbours complaint,
refuse,When is refuse collected?,Refuse is collected every day from the refuse collection points in each district.,en,,
"""

FORMS_CSV = """id,question,answer,language,form,url,department
id-600,Application for a dog licence,Apply for a new dog licence.,en,AF-100,https://example.gov.hk/forms/af100.pdf,Agriculture Department
id-601,Application for renewal of a dog licence,Renew an existing dog licence.,en,AF-101,https://example.gov.hk/forms/af101.pdf,Agriculture Department
id-700,Application for a hawker licence,Apply for a hawker licence.,en,FE-200,https://example.gov.hk/forms/fe200.pdf,Food Department
"""


def make_collection(actor, slug, kind, visibility="public"):
    from aiplus.documents.services import collection_create

    return collection_create(
        actor=actor,
        slug=slug,
        name=slug.title(),
        department=actor.department,
        visibility=visibility,
        kind=kind,
    )


@pytest.fixture
def faq(alice, tmp_path):
    """Alice's public FAQ, imported from a CSV file."""
    from aiplus.faq.services import faq_import

    collection = make_collection(alice, "dsd-faq", "faq")
    path = tmp_path / "faq.csv"
    path.write_text(FAQ_CSV, encoding="utf-8")
    faq_import(actor=alice, collection=collection, path_or_file=path, filename="faq.csv")
    return collection


@pytest.fixture
def forms(alice, tmp_path):
    from aiplus.faq.services import faq_import

    collection = make_collection(alice, "dsd-forms", "forms")
    path = tmp_path / "forms.csv"
    path.write_text(FORMS_CSV, encoding="utf-8")
    faq_import(actor=alice, collection=collection, path_or_file=path, filename="forms.csv")
    return collection
