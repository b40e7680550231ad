"""Every setting an operator can give is documented (as Datasette's own tests insist)."""

import re
from pathlib import Path

import aiplus

SOURCE = Path(aiplus.__file__).parent
DOCS = SOURCE.parent.parent / "docs" / "configuration.md"


def test_every_environment_setting_is_in_the_configuration_guide():
    settings_source = (SOURCE / "settings.py").read_text("utf-8") + (SOURCE / "env.py").read_text("utf-8")
    read = set(re.findall(r'env_\w+\(\s*"(AIPLUS_\w+|DATABASE_URL|CELERY_BROKER_URL)"', settings_source))
    read |= set(re.findall(r'environ(?:\.get)?\(\s*"(AIPLUS_\w+|DATABASE_URL)"', settings_source))
    assert len(read) > 15, "the settings should be found in settings.py"
    guide = DOCS.read_text("utf-8")
    undocumented = sorted(name for name in read if f"`{name}`" not in guide)
    assert undocumented == []
