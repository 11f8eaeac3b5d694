#!/usr/bin/env python3
"""Writes holidays.txt: the national public holidays of the countries shipmate's delivery
estimates count business days in, from the maintained `holidays` package (python-holidays,
MIT licence, https://github.com/vacanza/holidays).

    pip install holidays==0.109 && python3 data/holidays/generate.py > data/holidays/holidays.txt

One line per country and year: `CC YYYY MMDD MMDD ...` (national holidays only, no
regional ones; days that fall on a weekend are listed too, the reader ignores them)."""

import holidays

COUNTRIES = [
    "AR", "AT", "AU", "BE", "BR", "CA", "CH", "CL", "CO", "CZ", "DE", "DK", "ES", "FI",
    "FR", "GB", "IE", "IN", "IT", "JP", "MX", "NL", "NO", "NZ", "PE", "PL", "PT", "SE",
    "US", "ZA",
]
YEARS = range(2015, 2036)

print(f"# python-holidays {holidays.__version__}: national public holidays, {YEARS.start}-{YEARS.stop - 1}")
for code in COUNTRIES:
    for year in YEARS:
        days = sorted(holidays.country_holidays(code, years=year))
        print(code, year, " ".join(d.strftime("%m%d") for d in days))
