"""The catalogue's demo: 20 vendors, their 42 published solutions, 10 needs of the demo departments, a
vendor user (vera) and an innovation officer (olivia). The data is in ``aiplus/demo/catalogue/``, written
by hand for the demo (fictional companies; see the README there)."""

import json
from importlib import resources

from django.db import transaction

from aiplus.catalogue.importing import catalogue_import
from aiplus.catalogue.models import Vendor, VendorMember, VendorStatus
from aiplus.catalogue.services import innovation_office_add, need_save, proposal_save
from aiplus.core.access import OPERATOR
from aiplus.core.models import Department, Role, User
from aiplus.core.services import user_create

VENDOR_USER = "vera"
OFFICER = "olivia"


def _data(name: str):
    return resources.files("aiplus.demo").joinpath("catalogue", name)


def load_demo_catalogue(*, password: str) -> list[str]:
    """Load the catalogue demo once; returns the users it created."""
    if Vendor.objects.exists():
        return []
    created = []
    with transaction.atomic():
        vendors = [
            Vendor.objects.create(status=VendorStatus.APPROVED, **row)
            for row in json.loads(_data("vendors.json").read_text("utf-8"))
        ]
        if not User.objects.filter(username=VENDOR_USER).exists():
            user = User(username=VENDOR_USER, department=None)
            user.set_password(password)
            user.save()
            VendorMember.objects.create(user=user, vendor=vendors[0])
            created.append(VENDOR_USER)
        dsd = Department.objects.get(code="dsd")
        if not User.objects.filter(username=OFFICER).exists():
            user_create(username=OFFICER, password=password, department=dsd, role=Role.MEMBER)
            innovation_office_add(actor=OPERATOR, username=OFFICER)
            created.append(OFFICER)
        report = catalogue_import(
            actor=OPERATOR, data=_data("solutions.csv").read_bytes(), filename="solutions.csv"
        )
        if report.problems:
            raise RuntimeError(f"demo catalogue: {[p.as_dict() for p in report.problems]}")
        needs = []
        for row in json.loads(_data("needs.json").read_text("utf-8")):
            department = Department.objects.get(code=row.pop("department"))
            needs.append(need_save(actor=OPERATOR, department=department, **row))
    vera = User.objects.filter(username=VENDOR_USER).first()
    if vera is not None and getattr(vera, "vendor_member", None):
        first = needs[0]
        solution = vendors[0].solutions.first()
        proposal_save(
            actor=vera,
            need=first,
            solution=solution,
            summary="Our analytics can mark the caller's request in each transcribed call.",
            answers={
                "n1": {"met": True, "evidence": "Topic tagging is in production for two public bodies."}
            },
        )
    return created
