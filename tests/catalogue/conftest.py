"""People of the catalogue's story: Olivia runs the innovation office; Vera acts for Harbourlight Analytics
and Victor for Kowloon Speech Labs (both approved); Amy (dsd) and Bob (hpd) are department officers."""

import pytest

from aiplus.catalogue.models import Vendor, VendorMember, VendorStatus
from aiplus.catalogue.services import innovation_office_add, need_save, solution_create, solution_transition
from aiplus.core.access import OPERATOR
from aiplus.core.models import Role, User
from aiplus.core.services import api_token_create, user_create


def make_vendor_user(username: str, name: str, br_number: str) -> User:
    vendor = Vendor.objects.create(
        name=name,
        br_number=br_number,
        contact_name=username.title(),
        contact_email=f"{username}@example.com",
        status=VendorStatus.APPROVED,
    )
    user = User(username=username, department=None)
    user.set_password("pass-" + username)
    user.save()
    VendorMember.objects.create(user=user, vendor=vendor)
    return user


def make_office_user(department) -> User:
    user_create(username="olivia", password="pass-olivia", department=department, role=Role.MEMBER)
    return innovation_office_add(actor=OPERATOR, username="olivia")


@pytest.fixture
def olivia(dsd):
    return make_office_user(dsd)


@pytest.fixture
def vera(db):
    return make_vendor_user("vera", "Harbourlight Analytics Ltd", "61203451")


@pytest.fixture
def victor(db):
    return make_vendor_user("victor", "Kowloon Speech Labs Ltd", "61203452")


SOLUTION = {
    "name_en": "Cantonese Hotline Transcriber",
    "name_zh": "粵語熱線轉錄",
    "summary_en": "Transcribes Cantonese and English hotline calls and marks the caller's request.",
    "summary_zh": "轉錄粵語及英語熱線通話，並標示來電者的要求。",
    "description": "Speech recognition for Hong Kong Cantonese; recordings stay on premises.",
    "categories": ["customer_service"],
    "technologies": ["speech"],
    "languages": ["en", "zh-Hant", "yue-speech"],
    "deployment": "on_premises",
    "residency": "hong_kong",
    "personal_data": True,
    "certifications": ["ISO 27001"],
    "pricing_model": "licence",
    "annual_price_hkd": 500000,
    "trial": True,
    "risk_tier": "minimal",
}


def make_solution(vendor_user, *, publish: bool = True, **changes):
    solution = solution_create(actor=vendor_user, **{**SOLUTION, **changes})
    if publish:
        solution_transition(actor=vendor_user, solution=solution, status="submitted")
        solution_transition(actor=OPERATOR, solution=solution, status="under_review")
        solution_transition(actor=OPERATOR, solution=solution, status="published")
    return solution


NEED = {
    "title": "Transcribe Cantonese hotline calls",
    "problem": "Supervisors cannot listen to enough hotline calls in Cantonese.",
    "must_haves": ["Recognises Cantonese speech"],
    "nice_to_haves": [
        {"text": "Marks the caller's request", "weight": 60},
        {"text": "Exports to Excel", "weight": 40},
    ],
    "sensitivity": "confidential",
    "languages": ["zh-Hant", "yue-speech"],
    "budget_max_hkd": 800000,
}


def make_need(officer, **changes):
    return need_save(actor=officer, **{**NEED, **changes})


def client_for(user, language="en"):
    from django.test import Client

    _, key = api_token_create(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}", "Accept-Language": language})
