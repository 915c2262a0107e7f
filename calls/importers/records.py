"""What every reader produces, and the parsing they share: Italian and plain numbers, dates,
regions by name, enterprise sizes."""

import hashlib
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

MAX_AMOUNT = Decimal("1e13")


class ImportFileError(Exception):
    """The file as a whole cannot be read (not JSON, not CSV, not the source's envelope)."""


class Refused(Exception):
    """One record refused, with a reason that names the field."""

    def __init__(self, reason, *, source_id="", title=""):
        super().__init__(reason)
        self.reason = reason
        self.source_id = source_id
        self.title = title


@dataclass
class CallRecord:
    """A call as a source describes it, in the catalogue's terms (None or empty: not known)."""

    source_id: str
    title: str
    funder: str = ""
    funder_type: str = ""
    link: str = ""
    summary: str = ""
    body: str = ""
    aid_form: str = ""
    min_amount: Decimal | None = None
    min_amount_raw: str = ""
    max_amount: Decimal | None = None
    max_amount_raw: str = ""
    total_budget: Decimal | None = None
    total_budget_raw: str = ""
    cofinancing_rate: Decimal | None = None
    cofinancing_raw: str = ""
    opens_at: datetime | None = None
    deadlines: list = field(default_factory=list)  # [(aware datetime, label)]
    all_sectors: bool = False
    sectors: list = field(default_factory=list)  # ATECO section letters
    sectors_raw: str = ""
    whole_italy: bool = False
    abroad: bool = False
    regions: list = field(default_factory=list)  # ISTAT region codes
    provinces: list = field(default_factory=list)  # sigle
    territory_raw: str = ""
    beneficiaries: list = field(default_factory=list)  # Beneficiary codes
    beneficiaries_raw: str = ""
    sizes: list = field(default_factory=list)  # EnterpriseSize values
    source_updated_at: datetime | None = None
    raw: dict = field(default_factory=dict)

    def check(self):
        """Refuse what the catalogue cannot hold; returns the record."""
        if not self.source_id:
            raise Refused(_("No id: the source's id of the call is missing."), title=self.title)
        if not self.title:
            raise Refused(_("No title."), source_id=self.source_id)
        if self.link:
            try:
                URLValidator(schemes=["http", "https"])(self.link)
            except ValidationError:
                raise Refused(
                    _("The link is not a web address: %(link)s") % {"link": self.link[:200]},
                    source_id=self.source_id,
                    title=self.title,
                ) from None
        if (
            self.min_amount is not None
            and self.max_amount is not None
            and self.min_amount > self.max_amount
        ):
            raise Refused(
                _("The minimum amount (%(min)s) is above the maximum (%(max)s).")
                % {"min": self.min_amount_raw, "max": self.max_amount_raw},
                source_id=self.source_id,
                title=self.title,
            )
        self.title = self.title[:500]
        self.source_id = self.source_id[:200]
        return self

    def fingerprint(self) -> str:
        """A hash of everything the record says (an unchanged record is left alone)."""
        data = asdict(self)
        data.pop("raw", None)
        text = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()


def text(value) -> str:
    """A source's value as clean text (lists joined with "; ")."""
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(text(item) for item in value if text(item))
    return " ".join(str(value).split())


def as_list(value) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [text(item) for item in value if text(item)]
    return [part.strip() for part in str(value).split(";") if part.strip()]


NUMBER = re.compile(r"\d[\d.,\s\u00a0']*")
MILLIONS = re.compile(r"\b(milion[ei]|mln|mio|million)\b", re.IGNORECASE)
THOUSANDS = re.compile(r"\b(mila|k)\b", re.IGNORECASE)


def amount(value, *, field_label, source_id="", title="") -> tuple[Decimal | None, str]:
    """(euros, raw text) from a number or a text such as "1.000.000,00 €", "EUR 200 000",
    "4,5 milioni" or "fino a 50.000 euro"; (None, raw) when the text says no number; a number that
    makes no sense (negative, absurd) refuses the record."""
    if value is None or value == "":
        return None, ""
    raw = text(value)[:300]
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        number = Decimal(str(value))
    else:
        found = NUMBER.search(raw)
        if not found:
            return None, raw
        number = _number(found.group(0).strip())
        if number is None:
            return None, raw
        if MILLIONS.search(raw):
            number *= 1_000_000
        elif THOUSANDS.search(raw):
            number *= 1000
        if raw.lstrip().startswith("-"):
            number = -number
    if not number.is_finite() or number < 0 or number >= MAX_AMOUNT:
        raise Refused(
            _("%(field)s is not a sensible amount: %(value)s")
            % {"field": field_label, "value": raw},
            source_id=source_id,
            title=title,
        )
    return number.quantize(Decimal("0.01")), raw


def _number(digits: str) -> Decimal | None:
    """'1.000.000,50' (Italian), '1,000,000.50' (English), '200 000', '18000000' → Decimal."""
    digits = digits.replace("\u00a0", " ").replace("'", "").strip().rstrip(".,")
    digits = digits.replace(" ", "")
    if "," in digits and "." in digits:
        if digits.rfind(",") > digits.rfind("."):  # Italian: dots for thousands
            digits = digits.replace(".", "").replace(",", ".")
        else:
            digits = digits.replace(",", "")
    elif "," in digits:
        head, _sep, tail = digits.rpartition(",")
        digits = digits.replace(",", "") if len(tail) == 3 and head else digits.replace(",", ".")
    elif digits.count(".") > 1 or (digits.count(".") == 1 and len(digits.split(".")[1]) == 3):
        digits = digits.replace(".", "")
    try:
        return Decimal(digits)
    except InvalidOperation:
        return None


DATE_FORMATS = (
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
)


def moment(value, *, field_label, end_of_day=False, source_id="", title="") -> datetime | None:
    """An aware datetime from an ISO date-time ("…Z", "+0000"), a date ("2026-12-31") or an
    Italian date ("31/12/2026"); a bare date is the start of that day in Rome, or its last minute
    with `end_of_day` (a deadline "31/12" means until that evening). Empty: None; unreadable:
    the record is refused."""
    raw = text(value)
    if not raw:
        return None
    cleaned = raw.replace("Z", "+0000")
    cleaned = re.sub(r"([+-]\d\d):(\d\d)$", r"\1\2", cleaned)
    for fmt in DATE_FORMATS:
        try:
            parsed = datetime.strptime(cleaned, fmt)
        except ValueError:
            continue
        if "H" not in fmt:
            parsed = datetime.combine(parsed.date(), time(23, 59) if end_of_day else time.min)
        if parsed.tzinfo is None:
            parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
        if not date(1990, 1, 1) <= parsed.date() <= date(2100, 1, 1):
            break
        return parsed
    raise Refused(
        _("%(field)s is not a date: %(value)s") % {"field": field_label, "value": raw[:60]},
        source_id=source_id,
        title=title,
    )


def folded(name: str) -> str:
    """A name without accents, case and punctuation, for matching ("Valle d'Aosta/Vallée
    d'Aoste" → "valle d aosta vallee d aoste")."""
    name = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def region_codes(names, regions_by_name) -> tuple[list[str], bool, list[str]]:
    """(ISTAT codes, abroad?, names not recognised) for a list of region names, bilingual and
    short forms alike."""
    codes, abroad, unknown = [], False, []
    for name in names:
        key = folded(name)
        if key in ("estero", "abroad", "paesi esteri"):
            abroad = True
            continue
        code = regions_by_name.get(key)
        if code is None:  # "Trentino-Alto Adige" for "Trentino-Alto Adige/Südtirol"
            code = next(
                (c for n, c in regions_by_name.items() if n.startswith(key) or key.startswith(n)),
                None,
            )
        if code is None:
            unknown.append(name)
        elif code not in codes:
            codes.append(code)
    return codes, abroad, unknown


def regions_by_name() -> dict[str, str]:
    from coopportal.accounts.models import Region

    names = {}
    for code, name in Region.objects.values_list("code", "name"):
        names[folded(name)] = code
        for part in name.split("/"):
            names.setdefault(folded(part), code)
    return names


SIZES = {
    "microimpresa": "micro",
    "micro impresa": "micro",
    "micro": "micro",
    "piccola impresa": "small",
    "piccola": "small",
    "small": "small",
    "media impresa": "medium",
    "media": "medium",
    "medium": "medium",
    "grande impresa": "large",
    "grande": "large",
    "large": "large",
}


def size_codes(names) -> list[str]:
    found = []
    for name in names:
        code = SIZES.get(folded(name))
        if code and code not in found:
            found.append(code)
    return found
