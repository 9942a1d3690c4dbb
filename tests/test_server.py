"""kg serve: the SPARQL 1.1 Protocol over HTTP, started as a real process."""

import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests_helpers import free_port, running


@pytest.fixture(scope="module")
def endpoint(built):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    cmd = [sys.executable, "-m", "kg", "serve", "--store", str(built[0] / "store"), "--port", str(port),
           "--timeout", "2", "--max-results", "50"]
    with running(cmd, base + "/", cwd=built[0]):
        yield base


def request(url, data=None, headers=None, method=None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.headers.get("Content-Type"), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type"), e.read().decode("utf-8")


PEOPLE = "SELECT ?name WHERE { ?p a kgo:Person ; rdfs:label ?name } ORDER BY ?name"


def get(base, query, accept="*/*"):
    return request(f"{base}/query?{urllib.parse.urlencode({'query': query})}", headers={"Accept": accept})


def test_get_and_post_forms_agree(endpoint):
    s1, t1, b1 = get(endpoint, PEOPLE, "application/sparql-results+json")
    s2, t2, b2 = request(endpoint + "/query", urllib.parse.urlencode({"query": PEOPLE}).encode(),
                         {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"})
    s3, t3, b3 = request(endpoint + "/query", PEOPLE.encode(),
                         {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert s1 == s2 == s3 == 200
    assert t1 == t2 == t3 == "application/sparql-results+json"
    assert b1 == b2 == b3
    names = [b["name"]["value"] for b in json.loads(b1)["results"]["bindings"]]
    assert "白玛赤林" in names and "段志刚" in names


@pytest.mark.parametrize("accept, ctype, check", [
    ("application/sparql-results+xml", "application/sparql-results+xml", lambda b: b.startswith("<?xml") and "白玛赤林" in b),
    ("text/csv", "text/csv; charset=utf-8", lambda b: b.splitlines()[0] == "name" and "白玛赤林" in b),
    ("text/tab-separated-values", "text/tab-separated-values; charset=utf-8", lambda b: b.splitlines()[0] == "?name" and '"白玛赤林"@zh' in b),
    ("text/csv;q=0.5, application/sparql-results+json", "application/sparql-results+json", lambda b: "bindings" in b),
])
def test_content_negotiation(endpoint, accept, ctype, check):
    status, t, body = get(endpoint, PEOPLE, accept)
    assert (status, t) == (200, ctype)
    assert check(body)


def test_construct_as_turtle(endpoint):
    status, t, body = get(endpoint, "CONSTRUCT { ?d a kgo:Document } WHERE { ?d a kgo:Document }", "text/turtle")
    assert (status, t) == (200, "text/turtle; charset=utf-8")
    assert "kgo:Document" in body


def test_update_is_refused(endpoint):
    status, _, body = request(endpoint + "/query", b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
                              {"Content-Type": "application/sparql-update"})
    assert status == 403 and "read-only" in body
    status, _, _ = request(endpoint + "/update", urllib.parse.urlencode({"update": "CLEAR ALL"}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 403
    status, _, _ = request(endpoint + "/query", b"x", method="PUT")
    assert status == 405


def test_malformed_query_is_400_with_a_message(endpoint):
    status, _, body = get(endpoint, "SELEC ?x WHERE {")
    assert status == 400
    assert body.startswith("malformed SPARQL: ")


def test_result_size_limit(endpoint):
    status, _, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and "LIMIT" in body
    status, _, _ = get(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 50")
    assert status == 200


def test_timeout_stops_the_query_and_the_server_goes_on(endpoint):
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.time()
    status, _, body = get(endpoint, heavy)
    assert status == 503 and "stopped" in body
    assert time.time() - started < 10
    assert get(endpoint, "ASK { ?s a kgo:Document }", "application/sparql-results+json")[2].strip() == '{"head":{},"boolean":true}'


def test_other_paths_and_the_query_page(endpoint):
    assert request(endpoint + "/nope")[0] == 404
    assert get(endpoint, PEOPLE, "image/png")[0] == 406
    status, t, body = request(endpoint + "/")
    assert status == 200 and t.startswith("text/html")
    assert "http://" not in body.replace("http://www.w3.org", "") and "https://" not in body


def test_serving_a_build_indexes_its_store_first(tmp_path, sample_path):
    from kg.build import build
    from kg.server import prepare_store
    from kg.store import needs_index

    build([sample_path], tmp_path, html=False)
    assert needs_index(tmp_path / "store")
    db, tmp = prepare_store(str(tmp_path / "store"))
    assert tmp is None and db == str(tmp_path / "store" / "db")
    assert not needs_index(tmp_path / "store")
