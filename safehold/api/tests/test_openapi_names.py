"""Every schema class of the API has a name of its own. django-ninja files each class under its name in the OpenAPI
components, so of two classes with one name the last one described both: the answers about a placement's contact
visits, a safety plan's contacts and agreements, a meeting's agreements and a placement in the network's circles
were described by another tool's class (found by the fuzz test, test_fuzz.py)."""

from collections import Counter

from ninja import Schema

from safehold.api.urls import api


def _all_subclasses(cls: type) -> set[type]:
    direct = set(cls.__subclasses__())
    return direct.union(*(_all_subclasses(sub) for sub in direct))


def test_no_two_schema_classes_of_the_api_share_a_name():
    api.get_openapi_schema()  # imports every router, and so every schema module
    ours = [cls for cls in _all_subclasses(Schema) if cls.__module__.startswith("safehold.")
            and ".tests." not in cls.__module__]
    names = Counter(cls.__name__ for cls in ours)
    shared = {name: sorted(cls.__module__ for cls in ours if cls.__name__ == name)
              for name, count in names.items() if count > 1}
    assert shared == {}


def test_each_answer_refers_to_a_component_of_its_own_class():
    components = api.get_openapi_schema()["components"]["schemas"]
    assert "properties" in components["VisitOut"] and "placement" in components["VisitOut"]["properties"]
    assert "agency" in components["PlanAgreementOut"]["properties"]
