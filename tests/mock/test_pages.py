"""Customer list pagination: offset meta, perPage echo, date filters, newest first, cursors."""

from __future__ import annotations

import base64

import pytest

from paystack_contracts.mock import MockSettings


@pytest.fixture
def seeded(make_client):
    return make_client(MockSettings(seed_customers=7, random_seed=1))


def test_list_is_newest_first_with_offset_meta(seeded):
    response = seeded.get("/customer", params={"perPage": 3, "page": 2})
    body = response.json()
    assert (response.status_code, body["message"]) == (200, "Customers retrieved")
    assert body["meta"] == {"total": 7, "skipped": 3, "perPage": 3, "page": 2, "pageCount": 3}
    ids = [item["id"] for item in body["data"]]
    assert ids == sorted(ids, reverse=True)
    assert len(ids) == 3
    assert body["data"][0]["email"] == "customer4@example.com"


@pytest.mark.parametrize(
    ("as_sent", "query", "echoed"),
    [(False, "", 50), (False, "?perPage=5", 5), (True, "", 50), (True, "?perPage=5", "5")],
)
def test_per_page_is_an_integer_unless_the_setting_echoes_the_string_sent(make_client, as_sent, query, echoed):
    client = make_client(MockSettings(per_page_as_sent=as_sent))
    assert client.get(f"/customer{query}").json()["meta"]["perPage"] == echoed


def test_an_empty_list_has_total_zero(client):
    body = client.get("/customer").json()
    assert (body["data"], body["meta"]["total"], body["meta"]["pageCount"]) == ([], 0, 0)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"perPage": "many"}, '"perPage" must be a number'),
        ({"perPage": "0"}, '"perPage" must be greater than or equal to 1'),
        ({"page": "-1"}, '"page" must be greater than or equal to 1'),
        ({"from": "yesterday"}, '"from" must be a valid date'),
        ({"use_cursor": "maybe"}, '"use_cursor" must be a boolean'),
        ({"to": ""}, '"to" must be a valid date'),
    ],
)
def test_bad_list_parameters_are_400(seeded, query, message):
    response = seeded.get("/customer", params=query)
    assert (response.status_code, response.json()["message"]) == (400, message)


def test_from_and_to_accept_dates_and_date_times(seeded):
    everyone = seeded.get("/customer").json()["data"]
    middle = everyone[3]["createdAt"]
    after = seeded.get("/customer", params={"from": middle}).json()
    assert after["meta"]["total"] == 4
    assert seeded.get("/customer", params={"to": "2000-01-01"}).json()["meta"]["total"] == 0
    today = middle[:10]
    assert seeded.get("/customer", params={"from": today, "to": today}).json()["meta"]["total"] >= 1


def test_cursor_mode_walks_all_pages_and_back(seeded):
    page = seeded.get("/customer", params={"use_cursor": "true", "perPage": 3}).json()
    assert page["meta"]["previous"] is None
    assert base64.b64decode(page["meta"]["next"]).decode() == f"customer:{page['data'][-1]['id']}"
    seen = [item["id"] for item in page["data"]]
    while page["meta"]["next"]:
        page = seeded.get("/customer", params={"use_cursor": "true", "perPage": 3, "next": page["meta"]["next"]}).json()
        seen += [item["id"] for item in page["data"]]
    assert len(seen) == 7 == len(set(seen))
    assert seen == sorted(seen, reverse=True)
    back = seeded.get("/customer", params={"use_cursor": "true", "perPage": 3, "previous": page["meta"]["previous"]})
    assert [item["id"] for item in back.json()["data"]] == seen[3:6]


@pytest.mark.parametrize("cursor", ["%%%", "bnVsbA==", "null", base64.b64encode(b"customer:x").decode()])
def test_an_unreadable_cursor_is_ignored(seeded, cursor):
    page = seeded.get("/customer", params={"use_cursor": "true", "perPage": 2, "next": cursor}).json()
    assert [item["email"] for item in page["data"]] == ["customer7@example.com", "customer6@example.com"]


def test_a_docs_style_undefined_cursor_is_read(seeded):
    first = seeded.get("/customer", params={"perPage": 1}).json()["data"][0]
    cursor = base64.b64encode(f"undefined:{first['id']}".encode()).decode()
    page = seeded.get("/customer", params={"use_cursor": "true", "perPage": 1, "next": cursor}).json()
    assert page["data"][0]["id"] == first["id"] - 1


def test_max_per_page_clamps_when_set(make_client):
    client = make_client(MockSettings(seed_customers=5, max_per_page=2))
    assert len(client.get("/customer?perPage=10").json()["data"]) == 2
