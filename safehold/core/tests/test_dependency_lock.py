"""The lock that `make venv` installs from (requirements/lock.txt, with --require-hashes) holds what pyproject.toml
pins: a pin changed without `make lock` would install the old version and pass unnoticed."""

import re
import tomllib

from config.env import BASE_DIR

# "name==version" at the start of a requirement line of a lock, before its markers and hashes.
LOCKED = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.MULTILINE)


def _name(name: str) -> str:
    """PEP 503's normal form: Django and django, pytest_django and pytest-django are one package."""
    return re.sub(r"[-_.]+", "-", name).lower()


def _pins(requirements: list[str]) -> dict[str, str]:
    pins = {}
    for requirement in requirements:
        name, _, version = requirement.partition("==")
        pins[_name(name.split("[")[0])] = version.strip()
    return pins


def _locked(path: str) -> dict[str, str]:
    return {_name(name): version for name, version in LOCKED.findall((BASE_DIR / path).read_text())}


def _entries(path: str) -> list[str]:
    """Each requirement of a lock with its continuation lines (its hashes)."""
    text = (BASE_DIR / path).read_text()
    return [entry for entry in re.split(r"\n(?=[A-Za-z0-9])", text) if LOCKED.match(entry)]


def test_the_lock_holds_every_pin_of_pyproject_with_its_extras_at_the_pinned_version():
    project = tomllib.loads((BASE_DIR / "pyproject.toml").read_text())["project"]
    pins = _pins(project["dependencies"] + project["optional-dependencies"]["test"]
                 + project["optional-dependencies"]["e2e"])
    locked = _locked("requirements/lock.txt")
    assert {name: (version, locked.get(name)) for name, version in pins.items() if locked.get(name) != version} == {}


def test_uv_is_locked_at_the_version_asked_for():
    assert _pins((BASE_DIR / "requirements/uv.in").read_text().split()) == _locked("requirements/uv.txt")


def test_every_locked_package_carries_its_hashes():
    for path in ("requirements/lock.txt", "requirements/uv.txt"):
        entries = _entries(path)
        assert entries
        assert [entry.split()[0] for entry in entries if "--hash=sha256:" not in entry] == []
