"""Dates, money, shares and numerals are written in one place (rcmkb/formats.py), through babel
and roman."""
from __future__ import annotations

import sys
from decimal import Decimal

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
from rcmkb import formats  # noqa: E402


def test_roman_numerals_must_be_canonical():
    assert formats.roman("XXI") == 21 and formats.roman("xxii") == 22 and formats.roman("IX") == 9
    for wrong in ("IIII", "VX", "IC", "XXIIII", "ABC", ""):
        assert formats.roman(wrong) is None, wrong
    assert formats.numeral(24) == "XXIV"


def test_money_and_shares():
    assert formats.money(30650000) == "$306,500.00"
    assert formats.money(-105) == "-$1.05"
    assert formats.money(None) == ""
    assert formats.percent(Decimal("25.65")) == "25.7%"      # half up, as a reader rounds
    assert formats.percent(Decimal("100")) == "100.0%"
    assert formats.plain_amount(30650001) == "306500.01"


def test_dates_at_the_precision_of_the_source():
    assert formats.when("2016-11-17", "2016-11-18") == "17-18 November 2016"
    assert formats.when("2016-11-30", "2016-12-01") == "30 November 2016 - 1 December 2016"
    assert formats.meeting_dates("2016-11-30", "2016-12-01") == "30 November - 1 December 2016"
    assert formats.meeting_dates("2016-12-30", "2017-01-02") == "30 December 2016 - 2 January 2017"
    assert formats.meeting_dates("1996-03", None) == "March 1996"
    assert formats.meeting_dates("1996", None) == "1996"
    assert formats.real_date("2016-02-30") is None
