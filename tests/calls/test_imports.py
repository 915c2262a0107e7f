"""Importers of real open data: each sample imports, a second import changes nothing, a changed
record updates, staff's curated fields survive, a malformed record is refused with its reason while
the rest import."""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from calls.importers.records import amount, moment
from calls.models import FundingCall, ImportRun
from calls.services.imports import calls_import

pytestmark = pytest.mark.django_db

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"
HERE = Path(__file__).parent / "data"
INCENTIVI = SHARED / "incentivi" / "sample.json"
PAD_JSON = SHARED / "padigitale2026" / "avvisi.json"
PAD_CSV = SHARED / "padigitale2026" / "avvisi.csv"
needs_shared = pytest.mark.skipif(not INCENTIVI.exists(), reason="../shared/data is not here")


def _import(source, path_or_bytes):
    data = path_or_bytes if isinstance(path_or_bytes, bytes) else Path(path_or_bytes).read_bytes()
    return calls_import(source=source, file=io.BytesIO(data))


@needs_shared
def test_the_incentivi_sample_imports_and_a_second_import_changes_nothing():
    docs = json.loads(INCENTIVI.read_text())["response"]["docs"]
    run = _import("incentivi", INCENTIVI)
    assert (run.created, run.refused) == (len(docs), 0)
    first = {c.source_id: c.updated_at for c in FundingCall.objects.all()}
    again = _import("incentivi", INCENTIVI)
    assert (again.created, again.updated, again.unchanged) == (0, 0, len(docs))
    assert {c.source_id: c.updated_at for c in FundingCall.objects.all()} == first
    interreg = FundingCall.objects.get(source="incentivi", source_id="1170")
    assert interreg.max_amount == Decimal("1000000") and interreg.max_amount_raw == "1000000"
    assert interreg.abroad and set(interreg.regions.values_list("code", flat=True)) == {
        "04",
        "05",
        "06",
    }  # Trentino-Alto Adige/Südtirol, Veneto, Friuli-Venezia Giulia
    assert "cooperatives" in interreg.beneficiaries.values_list("code", flat=True)
    assert interreg.all_sectors and interreg.sizes == ["micro", "small", "medium", "large"]


@needs_shared
def test_a_changed_record_updates_and_curated_fields_survive():
    data = json.loads(INCENTIVI.read_text())
    _import("incentivi", json.dumps(data).encode())
    call = FundingCall.objects.get(source="incentivi", source_id="1170")
    call.summary = "Sintesi scritta dallo staff"
    call.curated_fields = ["summary"]
    call.save()
    doc = next(d for d in data["response"]["docs"] if d["ID_Incentivo"] == "1170")
    doc["Descrizione"] = "Nuova descrizione"
    doc["Stanziamento_incentivo"] = "20000000"
    run = _import("incentivi", json.dumps(data).encode())
    assert (run.updated, run.unchanged) == (1, len(data["response"]["docs"]) - 1)
    call.refresh_from_db()
    assert call.total_budget == Decimal("20000000")
    assert call.summary == "Sintesi scritta dallo staff"
    assert "Nuova descrizione" in call.body


@needs_shared
def test_a_malformed_record_is_refused_with_its_reason_while_the_rest_import():
    data = json.loads(INCENTIVI.read_text())
    docs = data["response"]["docs"]
    docs[0] = {**docs[0], "Data_chiusura": "31 febbraio"}
    docs[1] = {key: value for key, value in docs[1].items() if key != "ID_Incentivo"}
    docs[2] = {key: value for key, value in docs[2].items() if key != "Data_chiusura"}
    run = _import("incentivi", json.dumps(data).encode())
    assert (run.created, run.refused) == (len(docs) - 2, 2)
    reasons = [r["reason"] for r in run.refusals]
    assert any("Data_chiusura" in reason for reason in reasons)
    assert any("id" in reason for reason in reasons)
    open_ended = FundingCall.objects.get(source_id=docs[2]["ID_Incentivo"])
    assert open_ended.deadlines.count() == 0  # open until funds run out, not refused


@needs_shared
@pytest.mark.parametrize("path", [PAD_JSON, PAD_CSV])
def test_the_padigitale_samples_import_and_are_the_same_calls(path):
    rows = json.loads(PAD_JSON.read_text())
    run = _import("padigitale", path)
    assert run.created + run.refused == len(rows) and run.refused == 0
    other = PAD_CSV if path == PAD_JSON else PAD_JSON
    assert _import("padigitale", other).unchanged == len(rows)


def test_the_sedia_fixture_imports_with_several_cut_offs():
    results = json.loads((HERE / "sedia_sample.json").read_text())["results"]
    run = _import("sedia", HERE / "sedia_sample.json")
    assert (run.created, run.refused) == (len(results) - 1, 1)
    assert "deadlineDate" in run.refusals[0]["reason"]
    horizon = FundingCall.objects.get(source="sedia", source_id="HORIZON-CL2-2027-TRANSFO-01")
    assert horizon.deadlines.count() == 2 and horizon.status == "forthcoming"
    crea = FundingCall.objects.get(source_id="CREA-CULT-2026-COOP-1")
    assert (crea.min_amount, crea.max_amount) == (Decimal("100000"), Decimal("1000000"))
    assert "<" not in crea.body and "alert" not in crea.body
    assert crea.funder_type == "eu" and crea.whole_italy and crea.abroad


def test_the_documented_csv_imports_italian_numbers_and_dates():
    run = _import("csv", HERE / "calls_sample.csv")
    assert (run.created, run.refused) == (2, 2)
    welfare = FundingCall.objects.get(source="csv", source_id="FC-2026-01")
    assert (welfare.min_amount, welfare.max_amount) == (Decimal("20000"), Decimal("150000"))
    assert welfare.min_amount_raw == "20.000,00 €" and welfare.cofinancing_rate == Decimal(30)
    assert welfare.deadlines.count() == 2
    assert set(welfare.provinces.values_list("sigla", flat=True)) == {"NO", "VB"}
    lazio = FundingCall.objects.get(source_id="RL-2026-07")
    assert lazio.total_budget == Decimal("1500000") and lazio.min_amount is None
    assert {r["id"] for r in run.refusals} == {"FN-2026-03", "FN-2026-04"}
    assert _import("csv", HERE / "calls_sample.csv").unchanged == 2


def test_unknown_codes_and_bad_files_are_refused_clearly():
    csv_text = "id,titolo,settori,regioni\nX1,Uno,ZZ,\nX2,Due,,Atlantide\nX3,Tre,A,Lazio\n"
    run = _import("csv", csv_text.encode())
    assert run.created == 1 and run.refused == 2
    assert sorted(r["id"] for r in run.refusals) == ["X1", "X2"]
    failed = _import("incentivi", b"not json")
    assert failed.status == ImportRun.Status.FAILED and "JSON" in failed.error
    assert _import("csv", b"nome,altro\n1,2\n").status == ImportRun.Status.FAILED
    assert _import("sedia", b'{"results": 3}').status == ImportRun.Status.FAILED
    assert FundingCall.objects.count() == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.000.000,00 €", "1000000"),
        ("EUR 200 000", "200000"),
        ("4,5 milioni", "4500000"),
        ("fino a 50.000 euro", "50000"),
        ("18000000", "18000000"),
        ("1,000,000.50", "1000000.50"),
        ("non indicato", None),
    ],
)
def test_amounts_as_sources_write_them(text, expected):
    value, raw = amount(text, field_label="x")
    assert raw == text
    assert value == (Decimal(expected) if expected else None)


def test_dates_as_sources_write_them():
    assert moment("31/12/2026", field_label="x", end_of_day=True).strftime("%H:%M") == "23:59"
    assert moment("2026-10-06T13:00:00.000+0000", field_label="x").utcoffset().total_seconds() == 0
    assert moment("", field_label="x") is None


def test_the_command_reports_and_fails_on_an_unreadable_file(capsys, tmp_path):
    call_command("import_calls", "--source", "csv", str(HERE / "calls_sample.csv"))
    out = capsys.readouterr().out
    assert "2 created, 0 updated, 0 unchanged, 2 refused" in out
    assert "FN-2026-04" in out and "above the maximum" in out
    broken = tmp_path / "rotto.json"
    broken.write_text("{")
    with pytest.raises(CommandError):
        call_command("import_calls", "--source", "sedia", str(broken))
    with pytest.raises(CommandError):
        call_command("import_calls", "--source", "sedia", str(tmp_path / "assente.json"))
