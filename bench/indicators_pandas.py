"""The indicators of CONTRACT §5 computed with pandas from the plain CSV exports of
`./volstats generate --style plain` (files in arrival order by name), for bench/indicators.sh.

usage: /usr/bin/python3 bench/indicators_pandas.py DIR YEAR THROUGH_MONTH LEVEL  → CSV on stdout, same columns as
`./volstats indicators --format csv`. Handles what the plain exports contain (no rejects, one date and hours form).
"""
import math
import sys
from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pandas as pd

folder, year, month, level = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
files = sorted(folder.glob("*.csv"))
read = lambda f: pd.read_csv(f, dtype=str, keep_default_na=False, encoding="utf-8-sig")
as_of = pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)
start = pd.Timestamp(year, 1, 1)

# Regions and population: later rows with the same key replace earlier ones.
regions = pd.concat([read(f) for f in files if "_regions" in f.name]).drop_duplicates("区划代码", keep="last").set_index("区划代码")
population = pd.concat([read(f) for f in files if "_population" in f.name])
population["年份"] = population["年份"].astype(int)
population["常住人口"] = population["常住人口"].astype("int64")
population = population.drop_duplicates(["区划代码", "年份"], keep="last")

def structural_parent(code):
    if len(code) == 12:
        return code[:9] if code[9:] != "000" else code[:6]
    if len(code) == 9:
        return code[:6]
    if code[4:] != "00":
        return code[:4] + "00"
    if code[2:4] != "00":
        return code[:2] + "0000"
    return ""

def level_of(code):
    if len(code) == 12:
        return "community"
    if len(code) == 9:
        return "street"
    return "province" if code[2:] == "0000" else "city" if code[4:] == "00" else "district"

def normal(code):
    if len(code) == 12 and code.endswith("000000"):
        return code[:6]
    if len(code) == 12 and code.endswith("000"):
        return code[:9]
    return code

def parent(code):
    p = regions["上级代码"].get(code, "") if code in regions.index else ""
    return normal(p) if p else structural_parent(code)

ancestor_cache = {}
def ancestor_at(code):
    """The region of `level` that is `code` or above it, or None."""
    if code not in ancestor_cache:
        c, found = normal(code), None
        while c:
            if level_of(c) == level:
                found = c
                break
            c = parent(c)
        ancestor_cache[code] = found
    return ancestor_cache[code]

# Registrations: a later snapshot row replaces the earlier one (keyed by volunteer_id).
rosters = pd.concat([read(f) for f in files if "_roster" in f.name]).drop_duplicates("志愿者编号", keep="last")
rosters["person"] = rosters["证件号码"].str.strip().str.upper()
rosters.loc[rosters["person"] == "", "person"] = "vid:" + rosters["志愿者编号"]
rosters["registered"] = pd.to_datetime(rosters["注册时间"].str[:10])
cancel_date = pd.to_datetime(rosters["注销时间"].str[:10], errors="coerce")
is_cancelled = (rosters["状态"] == "注销") | ((rosters["状态"] == "") & (rosters["注销时间"] != ""))
rosters["cancelled_at_D"] = is_cancelled & (cancel_date.isna() | (cancel_date <= as_of))

# A person: home region and registered_at from the earliest registration (tie: smallest volunteer_id);
# cancelled at D only when every registration is.
first = rosters.sort_values(["registered", "志愿者编号"]).drop_duplicates("person", keep="first").set_index("person")
persons = pd.DataFrame({
    "home": first["所属区划代码"],
    "registered": first["registered"],
    "cancelled": rosters.groupby("person")["cancelled_at_D"].all(),
})
persons = persons[(persons["registered"] <= as_of) & ~persons["cancelled"]]

# Service records: keyed by record_id, later rows replace earlier ones; the person of the volunteer_id, else of
# the id_number; records of nobody registered stay unmatched and count nowhere.
hours = pd.concat([read(f) for f in files if "_hours" in f.name]).drop_duplicates("记录编号", keep="last")
hours["date"] = pd.to_datetime(hours["服务日期"].str[:10])
hours = hours[(hours["date"] >= start) & (hours["date"] <= as_of)]
by_volunteer = rosters.set_index("志愿者编号")["person"]
known_ids = set(rosters["person"])
person = hours["志愿者编号"].map(by_volunteer)
by_id = hours["证件号码"].str.strip().str.upper()
hours["person"] = person.where(person.notna(), by_id.where(by_id.isin(known_ids)))
hours["minutes"] = (hours["服务时长（小时）"].astype(float) * 60).round().astype("int64")
minutes = hours.dropna(subset=["person"]).groupby("person")["minutes"].sum()

persons["minutes"] = minutes.reindex(persons.index).fillna(0).astype("int64")
persons["region"] = persons["home"].map(ancestor_at)
agg = persons.dropna(subset=["region"]).groupby("region").agg(
    registered=("minutes", "size"), active=("minutes", lambda m: int((m > 0).sum())), minutes=("minutes", "sum"))

listed = [c for c in regions.index if level_of(c) == level]
# Exact fractions, as volstats computes them, so that rounding for output (half away from zero) agrees.
target = Fraction(25 * month, 12)
rows = []
for code in listed:
    reg = int(agg["registered"].get(code, 0))
    act = int(agg["active"].get(code, 0))
    mins = int(agg["minutes"].get(code, 0))
    pops = population[(population["区划代码"] == code) & (population["年份"] <= year)].sort_values("年份")
    pop = int(pops["常住人口"].iloc[-1]) if len(pops) else 0
    pop = pop if pop > 0 else None
    total = Fraction(mins, 60)
    rate = Fraction(reg, pop) if pop else None
    active_rate = Fraction(act, reg) if reg else None
    avg = total / reg if reg else None
    parts = [min(v / t, 1) if v is not None else 0 for v, t in ((rate, Fraction(13, 100)), (active_rate, Fraction(7, 10)), (avg, target))]
    rows.append({
        "region_code": code, "region_name": regions.loc[code, "名称"], "level": level, "parent_code": parent(code),
        "population": pop, "registered": reg, "active": act, "total_hours": total,
        "registration_rate": rate, "active_rate": active_rate, "avg_hours": avg, "hours_target": target,
        "registration_met": (100 * reg >= 13 * pop) if pop else None,
        "active_met": (10 * act >= 7 * reg) if reg else None,
        "hours_met": (12 * mins >= 25 * month * reg * 60) if reg else None,
        "score": 100 * sum(parts) / 3,
        "volunteers_needed": max(0, math.ceil((13 * pop - 100 * reg) / 100)) if pop else None,
        "active_needed": max(0, math.ceil((7 * reg - 10 * act) / 10)),
        "hours_needed": max(Fraction(0), target * reg - total),
    })
rows.sort(key=lambda r: (-r["score"], r["registration_rate"] is None, -(r["registration_rate"] or 0), r["region_code"]))
for i, r in enumerate(rows, 1):
    r["rank"] = i

def fmt(v, digits=None):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if digits is None:
        return str(v)
    with localcontext() as ctx:
        ctx.prec = 40
        exact = Decimal(v.numerator) / Decimal(v.denominator) if isinstance(v, Fraction) else Decimal(v)
        return str(exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))

cols = ["region_code", "region_name", "level", "parent_code", "population", "registered", "active", "total_hours",
        "registration_rate", "active_rate", "avg_hours", "hours_target", "registration_met", "active_met", "hours_met",
        "score", "rank", "volunteers_needed", "active_needed", "hours_needed"]
digits = {"total_hours": 2, "registration_rate": 6, "active_rate": 6, "avg_hours": 2, "hours_target": 2, "score": 2, "hours_needed": 2}
print(",".join(cols))
for r in rows:
    print(",".join(fmt(r[c], digits.get(c)) for c in cols))
