"""A small bilingual classifier for the Demo Services Department: noise complaints, refund requests and
licence renewals, in English, Traditional Chinese and code-mixed Cantonese."""

import pytest

EXAMPLES = [
    ("The bar downstairs plays loud music until 3 a.m. and I cannot sleep.", "noise"),
    ("Construction piling starts before 7 in the morning, even on Sundays.", "noise"),
    ("樓上單位深夜拖動傢俬，噪音令人無法入睡。", "noise"),
    ("地盤每朝七點前已經打樁，聲浪極大。", "noise"),
    ("樓上成晚drill牆，嘈到我瞓唔到覺。", "noise"),
    ("I paid the fee twice by mistake and would like a refund of the second payment.", "refund"),
    ("The event was cancelled, so please return my money to my bank account.", "refund"),
    ("本人誤將費用重複繳付兩次，現申請退還多繳的款項。", "refund"),
    ("活動已經取消，請退還本人已繳付的按金。", "refund"),
    ("我俾錢俾咗兩次，想攞返多咗嗰份refund。", "refund"),
    ("My restaurant licence expires next month and I wish to renew it.", "renewal"),
    ("Please find enclosed the renewal fee for my hawker licence.", "renewal"),
    ("本人的食肆牌照將於下月屆滿，現申請續期。", "renewal"),
    ("隨函附上小販牌照續期費用，請查收。", "renewal"),
    ("我個牌下個月就expire，想問點樣renew？", "renewal"),
]


def make_classifier(owner, slug="letters", examples=EXAMPLES):
    from aiplus.classifier.services import classifier_create, label_record

    classifier = classifier_create(
        actor=owner, department=owner.department, slug=slug, name="Incoming letters"
    )
    for text, label in examples:
        label_record(actor=owner, classifier=classifier, text=text, label=label)
    classifier.refresh_from_db()
    return classifier


@pytest.fixture
def letters(alice, django_capture_on_commit_callbacks):
    """Alice's classifier with 15 labelled letters, trained (label changes retrain a small one at once)."""
    with django_capture_on_commit_callbacks(execute=True):
        classifier = make_classifier(alice)
    classifier.refresh_from_db()
    return classifier
