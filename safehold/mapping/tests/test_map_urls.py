from django.urls import reverse

from safehold.mapping.templatetags.map_urls import map_url


def test_map_url_gives_what_reverse_gives():
    for name, key in (("mapping:entry_edit", "entry_id"), ("mapping:entry_delete", "entry_id"),
                      ("mapping:stance_delete", "stance_id")):
        for ids in ((1, 2, 3), (77, 7, 777), (12345, 1, 7777777777 + 1)):
            case_id, map_id, obj_id = ids
            assert map_url(name, case_id, map_id, **{key: obj_id}) == reverse(
                name, kwargs={"case_id": case_id, "map_id": map_id, key: obj_id})
