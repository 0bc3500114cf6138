"""Is this page or PDF inert? Checks that nothing a user typed would run, and the XSS payloads.

``assert_inert`` parses a page and fails on scripts the page did not put there, event
handler attributes, script URLs, forbidden elements and meta refreshes; ``pdf_problems``
lists anything in a PDF that could run or go somewhere (JavaScript, URIs, launches).
"""

import io
import re
import zlib
from html.parser import HTMLParser

from django.conf import settings as django_settings

# --- The payloads -------------------------------------------------------------------------

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<iframe src=javascript:alert(1)></iframe>",
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    "javascript:alert(1)",
    "[click me](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<body onload=alert(1)>",
    "<<script>alert(1)//<</script>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "- <script>alert(1)</script>",
    "<style>body{display:none}</style>",
    '<script nonce="x">alert(1)</script>',
]


def chunks(payloads, limit, prefix=""):
    """Payloads packed into strings of at most `limit` characters (each string starting
    with `prefix`), so that short fields carry every payload between them."""
    out, current = [], prefix
    for payload in payloads:
        piece = payload[: limit - len(prefix)]
        if current != prefix and len(current) + 1 + len(piece) > limit:
            out.append(current)
            current = prefix
        current = f"{current} {piece}" if current != prefix else f"{prefix}{piece}"
    out.append(current)
    return out


ALL = "\n\n".join(XSS_PAYLOADS)  # every payload, one paragraph each, in each long field


def squash(text: str) -> str:
    """The text without white space: what was typed is found whatever the layout."""
    return re.sub(r"\s+", "", text)


# --- Is this HTML inert? ----------------------------------------------------------------

_SCHEME_JUNK = re.compile(r"[\x00-\x20\x7f]+")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "poster"}
FORBIDDEN_TAGS = {"iframe", "object", "embed", "base", "frame", "frameset", "applet"}


class _Inspector(HTMLParser):
    """Collects what would run: scripts, event-handler attributes, script URLs, text."""

    def __init__(self, nonce: str | None = None):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.problems: list[str] = []
        self.text: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            self._in_script = True
            src = attributes.get("src") or ""
            local = src.startswith(("/" + django_settings.STATIC_URL.lstrip("/"), "/static/"))
            nonce = attributes.get("nonce")
            if not local and not (nonce and (self.nonce is None or nonce == self.nonce)):
                self.problems.append(f"a script the page did not put there: {attrs}")
        if tag in FORBIDDEN_TAGS:
            self.problems.append(f"<{tag}> element: {attrs}")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append(f"meta refresh: {attrs}")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler attribute {name}={value!r} on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                scheme = _SCHEME_JUNK.sub("", value).lower()
                if scheme.startswith(("javascript:", "vbscript:", "data:text/html")):
                    self.problems.append(f"script URL {name}={value!r} on <{tag}>")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.problems.append(f"script content from user input: {data[:80]!r}")
        elif not self._in_script:
            self.text.append(data)


def inspect_html(html: str, csp: str | None = None) -> _Inspector:
    """Parse a page; `csp` is its Content-Security-Policy header, whose nonce is the
    only one a script may carry."""
    match = re.search(r"'nonce-([^']+)'", csp or "")
    inspector = _Inspector(nonce=match.group(1) if match else None)
    inspector.feed(html)
    inspector.close()
    return inspector


def assert_inert(html: str, where: str = "", csp: str | None = None) -> str:
    """Fail if the page would run anything the user typed; return the page's text."""
    inspector = inspect_html(html, csp)
    assert not inspector.problems, f"{where}: {inspector.problems[:5]}"
    # Belt and braces, beyond the parser: no raw tag from a payload survives unescaped.
    for raw in ("<script>alert", "<img src=x", "<svg onload", "<iframe"):
        assert raw not in html, f"{where}: unescaped {raw!r}"
    return "".join(inspector.text)


# --- Is this PDF inert? -----------------------------------------------------------------


PDF_BAD_KEYS = {"/JS", "/JavaScript", "/URI", "/Launch", "/SubmitForm", "/ImportData", "/AA"}
PDF_BAD_ACTIONS = {"/JavaScript", "/URI", "/Launch", "/SubmitForm", "/ImportData"}


def _pdf_object_problems(obj, depth=0) -> list[str]:
    """Bad keys and actions in one object and the direct objects nested in it."""
    import pikepdf

    problems = []
    if depth > 20:
        return problems
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        keys = set(obj.keys())
        problems += [f"key {key}" for key in sorted(PDF_BAD_KEYS & keys)]
        if str(obj.get("/S", "")) in PDF_BAD_ACTIONS:
            problems.append(f"action {obj.get('/S')}")
        children = [obj.get(key) for key in keys]
    elif isinstance(obj, pikepdf.Array):
        children = list(obj)
    else:
        return problems
    for child in children:
        if isinstance(child, pikepdf.Object) and not child.is_indirect:
            problems += _pdf_object_problems(child, depth + 1)
    return problems


def pdf_problems(pdf_bytes: bytes) -> list[str]:
    """Anything in the PDF that could run or go somewhere: JavaScript, URIs, launches."""
    import pikepdf

    problems = []
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        # Every indirect object, those inside object streams included, and what they nest
        for obj in pdf.objects:
            problems += _pdf_object_problems(obj)
            if isinstance(obj, pikepdf.Stream):
                try:
                    data = obj.read_bytes()  # decompressed
                except pikepdf.PdfError:
                    continue
                if re.search(rb"/(JavaScript|JS|URI|Launch)\b", data):
                    problems.append("a stream naming /JavaScript, /JS, /URI or /Launch")
        names = pdf.Root.get("/Names")
        if names is not None and "/JavaScript" in names.keys():
            problems.append("document-level JavaScript")
        if "/OpenAction" in pdf.Root.keys():
            problems.append("/OpenAction")
    # And the raw file, its Flate streams inflated, for anything pikepdf did not list
    raw = pdf_bytes
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf_bytes, re.S):
        try:
            raw += zlib.decompress(match.group(1))
        except zlib.error:
            pass
    if re.search(rb"/JavaScript|/JS\b|/Launch\b|/URI\b", raw):
        problems.append("raw bytes name /JavaScript, /JS, /URI or /Launch")
    return problems
