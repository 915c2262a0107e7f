import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from coopportal.core.uploads import DOCUMENTS, validate_upload

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def zipped(*entries, mimetype=None):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if mimetype:
            archive.writestr(zipfile.ZipInfo("mimetype"), mimetype)  # stored, first: ODF rule
        for name in entries:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


DOCX = zipped("[Content_Types].xml", "_rels/.rels", "word/document.xml")
XLSX = zipped("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml")
ODT = zipped("content.xml", mimetype="application/vnd.oasis.opendocument.text")
ODS = zipped("content.xml", mimetype="application/vnd.oasis.opendocument.spreadsheet")
ZIP = zipped("notes.txt")


def upload(name, content):
    return SimpleUploadedFile(name, content)


def check(name, content, max_bytes=10_000):
    return validate_upload(upload(name, content), allowed=DOCUMENTS, max_bytes=max_bytes)


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("regolamento.pdf", PDF, "application/pdf"),
        ("REGOLAMENTO.PDF", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("foto.jpg", JPEG, "image/jpeg"),
        ("foto.jpeg", JPEG, "image/jpeg"),
        (
            "programma.docx",
            DOCX,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("budget.xlsx", XLSX, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("verbale.odt", ODT, "application/vnd.oasis.opendocument.text"),
        ("conti.ods", ODS, "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_validate_upload_accepts_real_files_and_returns_the_sniffed_type(name, content, mime):
    assert check(name, content) == mime


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("programma.pdf", EXE, "content_mismatch"),  # an .exe renamed .pdf
        ("programma.pdf", HTML, "content_mismatch"),  # an HTML page renamed .pdf
        ("foto.pdf", PNG, "content_mismatch"),  # a real type, but not the one the name says
        ("documento.docx", ZIP, "content_mismatch"),  # a plain zip is not a Word file
        ("documento.odt", DOCX, "content_mismatch"),
        ("programma.exe", EXE, "extension"),
        ("pagina.html", HTML, "extension"),
        ("senza-estensione", PDF, "extension"),
        ("vuoto.pdf", b"", "empty"),
    ],
)
def test_validate_upload_refuses_disguised_or_unknown_files(name, content, code):
    with pytest.raises(ValidationError) as caught:
        check(name, content)
    assert caught.value.code == code
    assert caught.value.messages[0]


def test_validate_upload_refuses_files_over_the_limit():
    with pytest.raises(ValidationError) as caught:
        check("grande.pdf", PDF + b"0" * 200, max_bytes=100)
    assert caught.value.code == "too_large"


def test_validate_upload_leaves_the_file_ready_to_be_read():
    file = upload("regolamento.pdf", PDF)
    validate_upload(file, allowed=DOCUMENTS, max_bytes=10_000)
    assert file.read() == PDF


def test_validate_upload_takes_only_what_the_caller_allows():
    with pytest.raises(ValidationError):
        validate_upload(upload("foto.png", PNG), allowed={"application/pdf": {"pdf"}}, max_bytes=99)
