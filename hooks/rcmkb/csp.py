"""The Content-Security-Policy every page carries, as a <meta> element: the second wall behind
escaping and sanitizing. Scripts run only from the site itself, or inline when their exact text
was emitted by the theme or the build (each allowed by its SHA-256 hash, computed from the
finished page). No 'unsafe-inline' and no 'unsafe-eval' for scripts, and no other origin for
anything: a script that slipped into a page through the data would not run.
"""
from __future__ import annotations

import base64
import hashlib
import re


# Script elements whose content the browser executes (no type, or a JavaScript type); JSON data
# blocks such as Material's <script id="__config" type="application/json"> never run.
_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
_CHARSET = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.I)
MARKER = 'http-equiv="Content-Security-Policy"'

# The inline scripts the theme (Material for MkDocs 9.8) emits, whole: only these are hashed into
# the policy. A script anywhere else in a page, however it got there, is not allowed to run. When
# the theme changes them, tests/browser/test_csp.py reports the violation; add the new form here.
THEME_SCRIPTS = [
    re.compile(re.escape('__md_scope=new URL("') + r'[A-Za-z0-9./_~%-]*' + re.escape(
        '",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),__md_get=(e,'
        '_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),__md_set=(e,_,t='
        'localStorage,a=__md_scope)=>{try{t.setItem(a.pathname+"."+e,JSON.stringify(_))}catch(e){}}')),
    re.compile(re.escape('var target=document.getElementById(location.hash.slice(1));target&&'
                         'target.name&&(target.checked=target.name.startsWith("__tabbed_"))')),
    # partials/javascripts/palette.html: the light/dark palette the reader chose, before paint.
    re.compile(re.escape(
        'var palette=__md_get("__palette");if(palette&&palette.color){if("(prefers-color-scheme)"'
        '===palette.color.media){var media=matchMedia("(prefers-color-scheme: light)"),input=document'
        '.querySelector(media.matches?"[data-md-color-media=\'(prefers-color-scheme: light)\']":"[data-'
        'md-color-media=\'(prefers-color-scheme: dark)\']");palette.color.media=input.getAttribute("data'
        '-md-color-media"),palette.color.scheme=input.getAttribute("data-md-color-scheme"),palette.'
        'color.primary=input.getAttribute("data-md-color-primary"),palette.color.accent=input.'
        'getAttribute("data-md-color-accent")}for(var[key,value]of Object.entries(palette.color))'
        'document.body.setAttribute("data-md-color-"+key,value)}')),
]


def inline_hashes(html: str) -> list[str]:
    """'sha256-...' for each inline theme script in the page, in page order, no repeats."""
    out: list[str] = []
    for m in _SCRIPT.finditer(html):
        attrs = m.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = _TYPE.search(attrs)
        if kind and kind.group(1).lower() not in _JS_TYPES:
            continue
        if not any(p.fullmatch(m.group("body")) for p in THEME_SCRIPTS):
            continue
        digest = base64.b64encode(hashlib.sha256(m.group("body").encode("utf-8")).digest()).decode()
        if f"'sha256-{digest}'" not in out:
            out.append(f"'sha256-{digest}'")
    return out


def policy(html: str) -> str:
    scripts = " ".join(["'self'", *inline_hashes(html)])
    return "; ".join([
        "default-src 'self'",
        f"script-src {scripts}",
        "worker-src 'self'",
        "style-src 'self' 'unsafe-inline'",     # the theme and the charts set inline styles
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ])


def protect(html: str) -> str:
    """The page with its policy as the first element after <meta charset>, before any script."""
    if MARKER in html:
        raise ValueError("the page already has a Content-Security-Policy")
    meta = f'<meta {MARKER} content="{policy(html).replace(chr(34), "&quot;")}">'
    m = _CHARSET.search(html)
    if m:
        return html[: m.end()] + "\n    " + meta + html[m.end():]
    head = re.search(r"<head\b[^>]*>", html, re.I)
    if not head:
        raise ValueError("the page has no <head> to hold its Content-Security-Policy")
    return html[: head.end()] + meta + html[head.end():]
