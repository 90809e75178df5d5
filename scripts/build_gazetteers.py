#!/usr/bin/env python3
"""Build the news-extract gazetteer TSV files.

Python 3 standard library only.  Reads the raw public data in --src
(default ../shared/gazetteer-sources, relative to the repository root) and the
hand-curated rows in gazetteers/hand/, and (re)writes:

    gazetteers/people.tsv         generated + hand/people.tsv (+ hand/people_names.tsv overrides)
    gazetteers/organizations.tsv  generated + hand/organizations.tsv
    gazetteers/offenses.tsv       generated drug grid + NIBRS + hand/offenses.tsv
    gazetteers/first_names.tsv    generated (census 2020 + SSA + Moby)
    gazetteers/surnames.tsv       generated (census 2020)
    gazetteers/places.tsv         generated (states, counties) + hand/places.tsv
    gazetteers/titles.tsv         copied from hand/titles.tsv (validated)
    gazetteers/not_names.tsv      copied from hand/not_names.tsv (validated)

Hand files are never written by this script, so re-running never loses hand edits.

Usage:  python3 scripts/build_gazetteers.py [--src DIR] [--out DIR] [--check]
"""

import argparse
import csv
import json
import os
import re
import sys
from collections import OrderedDict, defaultdict

# Terms whose scheduled end lies after this date are treated as "current"
# (end left empty).  It is the approximate snapshot date of the sources.
SNAPSHOT = "2025-12-01"
JUDGE_CUTOFF = "1990-01-01"

PEOPLE_ROLES = {"president", "vice_president", "governor", "lt_governor",
                "attorney_general", "state_attorney_general", "judge"}
ORG_KINDS = {"government", "court", "law_enforcement", "nonprofit", "company",
             "media", "political", "education", "other"}
OFFENSE_CATS = {"drug", "fraud", "violent", "weapons", "sex", "immigration",
                "corruption", "tax", "cyber", "property", "obstruction", "other"}
TITLE_KINDS = {"honorific", "title"}
TITLE_ROLES = {"president", "vice_president", "governor", "attorney_general", "judge",
               "prosecutor", "law_enforcement", "legislator", "other"}
PLACE_KINDS = {"state", "state_abbr", "city", "county", "country", "region"}
NOT_NAME_WHY = {"month", "weekday", "function", "domain", "headline"}

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

WARNINGS = []


def warn(msg):
    WARNINGS.append(msg)


# ---------------------------------------------------------------- TSV helpers

def read_tsv(path):
    """Return (directives:list[str], header:list[str], rows:list[dict])."""
    directives, header, rows = [], None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if line.startswith("#!"):
                directives.append(line)
                continue
            if line.startswith("#") or not line.strip():
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            if len(cells) < len(header):
                cells += [""] * (len(header) - len(cells))
            if len(cells) > len(header):
                raise SystemExit("%s: too many cells: %r" % (path, line))
            rows.append(dict(zip(header, [c.strip() for c in cells])))
    return directives, header, rows


def clean_cell(v):
    v = "" if v is None else str(v)
    v = v.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return re.sub(r"\s+", " ", v).strip()


def write_tsv(path, case, comments, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("#! case = %s\n" % case)
        for c in comments:
            f.write("# %s\n" % c)
        f.write("\t".join(header) + "\n")
        for r in rows:
            f.write("\t".join(clean_cell(r.get(h, "")) for h in header) + "\n")
    return len(rows)


def join_aliases(name, aliases):
    """Deduplicate aliases (order kept), drop the name itself and empty/bad ones."""
    out, seen = [], {name}
    for a in aliases:
        a = clean_cell(a).replace(";", ",")
        if not a or a in seen or "\"" in a:
            continue
        seen.add(a)
        out.append(a)
    return ";".join(out)


def split_aliases(s):
    return [a.strip() for a in (s or "").split(";") if a.strip()]


def slug(s):
    s = s.lower().replace("&", " and ").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


# ---------------------------------------------------------------- tiny YAML reader
# Only what openstates person files need: top-level scalars, and top-level
# lists of flat mappings ("- key: value" / "  key: value").

def _scalar(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "'\"":
        v = v[1:-1]
    return v


def read_simple_yaml(path):
    doc, key, cur = {}, None, None
    with open(path, encoding="utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if not line.startswith(" ") and not line.startswith("-"):
                k, _, v = line.partition(":")
                key, cur = k.strip(), None
                v = v.strip()
                doc[key] = _scalar(v) if v else []
                continue
            if line.startswith("- "):
                body = line[2:]
                cur = {}
                if isinstance(doc.get(key), list):
                    doc[key].append(cur)
                if ":" in body:
                    k, _, v = body.partition(":")
                    cur[k.strip()] = _scalar(v)
                continue
            if line.startswith("  ") and cur is not None and ":" in line:
                s = line.strip()
                if s.startswith("- "):
                    continue
                k, _, v = s.partition(":")
                cur[k.strip()] = _scalar(v)
    return doc


# ---------------------------------------------------------------- shared lookups

def load_common_words(hand):
    words = set()
    p = os.path.join(hand, "common_words.txt")
    if os.path.exists(p):
        for line in open(p, encoding="utf-8"):
            if line.startswith("#"):
                continue
            words.update(line.split())
    return words


def load_states(src):
    states = []
    with open(os.path.join(src, "us-states/us_states_and_territories.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            states.append(r)
    return states


# ---------------------------------------------------------------- people

def iso_from_mdy(s):
    s = (s or "").strip()
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", s)
    if not m:
        return ""
    return "%s-%02d-%02d" % (m.group(3), int(m.group(1)), int(m.group(2)))


def current_end(end):
    end = (end or "").strip()
    if end and end > SNAPSHOT:
        return ""
    return end


def build_people(src, hand, common, place_names=frozenset()):
    rows = []           # list of dicts (one per term)
    names = {}          # id -> canonical name
    aliases = defaultdict(list)
    sources = {}        # id -> 'us'|'st'|'fjc'|'hand'

    def surname_ok(s):
        # no bare surname that is a common word or a place name ("Washington", "Jackson", "Lincoln")
        return s and s not in common and s not in place_names and len(s) > 2 and not s.endswith(".")

    # --- presidents & vice presidents
    ex = json.load(open(os.path.join(src, "congress-legislators/executive.json"), encoding="utf-8"))
    for p in ex:
        ids = p["id"]
        pid = "us:" + ids["bioguide"] if ids.get("bioguide") else "us:gt%s" % ids["govtrack"]
        n = p["name"]
        first, middle, last = n.get("first", ""), n.get("middle", ""), n.get("last", "")
        suffix, nick = n.get("suffix", ""), n.get("nickname", "")
        name = ids.get("wikipedia") or " ".join(x for x in (nick or first, last) if x)
        al = []
        if n.get("official_full"):
            al.append(n["official_full"])
        al.append(" ".join(x for x in (first, last) if x))
        if middle:
            mi = middle.split()[0][0] + "."
            al.append(" ".join([first, mi, last]))
            al.append(" ".join([first, middle, last]))
            if suffix:
                al.append(" ".join([first, mi, last]) + " " + suffix)
        if nick:
            al.append(nick + " " + last)
        if surname_ok(last):
            al.append(last)
        names[pid] = name
        aliases[pid] += al
        sources[pid] = "us"
        for t in p["terms"]:
            role = {"prez": "president", "viceprez": "vice_president"}.get(t["type"])
            if not role:
                continue
            rows.append({"id": pid, "role": role, "jurisdiction": "US",
                         "start": t.get("start", ""), "end": current_end(t.get("end"))})

    # --- openstates state executives
    role_map = {"governor": "governor", "lt_governor": "lt_governor",
                "attorney general": "state_attorney_general"}
    base = os.path.join(src, "openstates-executive/data")
    for st in sorted(os.listdir(base)):
        d = os.path.join(base, st, "executive")
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            if not fn.endswith(".yml"):
                continue
            doc = read_simple_yaml(os.path.join(d, fn))
            ocd = doc.get("id", "")
            m = re.search(r"ocd-person/([0-9a-f]{8})", ocd)
            if not m:
                warn("openstates: no id in %s" % fn)
                continue
            pid = "st:" + m.group(1)
            name = doc.get("name", "")
            given, family = doc.get("given_name", ""), doc.get("family_name", "")
            al = []
            mq = re.search(r'"([^"]+)"', name)
            if mq:   # 'Jerrauld C. "Jay" Jones' -> 'Jay Jones' (+ aliases without the nickname)
                plain = re.sub(r'\s*"[^"]+"', "", name).strip()
                al += [plain, " ".join(plain.split()[:1] + plain.split()[-1:])]
                name = mq.group(1) + " " + (family or plain.split()[-1])
            if given and family:
                al.append(given + " " + family)
            for o in doc.get("other_names", []) or []:
                on = o.get("name", "") if isinstance(o, dict) else ""
                if on and "," not in on and not re.match(r"^[A-Z]\.", on):
                    al.append(on)
            fam = family or (name.split()[-1] if name else "")
            if surname_ok(fam):
                al.append(fam)
            got = False
            for r in doc.get("roles", []) or []:
                role = role_map.get(r.get("type", ""))
                if not role:
                    continue
                jm = re.search(r"state:([a-z]{2})", r.get("jurisdiction", ""))
                jm2 = re.search(r"district:([a-z]{2})", r.get("jurisdiction", ""))
                jur = (jm or jm2).group(1).upper() if (jm or jm2) else st.upper()
                if jur == "DC" and role == "governor":   # the DC mayor is listed as "governor"
                    continue
                rows.append({"id": pid, "role": role, "jurisdiction": jur,
                             "start": r.get("start_date", ""), "end": current_end(r.get("end_date"))})
                got = True
            if got:
                names[pid] = name
                aliases[pid] += al
                sources[pid] = "st"

    # --- federal judges (FJC)
    with open(os.path.join(src, "fjc-federal-judges/judges.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            terms = []
            for k in range(1, 7):
                court = (r.get("Court Name (%d)" % k) or "").strip()
                if not court:
                    continue
                start = iso_from_mdy(r.get("Commission Date (%d)" % k)) or \
                    iso_from_mdy(r.get("Recess Appointment Date (%d)" % k))
                end = iso_from_mdy(r.get("Termination Date (%d)" % k))
                terms.append((start, end))
            if not terms or not any((not e) or e >= JUDGE_CUTOFF for _, e in terms):
                continue
            first = r["First Name"].strip()
            middle = r["Middle Name"].strip()
            last = r["Last Name"].strip()
            suffix = r["Suffix"].strip()
            nick = ""
            mq = re.search(r'[(\"]([^)\"]+)[)\"]', first)
            if mq:
                nick = mq.group(1).strip()
                first = re.sub(r'\s*[(\"][^)\"]+[)\"]', "", first).strip()
            if suffix and not suffix.endswith(".") and suffix.lower() in ("jr", "sr"):
                suffix += "."
            first_is_initial = bool(re.match(r"^[A-Z]\.$", first))
            if middle and first_is_initial:
                mid_form = middle
            elif middle:
                mid_form = " ".join(w[0] + "." if not re.match(r"^[A-Z]\.$", w) else w
                                    for w in middle.split() if w)
            else:
                mid_form = ""
            name = " ".join(x for x in (first, mid_form, last) if x)
            if suffix:
                name += (", " if False else " ") + suffix
            pid = "fjc:" + r["nid"].strip()
            al = []
            if not first_is_initial:
                al.append(first + " " + last)
                if suffix:
                    al.append(first + " " + last + " " + suffix)
            if middle:
                al.append(" ".join([first, middle, last]))
            if nick:
                al.append(nick + " " + last)
            if surname_ok(last) and " " not in last:
                al.append(last)
            names[pid] = name
            aliases[pid] += al
            sources[pid] = "fjc"
            for s, e in terms:
                rows.append({"id": pid, "role": "judge", "jurisdiction": "US", "start": s, "end": e})

    # --- hand rows
    gen_by_name = defaultdict(set)
    for pid, n in names.items():
        if sources[pid] in ("us", "st"):
            gen_by_name[n].add(pid)
    _, _, hrows = read_tsv(os.path.join(hand, "people.tsv"))
    remap = {}
    for h in hrows:
        pid = h["id"]
        if pid.startswith("hand:"):
            cands = gen_by_name.get(h["name"], set())
            if len(cands) == 1:
                new = next(iter(cands))
                if remap.get(pid) not in (None, new):
                    warn("hand id %s maps to two ids" % pid)
                remap[pid] = new
        pid = remap.get(pid, pid)
        if pid not in names:
            names[pid] = h["name"]
            sources[pid] = "hand"
        elif names[pid] != h["name"]:
            aliases[pid].append(h["name"])
        al = split_aliases(h["aliases"])
        last = h["name"].split()[-1] if h["name"] else ""
        if last in ("Jr.", "Sr.", "II", "III", "IV") and len(h["name"].split()) > 2:
            last = h["name"].split()[-2]
        if surname_ok(last):
            al.append(last)
        aliases[pid] += al
        rows.append({"id": pid, "role": h["role"], "jurisdiction": h["jurisdiction"],
                     "start": h["start"], "end": h["end"], "_hand": True})
    for a, b in sorted(remap.items()):
        warn("people: hand id %s linked to generated id %s (same name)" % (a, b))

    # --- name overrides
    _, _, orows = read_tsv(os.path.join(hand, "people_names.tsv"))
    for o in orows:
        pid = o["id"]
        if pid not in names:
            warn("people_names: unknown id %s" % pid)
            continue
        old = names[pid]
        if o["name"] and o["name"] != old:
            names[pid] = o["name"]
            aliases[pid].append(old)
        for a in split_aliases(o["aliases"]):
            if a.startswith("-"):
                aliases[pid] = [x for x in aliases[pid] if x != a[1:]]
            else:
                aliases[pid].append(a)

    # --- dedupe rows: same id/role/jurisdiction/start
    # (a hand row replaces a generated row for the same term)
    bykey = OrderedDict()
    for r in rows:
        key = (r["id"], r["role"], r["jurisdiction"], r["start"])
        if key in bykey and not r.get("_hand"):
            continue
        bykey[key] = r
    out = list(bykey.values())
    for r in out:
        r.pop("_hand", None)
    order = {"us": 0, "hand": 1, "st": 2, "fjc": 3}
    out.sort(key=lambda r: (order.get(r["id"].split(":")[0], 9), r["role"] != "president",
                            r["id"], r["start"]))
    for r in out:
        pid = r["id"]
        r["name"] = names[pid]
        al = [a for a in aliases[pid] if a]
        # official releases write "Joseph R. Biden, Jr.": add the comma form of suffixed names
        for a in [names[pid]] + list(al):
            m = re.match(r"^(.*\S) (Jr\.|Sr\.|II|III|IV)$", a)
            if m:
                al.append("%s, %s" % (m.group(1), m.group(2)))
        r["aliases"] = join_aliases(names[pid], al)
    return out


# ---------------------------------------------------------------- courts, USAOs

ORD = ["", "First", "Second", "Third", "Fourth", "Fifth", "Sixth", "Seventh", "Eighth",
       "Ninth", "Tenth", "Eleventh"]
ORDN = ["", "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th", "11th"]
DIR = {"N": "Northern", "S": "Southern", "E": "Eastern", "W": "Western", "M": "Middle", "C": "Central"}
TERRITORY_COURTS = {
    "gud": ("District Court of Guam", ["U.S. District Court for the District of Guam"], "GU", "District of Guam"),
    "nmid": ("District Court for the Northern Mariana Islands",
             ["U.S. District Court for the Northern Mariana Islands"], "MP", "District of the Northern Mariana Islands"),
    "vid": ("District Court of the Virgin Islands",
            ["U.S. District Court of the Virgin Islands", "U.S. District Court for the Virgin Islands"],
            "VI", "District of the Virgin Islands"),
}
# courts-db rows that say "current" but are historical/umbrella entries
COURT_SKIP = {"usdistct", "ncd", "okd", "wvad"}


def federal_districts(src):
    """Return list of (courts_db_id, district_phrase, state_code)."""
    courts = json.load(open(os.path.join(src, "courts-db/courts.json"), encoding="utf-8"))
    name2code = {s["name"]: s["abbr"] for s in load_states(src)}
    name2code["Washington D.C."] = "DC"
    out = []
    for c in courts:
        if c.get("system") != "federal" or c.get("type") not in ("trial", "appellate") or \
                c["id"] in COURT_SKIP or not re.match(r"^[a-z]+d$", c["id"]):
            continue
        if c["id"].startswith("circt") or c["id"] in TERRITORY_COURTS:
            continue
        last = (c.get("dates") or [{}])[-1]
        if last.get("end"):
            continue
        cit = (c.get("citation_string") or "").replace(" ", "")
        loc = c.get("location", "")
        if loc == "Washington D.C.":
            if c["id"] == "dcd":
                out.append((c["id"], "District of Columbia", "DC"))
            continue
        m = re.match(r"^([NSEWMC])\.D\.", cit)
        if m:
            out.append((c["id"], "%s District of %s" % (DIR[m.group(1)], loc), name2code.get(loc, "")))
        elif cit.startswith("D."):
            out.append((c["id"], "District of %s" % loc, name2code.get(loc, "")))
    # courts-db 0.10.27 marks the District of New Jersey (njd) as ended in 1801: add it back
    if not any(x[2] == "NJ" for x in out):
        out.append(("njd", "District of New Jersey", "NJ"))
    return out


def build_courts_and_usaos(src, states):
    rows = []
    districts = federal_districts(src)
    if len(districts) != 91:
        warn("courts: expected 91 state/DC/PR districts from courts-db, got %d" % len(districts))
    for cid, phrase, stc in districts:
        al = ["United States District Court for the " + phrase,
              "U.S. District Court in the " + phrase,
              "federal court in the " + phrase]
        rows.append({"id": "court:" + cid, "name": "U.S. District Court for the " + phrase,
                     "aliases": al, "kind": "court"})
        rows.append({"id": "court:%sb" % cid, "name": "U.S. Bankruptcy Court for the " + phrase,
                     "aliases": ["United States Bankruptcy Court for the " + phrase], "kind": "court"})
        ual = ["United States Attorney's Office for the " + phrase,
               "U.S. Attorney's Office in the " + phrase,
               "U.S. Attorney's Office, " + phrase,
               "United States Attorney's Office, " + phrase]
        short = {"Southern District of New York": "SDNY", "Eastern District of New York": "EDNY",
                 "Eastern District of Virginia": "EDVA"}.get(phrase)
        if short:
            ual.append(short)
        rows.append({"id": "usao:" + cid, "name": "U.S. Attorney's Office for the " + phrase,
                     "aliases": ual, "kind": "government"})
    for cid, (name, al, stc, phrase) in TERRITORY_COURTS.items():
        rows.append({"id": "court:" + cid, "name": name, "aliases": al + ["U.S. District Court for the " + phrase],
                     "kind": "court"})
    # Guam and the Northern Mariana Islands share one U.S. Attorney
    rows.append({"id": "usao:gud-nmid",
                 "name": "U.S. Attorney's Office for the Districts of Guam and the Northern Mariana Islands",
                 "aliases": ["United States Attorney's Office for the Districts of Guam and the Northern Mariana Islands",
                             "U.S. Attorney's Office for the District of Guam",
                             "U.S. Attorney's Office for the District of the Northern Mariana Islands"],
                 "kind": "government"})
    rows.append({"id": "usao:vid", "name": "U.S. Attorney's Office for the District of the Virgin Islands",
                 "aliases": ["United States Attorney's Office for the District of the Virgin Islands",
                             "U.S. Attorney's Office for the Virgin Islands"], "kind": "government"})
    # circuits
    for n in range(1, 12):
        o, on = ORD[n], ORDN[n]
        rows.append({"id": "court:ca%d" % n, "name": "U.S. Court of Appeals for the %s Circuit" % o,
                     "aliases": ["United States Court of Appeals for the %s Circuit" % o,
                                 "U.S. Court of Appeals for the %s Circuit" % on,
                                 "%s Circuit Court of Appeals" % o, "%s Circuit Court of Appeals" % on,
                                 "%s U.S. Circuit Court of Appeals" % on, "%s Circuit" % o, "%s Circuit" % on,
                                 "%s U.S. Circuit" % on],
                     "kind": "court"})
    rows.append({"id": "court:cadc", "name": "U.S. Court of Appeals for the District of Columbia Circuit",
                 "aliases": ["United States Court of Appeals for the District of Columbia Circuit",
                             "U.S. Court of Appeals for the D.C. Circuit", "D.C. Circuit Court of Appeals",
                             "D.C. Circuit", "U.S. Circuit Court of Appeals for the District of Columbia"],
                 "kind": "court"})
    rows.append({"id": "court:scotus", "name": "Supreme Court of the United States",
                 "aliases": ["U.S. Supreme Court", "United States Supreme Court", "Supreme Court", "SCOTUS"],
                 "kind": "court"})
    # state courts of last resort
    special = {
        "NY": ("New York Court of Appeals", ["Court of Appeals of New York", "New York State Court of Appeals", "New York's highest court"]),
        "MD": ("Supreme Court of Maryland", ["Maryland Supreme Court", "Maryland Court of Appeals"]),
        "MA": ("Massachusetts Supreme Judicial Court", ["Supreme Judicial Court", "SJC"]),
        "ME": ("Maine Supreme Judicial Court", ["Maine's Supreme Judicial Court"]),
        "WV": ("Supreme Court of Appeals of West Virginia", ["West Virginia Supreme Court of Appeals", "West Virginia Supreme Court"]),
        "DC": ("District of Columbia Court of Appeals", ["D.C. Court of Appeals"]),
    }
    courts = json.load(open(os.path.join(src, "courts-db/courts.json"), encoding="utf-8"))
    colr = defaultdict(list)
    for c in courts:
        if c.get("level") == "colr" and c.get("system") == "state" and not (c.get("dates") or [{}])[-1].get("end"):
            if "Supreme" in c["name"] or "Appeals" in c["name"]:
                colr[c.get("location", "")].append(c["name"])
    for s in states:
        if s["is_obsolete"] == "True":
            continue
        code, nm = s["abbr"], s["name"]
        if s["is_territory"] == "True" and code not in ("PR", "GU"):
            continue
        if code in special:
            name, al = special[code]
        else:
            name, al = "%s Supreme Court" % nm, ["Supreme Court of %s" % nm]
        al = list(al) + [x for x in colr.get(nm, []) if x != name]
        rows.append({"id": "court:%s-sup" % code.lower(), "name": name, "aliases": al, "kind": "court"})
    return rows


# ---------------------------------------------------------------- agencies

FR_HEADS = ("Department", "Bureau", "Office", "Service", "Administration", "Agency",
            "Commission", "Board", "Institute", "Council", "Corporation", "Center",
            "Division", "Fund", "Committee", "Authority", "Foundation", "Program",
            "Directorate", "Command", "Survey")
LAW_ENF_SHORT = {"FBI", "DEA", "ATF", "USMS", "ICE", "CBP", "USSS", "USPIS", "DSS", "HSI",
                 "FPS", "CGIS", "NCIS", "DCIS", "TIGTA"}
ACRONYM_BLOCK = {"USA", "HOPE", "ARCTIC", "ACTION", "APPAL", "AMERICA", "US", "ARC"}
# USA.gov / CISA index entries that are topics or budget lines, not organisations
AGENCY_BLOCK = {"Economic Growth, Energy, and the Environment", "Energy Efficiency and Renewable Energy",
                "Indoor Air Quality", "Political Affairs", "Public and Indian Housing",
                "Public Diplomacy and Public Affairs", "Rural Development", "Power Administrations",
                "National Laboratories", "Management and Administration", "Hazardous Materials Management",
                "Meat and Poultry Hotline", "Legal Activities and U.S. Marshals", "Federal Court Interpreters",
                "U.S. Courts of Appeal", "Bankruptcy Courts", "Unified Combatant Commands"}
COURT_RE = re.compile(r"^(U\.S\. |United States )?Courts? of\b|\bCourt$|\bCourt (of|for) (the )?[A-Z]")
ARTICLE_DEPTS = {"Treasury", "Interior", "Army", "Navy", "Air Force"}


def norm_org(s):
    s = s.lower().replace("&", "and").replace("united states", "us").replace("u.s.", "us")
    s = re.sub(r"\bthe\b", " ", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(w for w in s.split() if w != "us")


def build_agencies(src, common):
    """Federal agencies from Federal Register + USA.gov + CISA lists."""
    rows = []
    fr = json.load(open(os.path.join(src, "federal-agencies/federalregister-agencies-raw.json"), encoding="utf-8"))
    ug = json.load(open(os.path.join(src, "federal-agencies/usagov-agency-index-raw.json"), encoding="utf-8"))
    nat_names = {}
    for u in ug:
        n = clean_cell(u["name"])
        m = re.match(r"^(.*?)\s*\(([^)]+)\)\s*$", n)
        al = []
        if m:
            n, ab = m.group(1).strip(), m.group(2).strip()
            al.append(ab)
        if n in AGENCY_BLOCK:
            continue
        nat_names[norm_org(n)] = (n, al)
    with open(os.path.join(src, "federal-agencies/cisa-dotgov-agencies-and-subs.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            for n in (r.get("Agency", ""), r.get("Bureau", "")):
                n = clean_cell(n)
                # CISA "bureaus" include budget lines ("Management and Administration"): keep org-like names only
                if not re.search(r"\b(Office|Bureau|Agency|Administration|Service|Commission|Board|Council|"
                                 r"Corporation|Center|Institute|Department|Command|Court|Foundation|Authority|"
                                 r"Library|Academy|Survey|Museum|Archives)\b", n):
                    continue
                if n and n not in AGENCY_BLOCK and norm_org(n) not in nat_names:
                    nat_names[norm_org(n)] = (n, [])
    used = set()
    for a in fr:
        name = clean_cell(a["name"])
        short = clean_cell(a.get("short_name") or "")
        words = name.split()
        natural_name = name
        al = []
        head = words[-1] if words else ""
        if head in FR_HEADS and len(words) > 1 and not name.startswith(("Office of", "Bureau of")) and \
                norm_org(name) not in nat_names:
            rest = " ".join(words[:-1])
            cands = ["%s of %s" % (head, rest), "%s of the %s" % (head, rest),
                     "%s for %s" % (head, rest), "%s on %s" % (head, rest)]
            hit = None
            for c in cands:
                k = norm_org(c)
                if k in nat_names:
                    hit = nat_names[k][0]
                    break
            if hit:
                natural_name = hit
            elif head == "Department":
                natural_name = ("Department of the %s" if rest in ARTICLE_DEPTS else "Department of %s") % rest
            if head == "Department" and rest not in ARTICLE_DEPTS:
                al.append(name)   # "Justice Department" is natural news usage
        if natural_name == name and head in FR_HEADS and norm_org(name) not in nat_names and \
                head in ("Bureau", "Office", "Department") and len(words) <= 3 and \
                not re.match(r"^(Federal|National|U\.S\.|United|Consumer|Census)", name):
            # an inverted Federal Register form we could not turn into a natural name: skip it
            warn("agencies: dropped inverted-looking FR name %r" % name)
            continue
        if short and short != natural_name and re.match(r"^[A-Z][A-Z&\-]{1,5}$", short) and \
                short not in ACRONYM_BLOCK and short.capitalize() not in common:
            al.append(short)
        k = norm_org(natural_name)
        used.add(k)
        if k in nat_names:
            al += nat_names[k][1]
        kind = "law_enforcement" if short in LAW_ENF_SHORT else \
            ("court" if COURT_RE.search(natural_name) else "government")
        rows.append({"id": "fed:fr-" + a["slug"], "name": natural_name, "aliases": al, "kind": kind})
    for k, (n, al) in sorted(nat_names.items()):
        if k in used or not n:
            continue
        kind = "court" if COURT_RE.search(n) else "government"
        rows.append({"id": "fed:ug-" + slug(n), "name": n, "aliases": al, "kind": kind})
    return rows


# ---------------------------------------------------------------- local news outlets

CALLSIGN = re.compile(r"^[KW][A-Z]{2,3}(-TV|-DT)?$")
# call signs that are also English words or well-known acronyms (WHO = World Health Organization)
CALLSIGN_WORDS = {"who", "will", "wise", "week", "wear", "wand", "wish", "wave", "wall", "well", "west",
                  "wide", "wind", "work", "warm", "word", "wood", "wows", "kids", "king", "kind", "keep",
                  "kill", "kiss", "knot", "kite", "wine", "wing", "wire", "wolf", "womb", "woke", "wore",
                  "worm", "wrap", "wren", "keen", "kick", "kin", "key", "was", "way", "web", "wet", "win",
                  "wit", "won", "why", "who", "wed", "wag", "war", "wax", "kit", "woi", "wsb"}


def build_local_media(src, place_names, common, not_names=frozenset()):
    rows = {}
    with open(os.path.join(src, "news-outlets/local_news_dataset_2018.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["medium"] not in ("Newspapers", "TV station"):
                continue
            n = clean_cell(r["name"]).replace("’", "'")
            if not n:
                continue
            if r["medium"] == "TV station":
                n = re.sub(r"-\d+$", "", n)
                if not CALLSIGN.match(n):
                    continue
                base = n.split("-")[0]
                if base.capitalize() in common or base.capitalize() in not_names or base.lower() in CALLSIGN_WORDS:
                    continue
            else:
                bare = re.sub(r"^The ", "", n)
                if bare in place_names or n in place_names:
                    continue
                # single-word titles ("The Voice", "The Republican") are ordinary words: keep only
                # coined ones such as "PennLive" or "YourObserver.com"
                if " " not in bare and not re.search(r"[a-z][A-Z]|\.", bare):
                    continue
                if len(bare) < 4 or not re.match(r"^[A-Z0-9]", bare):
                    continue
            key = re.sub(r"^The ", "", n)
            if key in rows:
                continue
            al = []
            if n.startswith("The "):
                al.append(key)
            elif r["medium"] == "Newspapers" and len(key.split()) >= 2:
                al.append("The " + key)
            rows[key] = {"id": "media:" + slug(key), "name": n, "aliases": al, "kind": "media"}
    return list(rows.values())


# ---------------------------------------------------------------- organizations

FBI_FIELD_OFFICES = [
    "Albany", "Albuquerque", "Anchorage", "Atlanta", "Baltimore", "Birmingham", "Boston", "Buffalo",
    "Charlotte", "Chicago", "Cincinnati", "Cleveland", "Columbia", "Dallas", "Denver", "Detroit", "El Paso",
    "Honolulu", "Houston", "Indianapolis", "Jackson", "Jacksonville", "Kansas City", "Knoxville",
    "Las Vegas", "Little Rock", "Los Angeles", "Louisville", "Memphis", "Miami", "Milwaukee", "Minneapolis",
    "Mobile", "Newark", "New Haven", "New Orleans", "New York", "Norfolk", "Oklahoma City", "Omaha",
    "Philadelphia", "Phoenix", "Pittsburgh", "Portland", "Richmond", "Sacramento", "St. Louis",
    "Salt Lake City", "San Antonio", "San Diego", "San Francisco", "San Juan", "Seattle", "Springfield",
    "Tampa", "Washington"]


def fbi_field_offices():
    rows = []
    for c in FBI_FIELD_OFFICES:
        rows.append({"id": "fed:fbi-" + slug(c), "name": "FBI %s Field Office" % c, "kind": "law_enforcement",
                     "aliases": ["FBI's %s Field Office" % c, "%s FBI Field Office" % c,
                                 "FBI %s Division" % c, "FBI's %s Division" % c, "%s Division of the FBI" % c,
                                 "FBI-%s" % c, "FBI %s" % c, "FBI-%s Field Office" % c,
                                 "Federal Bureau of Investigation %s Field Office" % c,
                                 "Federal Bureau of Investigation, %s Field Office" % c]})
    return rows


def build_organizations(src, hand, states, place_names, common):
    _, _, hrows = read_tsv(os.path.join(hand, "organizations.tsv"))
    out = OrderedDict()
    by_norm = {}

    def add(r, is_hand=False):
        rid = r["id"]
        al = r["aliases"] if isinstance(r["aliases"], list) else split_aliases(r["aliases"])
        if rid in out:
            out[rid]["aliases"] += al
            return
        k = norm_org(r["name"])
        if not is_hand and k in by_norm:
            tgt = out[by_norm[k]]
            tgt["aliases"] += [r["name"]] + al
            return
        out[rid] = {"id": rid, "name": r["name"], "aliases": list(al), "kind": r["kind"]}
        by_norm.setdefault(k, rid)
        for a in al:
            if len(a.split()) >= 3:
                by_norm.setdefault(norm_org(a), rid)

    for r in hrows:
        add(r, True)
    for r in build_courts_and_usaos(src, states):
        add(r)
    for r in fbi_field_offices():
        add(r)
    for r in build_agencies(src, common):
        add(r)
    not_names = set()
    if os.path.exists(os.path.join(hand, "not_names.tsv")):
        not_names = {r["word"] for r in read_tsv(os.path.join(hand, "not_names.tsv"))[2]}
    for r in build_local_media(src, place_names, common, not_names):
        add(r)
    rows = list(out.values())
    # an alias shared by several rows: a hand row keeps it, generated rows lose it
    owners = defaultdict(set)
    for r in rows:
        for a in set(r["aliases"]) | {r["name"]}:
            owners[a].add(r["id"])
    hand_ids = {r["id"] for r in hrows}
    for r in rows:
        if r["id"] in hand_ids:
            continue
        keep = []
        for a in r["aliases"]:
            o = owners.get(a, set())
            if len(o) > 1 and (o & hand_ids or len(a) <= 6):
                continue
            keep.append(a)
        r["aliases"] = keep
    bad_single = common | {"House", "State", "Justice", "Court", "District", "Office", "Board"}
    for r in rows:
        al = [a for a in r["aliases"] if not (" " not in a and a in bad_single)]
        r["aliases"] = join_aliases(r["name"], al)
    return rows


# ---------------------------------------------------------------- offenses

DRUGS = [
    ("cocaine", ["five kilograms or more of cocaine", "500 grams or more of cocaine"]),
    ("crack cocaine", ["28 grams or more of crack cocaine", "280 grams or more of crack cocaine"]),
    ("cocaine base", ["28 grams or more of cocaine base", "280 grams or more of cocaine base"]),
    ("heroin", ["one kilogram or more of heroin", "100 grams or more of heroin"]),
    ("methamphetamine", ["500 grams or more of methamphetamine", "50 grams or more of methamphetamine",
                         "500 grams or more of a mixture and substance containing methamphetamine"]),
    ("fentanyl", ["400 grams or more of fentanyl", "40 grams or more of fentanyl"]),
    ("marijuana", ["1,000 kilograms or more of marijuana", "100 kilograms or more of marijuana"]),
    ("oxycodone", []),
    ("controlled substances", []),
    ("a controlled substance", []),
    ("meth", []),
    ("crack", []),
    ("hydrocodone", []),
    ("MDMA", []),
    ("ecstasy", []),
    ("PCP", []),
    ("LSD", []),
    ("carfentanil", []),
    ("fentanyl analogues", []),
    ("opioids", []),
    ("narcotics", []),
    ("cocaine and heroin", []),
    ("cocaine and crack cocaine", []),
    ("heroin and fentanyl", []),
    ("methamphetamine and fentanyl", []),
]


def drug_grid():
    rows = []
    for drug, qty in DRUGS:
        forms = [
            ("distribution of %s", "21 U.S.C. 841", ["distributing %s", "distribution of %s"]),
            ("possession with intent to distribute %s", "21 U.S.C. 841",
             ["possession of %s with intent to distribute", "possessing with intent to distribute %s",
              "possession with the intent to distribute %s", "possession with intent to sell %s"]),
            ("manufacturing %s", "21 U.S.C. 841", ["manufacture of %s", "manufacturing and distributing %s"]),
            ("importation of %s", "21 U.S.C. 952", ["importing %s", "importation of %s into the United States",
                                                     "smuggling %s"]),
            ("conspiracy to distribute %s", "21 U.S.C. 846", ["conspiring to distribute %s",
                                                               "conspiracy to distribute and possess with intent to distribute %s",
                                                               "conspiracy to distribute and to possess with intent to distribute %s"]),
            ("conspiracy to possess with intent to distribute %s", "21 U.S.C. 846",
             ["conspiracy to possess %s with intent to distribute", "conspiring to possess with intent to distribute %s",
              "conspiracy to possess with the intent to distribute %s"]),
            ("conspiracy to manufacture %s", "21 U.S.C. 846", ["conspiring to manufacture %s"]),
            ("conspiracy to import %s", "21 U.S.C. 963", ["conspiring to import %s"]),
            ("conspiracy to possess %s", "21 U.S.C. 846", []),
            ("attempted possession of %s", "21 U.S.C. 846", ["attempting to possess %s"]),
            ("attempted possession with intent to distribute %s", "21 U.S.C. 846",
             ["attempt to possess with intent to distribute %s"]),
            ("trafficking %s", "", ["trafficking in %s", "%s trafficking"]),
        ]
        for tmpl, statute, alts in forms:
            phrase = tmpl % drug
            al = [a % drug for a in alts if (a % drug) != phrase]
            if "distribute" in tmpl and qty:
                for q in qty:
                    al.append(tmpl % q)
            rows.append({"id": "off:" + slug(phrase), "phrase": phrase, "category": "drug",
                         "statute": statute, "aliases": al})
    return rows


NIBRS_CAT = {
    "Larceny/Theft Offenses": "property", "Homicide Offenses": "violent", "Fraud Offenses": "fraud",
    "Sex Offenses": "sex", "Destruction/Damage/Vandalism of Property": "property",
    "Pornography/Obscene Material": "sex", "Gambling Offenses": "other", "Counterfeiting/Forgery": "fraud",
    "Prostitution Offenses": "sex", "Drug/Narcotic Offenses": "drug", "Arson": "property",
    "Motor Vehicle Theft": "property", "Drunkenness": "other", "Bad Checks": "fraud",
    "Extortion/Blackmail": "corruption", "Assault Offenses": "violent", "Stolen Property Offenses": "property",
    "Kidnapping/Abduction": "violent", "Peeping Tom": "sex", "Trespass of Real Property": "property",
    "Embezzlement": "fraud", "Weapon Law Violations": "weapons", "Robbery": "violent",
    "Curfew/Loitering/Vagrancy Violations": "other", "Burglary/Breaking & Entering": "property",
    "Liquor Law Violations": "other", "Disorderly Conduct": "other", "Bribery": "corruption",
    "Animal Cruelty": "other", "Driving Under the Influence": "other", "Human Trafficking": "other",
    "Other Offenses": "other", "All Other Offenses": "other", "Family Offenses, Nonviolent": "other",
}
# OFFENSE_NAME -> news phrases (first is the row phrase); names not listed are split on "/"
NIBRS_PHRASES = {
    "Not Specified": [], "All Other Offenses": [], "All Other Larceny": ["larceny"],
    "Justifiable Homicide": [], "Runaway": [],
    "Murder and Nonnegligent Manslaughter": ["murder", "nonnegligent manslaughter"],
    "Drug/Narcotic Violations": ["drug violations", "narcotics violations", "drug offense"],
    "Drug Equipment Violations": ["possession of drug paraphernalia"],
    "Weapon Law Violations": ["weapons charges"],
    "Burglary/Breaking & Entering": ["burglary", "breaking and entering"],
    "Credit Card/Automated Teller Machine Fraud": ["credit card fraud", "ATM fraud"],
    "False Pretenses/Swindle/Confidence Game": ["obtaining property by false pretenses", "confidence game", "swindle"],
    "Hacking/Computer Invasion": ["computer intrusion", "hacking"],
    "Destruction/Damage/Vandalism of Property": ["vandalism", "destruction of property"],
    "Pornography/Obscene Material": ["possession of obscene material", "obscenity"],
    "Operating/Promoting/Assisting Gambling": ["promoting gambling", "operating an illegal gambling business"],
    "Assisting or Promoting Prostitution": ["promoting prostitution"],
    "Purchasing Prostitution": ["solicitation of prostitution"],
    "Kidnapping/Abduction": ["kidnapping", "abduction"],
    "Extortion/Blackmail": ["extortion", "blackmail"],
    "Counterfeiting/Forgery": ["counterfeiting", "forgery"],
    "Curfew/Loitering/Vagrancy Violations": ["curfew violation", "loitering", "vagrancy"],
    "Theft From Coin-Operated Machine or Device": ["theft from a coin-operated machine"],
    "Theft of Motor Vehicle Parts or Accessories": ["theft of motor vehicle parts"],
    "Theft From Motor Vehicle": ["theft from a motor vehicle", "vehicle break-in"],
    "Theft From Building": ["theft from a building"],
    "Sexual Assault With An Object": ["sexual assault with an object"],
    "Harboring Escapee/Concealing from Arrest": ["harboring a fugitive", "harboring an escapee"],
    "Smuggling Aliens": ["alien smuggling"], "Re-entry after Deportation": ["illegal reentry"],
    "Illegal Entry into the United States": ["illegal entry"], "False Citizenship": ["false claim to U.S. citizenship"],
    "Violation of National Firearm Act of 1934": ["violating the National Firearms Act"],
    "Weapons of Mass Destruction": ["use of a weapon of mass destruction"],
    "Explosives Violation": ["possession of explosives"], "Federal Liquor Offenses": ["federal liquor offenses"],
    "Federal Tobacco Offenses": ["federal tobacco offenses"], "Federal Resource Violations": ["federal resource violations"],
    "Betting/Wagering": ["illegal betting", "illegal wagering"], "Sports Tampering": ["sports bribery"],
    "Gambling Equipment Violation": ["possession of gambling devices"],
    "Pocket-picking": ["pickpocketing"], "Purse-snatching": ["purse snatching"],
    "Peeping Tom": ["voyeurism"], "Trespass of Real Property": ["trespassing"],
    "Liquor Law Violations": ["liquor law violations"], "Import Violations": ["import violations"],
}
NIBRS_FORCE_CAT = {"Illegal Entry into the United States": "immigration", "False Citizenship": "immigration",
                   "Smuggling Aliens": "immigration", "Re-entry after Deportation": "immigration",
                   "Perjury": "obstruction", "Treason": "violent", "Espionage": "other",
                   "Failure to Register as a Sex Offender": "sex", "Hacking/Computer Invasion": "cyber",
                   "Identity Theft": "fraud", "Money Laundering": "fraud", "Failure to Appear": "obstruction",
                   "Harboring Escapee/Concealing from Arrest": "obstruction",
                   "Flight to Avoid Prosecution": "obstruction", "Flight to Avoid Deportation": "immigration",
                   "Violation of National Firearm Act of 1934": "weapons", "Weapons of Mass Destruction": "weapons",
                   "Explosives Violation": "weapons", "Wildlife Trafficking": "other", "Human Trafficking": "other",
                   "Welfare Fraud": "fraud", "Wire Fraud": "fraud", "Impersonation": "fraud",
                   "Export Violations": "other", "Import Violations": "other"}


def nibrs_rows(src):
    rows = []
    path = os.path.join(src, "offense-codes/fbi-cde-NIBRS_OFFENSE_TYPE.csv")
    with open(path, encoding="utf-8") as f:
        for rec in csv.reader(f):
            if not rec or rec[0] == "OFFENSE_TYPE_ID" or len(rec) < 3:
                continue
            code, name = rec[1].strip(), rec[2].strip()
            catname = rec[7].strip() if len(rec) > 7 else ""
            # a few source rows are malformed ("Family Offenses,"...): recover the name part
            name = name.split(",")[0].strip().strip('"')
            if not name:
                continue
            cat = NIBRS_FORCE_CAT.get(name) or NIBRS_CAT.get(catname) or NIBRS_CAT.get(name) or "other"
            if name in ("Human Trafficking",):
                cat = "other"
            phrases = NIBRS_PHRASES.get(name)
            if phrases is None:
                phrases = [p.strip().lower() for p in name.split("/") if p.strip()]
            if not phrases:
                continue
            rows.append({"id": "nibrs:" + code.lower().replace("*", "x"), "phrase": phrases[0],
                         "category": cat, "statute": "", "aliases": phrases[1:]})
    return rows


def build_offenses(src, hand):
    _, _, hrows = read_tsv(os.path.join(hand, "offenses.tsv"))
    out, seen_phrase, ids = [], {}, set()

    def add(r):
        al = r["aliases"] if isinstance(r["aliases"], list) else split_aliases(r["aliases"])
        key = r["phrase"].lower()
        if key in seen_phrase:
            return False
        if r["id"] in ids:
            warn("offenses: duplicate id %s" % r["id"])
            return False
        al = [a for a in al if a.lower() not in seen_phrase and a.lower() != key]
        ids.add(r["id"])
        seen_phrase[key] = r["id"]
        for a in al:
            seen_phrase[a.lower()] = r["id"]
        out.append({"id": r["id"], "phrase": r["phrase"], "category": r["category"],
                    "statute": r["statute"], "aliases": join_aliases(r["phrase"], al)})
        return True

    for r in hrows:
        add(r)
    for r in drug_grid():
        add(r)
    for r in nibrs_rows(src):
        add(r)
    return out


# ---------------------------------------------------------------- names

def cap_name(s):
    """UPPER or lower name -> 'Normal' capitalisation (per hyphen/space/apostrophe part)."""
    parts = re.split(r"([\- '])", s.lower())
    return "".join(p[:1].upper() + p[1:] if p not in ("-", " ", "'") else p for p in parts)


def build_first_names(src):
    census = {}
    with open(os.path.join(src, "census-2020-names/census_2020_first_names.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            try:
                census[r["name"].upper()] = (int(float(r["count"])), float(r["pctfemale"] or 0))
            except ValueError:
                continue
    ssa = {}
    with open(os.path.join(src, "ssa-baby-names/ssa_national_1880_2024_by_name.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            ssa[r["name"].upper()] = (int(r["births_f_1930_2024"]), int(r["births_m_1930_2024"]), r["name"])
    moby_f = {l.strip().upper() for l in open(os.path.join(src, "moby-first-names/female-first-names-en.txt"), encoding="utf-8") if l.strip()}
    moby_m = {l.strip().upper() for l in open(os.path.join(src, "moby-first-names/male-first-names-en.txt"), encoding="utf-8") if l.strip()}
    rows = []
    for key in set(census) | set(ssa):
        if len(key) < 2 or not re.match(r"^[A-Z][A-Z'\-]*[A-Z]$", key):
            continue
        c = census.get(key, (0, 0.0))
        sf, sm, _ = ssa.get(key, (0, 0, key))
        st = sf + sm
        if st < 500 and c[0] < 500:
            continue
        count = c[0] if c[0] > 0 else st
        if st >= 100:
            fs = sf / st
        elif c[0] > 0:
            fs = c[1] / 100.0
        elif key in moby_f or key in moby_m:
            fs = (1.0 if key in moby_f else 0.0) if (key in moby_f) != (key in moby_m) else 0.5
        else:
            fs = 0.5
        rows.append({"name": cap_name(key), "count": str(count), "female_share": "%.2f" % fs})
    rows.sort(key=lambda r: (-int(r["count"]), r["name"]))
    return rows


# O' surnames: census writes them without the apostrophe (OBRIEN).  Only these
# roots (Irish O' families) are turned into O'X, to avoid e.g. OWEN -> O'Wen.
O_ROOTS = {"BRIEN", "BRYANT", "BRYAN", "CONNOR", "CONNELL", "CONNER", "NEAL", "NEIL", "NEILL", "NEILL",
           "DONNELL", "DONNELL", "HARA", "KEEFE", "LEARY", "MALLEY", "DELL", "ROURKE", "REILLY", "RILEY",
           "SULLIVAN", "DONOGHUE", "DONOHUE", "DONNELLY", "GRADY", "GORMAN", "HAIR", "HALLORAN", "HANLON",
           "HARE", "HEARN", "HERN", "KANE", "KELLY", "LOUGHLIN", "MARA", "MEARA", "QUINN", "SHEA",
           "SHAUGHNESSY", "TOOLE", "BANNON", "BOYLE", "BRIANT", "CALLAGHAN", "CALLAHAN", "CONNELLY",
           "DAY", "DOHERTY", "DONNEL", "DOWD", "DRISCOLL", "DWYER", "FALLON", "FARRELL", "FLAHERTY",
           "FLYNN", "GARA", "HAGAN", "HALLORAN", "HALLORAN", "HARRA", "HIGGINS", "KEEFFE", "LEARY",
           "LEARY", "MAHONEY", "MALLEY", "MEARA", "NEAL", "NEALL", "QUINN", "REAR", "REGAN", "REILLY",
           "ROARK", "ROURK", "SHEA", "SHAUGHNESSEY", "TOOLE", "BRYON", "BOYLE", "CONNOR", "CONNORS",
           "DANIEL", "DONOVAN", "KELLEY", "LEARY", "MALLEY", "HANLEY", "BRIEN", "CAIN", "CAINE",
           "CONNELL", "DONNELL", "GUINN", "KEEFE", "LOUGHLIN", "MEARA", "NEIL", "QUIN", "ROURKE"}


def build_surnames(src):
    rows, known = [], {}
    with open(os.path.join(src, "census-2020-names/census_2020_surnames.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            try:
                known[r["name"].upper()] = int(float(r["count"]))
            except ValueError:
                continue
    for key, cnt in known.items():
        if cnt < 300 or len(key) < 2 or not re.match(r"^[A-Z][A-Z'\- ]*[A-Z]$", key):
            continue
        name = cap_name(key)
        if key.startswith("MC") and len(key) > 3:
            name = "Mc" + cap_name(key[2:])
        rows.append({"name": name, "count": str(cnt)})
        if key.startswith("O") and key[1:] in O_ROOTS and key[1:] in known:
            rows.append({"name": "O'" + cap_name(key[1:]), "count": str(cnt)})
    rows.sort(key=lambda r: (-int(r["count"]), r["name"]))
    return rows


# ---------------------------------------------------------------- places

def build_places(src, hand, states):
    rows, seen = [], set()

    def add(n, k):
        n = clean_cell(n)
        if n and (n, k) not in seen:
            seen.add((n, k))
            rows.append({"name": n, "kind": k})

    for s in states:
        if s["is_obsolete"] == "True":
            continue
        add(s["name"], "state")
        if s["ap_abbr"]:
            if s["ap_abbr"] != s["name"]:
                add(s["ap_abbr"], "state_abbr")
        if s["abbr"]:
            add(s["abbr"], "state_abbr")
    for extra, k in (("Washington, D.C.", "city"), ("D.C.", "state_abbr"), ("Washington D.C.", "city"),
                     ("DC", "state_abbr"), ("P.R.", "state_abbr"), ("U.S. Virgin Islands", "state")):
        add(extra, k)
    with open(os.path.join(src, "us-states/us_counties.tsv"), encoding="utf-8") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            n = clean_cell(r["county_name"])
            m = re.match(r"^(.*) city$", n)
            if m:                       # Virginia-style independent cities
                add(m.group(1), "city")
                continue
            add(n, "county")
    _, _, hrows = read_tsv(os.path.join(hand, "places.tsv"))
    for r in hrows:
        add(r["name"], r["kind"])
    return rows


# ---------------------------------------------------------------- checks

def check(rows, header, allowed, col, label):
    errs = 0
    for r in rows:
        for h in header:
            v = r.get(h, "")
            if "\t" in v or "\n" in v:
                print("ERROR %s: tab/newline in %r" % (label, v))
                errs += 1
        if allowed is not None and r.get(col) not in allowed:
            print("ERROR %s: bad %s %r in %r" % (label, col, r.get(col), r))
            errs += 1
    return errs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", default=os.path.join(ROOT, "..", "shared", "gazetteer-sources"),
                    help="raw source directory (default ../shared/gazetteer-sources)")
    ap.add_argument("--out", default=os.path.join(ROOT, "gazetteers"), help="output directory")
    ap.add_argument("--verbose", action="store_true", help="print all warnings")
    args = ap.parse_args()
    src, out = os.path.abspath(args.src), os.path.abspath(args.out)
    hand = os.path.join(out, "hand")
    if not os.path.isdir(src):
        raise SystemExit("source directory not found: %s" % src)

    common = load_common_words(hand)
    states = load_states(src)
    errors = 0
    counts = {}

    places = build_places(src, hand, states)
    errors += check(places, ["name", "kind"], PLACE_KINDS, "kind", "places")
    counts["places.tsv"] = write_tsv(os.path.join(out, "places.tsv"), "exact", [
        "Place names (used to reject places as person names). kind: state|state_abbr|city|county|country|region.",
        "Generated by scripts/build_gazetteers.py from us-states/*.tsv + hand/places.tsv. Do not edit; edit hand/places.tsv."],
        ["name", "kind"], places)
    place_names = {r["name"] for r in places}

    nn_words = {r["word"] for r in read_tsv(os.path.join(hand, "not_names.tsv"))[2]}
    people = build_people(src, hand, common | nn_words,
                          {r["name"] for r in places if r["kind"] in ("state", "city", "country", "region")})
    errors += check(people, ["id", "name", "aliases"], PEOPLE_ROLES, "role", "people")
    names_by_id = {}
    for r in people:
        if names_by_id.setdefault(r["id"], r["name"]) != r["name"]:
            print("ERROR people: id %s has two names" % r["id"])
            errors += 1
        if r["jurisdiction"] != "US" and not re.match(r"^[A-Z]{2}$", r["jurisdiction"]):
            print("ERROR people: bad jurisdiction %r" % r)
            errors += 1
        for d in ("start", "end"):
            if r[d] and not re.match(r"^\d{4}-\d{2}-\d{2}$", r[d]):
                print("ERROR people: bad date %r" % r)
                errors += 1
    counts["people.tsv"] = write_tsv(os.path.join(out, "people.tsv"), "exact", [
        "One row per term of office. role: president|vice_president|governor|lt_governor|attorney_general|state_attorney_general|judge",
        "id: us:<bioguide> (us:gt<govtrack> when no bioguide id), st:<openstates uuid prefix>, fjc:<FJC nid>, hand:<slug>.",
        "end empty = current as of the source snapshot (%s). Generated by scripts/build_gazetteers.py; edit hand/people*.tsv." % SNAPSHOT],
        ["id", "name", "aliases", "role", "jurisdiction", "start", "end"], people)

    orgs = build_organizations(src, hand, states, place_names, common)
    errors += check(orgs, ["id", "name", "aliases"], ORG_KINDS, "kind", "organizations")
    if len({r["id"] for r in orgs}) != len(orgs):
        print("ERROR organizations: duplicate ids")
        errors += 1
    alias_owner = defaultdict(set)
    for r in orgs:
        for a in [r["name"]] + split_aliases(r["aliases"]):
            alias_owner[a].add(r["id"])
    for a, ids in alias_owner.items():
        if len(ids) > 1:
            warn("organizations: %r used by %s" % (a, ",".join(sorted(ids))))
    counts["organizations.tsv"] = write_tsv(os.path.join(out, "organizations.tsv"), "exact", [
        "kind: government|court|law_enforcement|nonprofit|company|media|political|education|other",
        "Generated by scripts/build_gazetteers.py (courts-db, Federal Register/USA.gov/CISA agency lists,",
        "LocalNewsDataset) merged with hand/organizations.tsv. Edit the hand file, not this one."],
        ["id", "name", "aliases", "kind"], orgs)

    offenses = build_offenses(src, hand)
    errors += check(offenses, ["id", "phrase", "aliases"], OFFENSE_CATS, "category", "offenses")
    counts["offenses.tsv"] = write_tsv(os.path.join(out, "offenses.tsv"), "fold", [
        "category: drug|fraud|violent|weapons|sex|immigration|corruption|tax|cyber|property|obstruction|other",
        "statute: usual federal citation when the phrase maps to one clearly, else empty.",
        "Generated by scripts/build_gazetteers.py: hand/offenses.tsv + drug grid + NIBRS offense types."],
        ["id", "phrase", "category", "statute", "aliases"], offenses)

    fn = build_first_names(src)
    counts["first_names.tsv"] = write_tsv(os.path.join(out, "first_names.tsv"), "exact", [
        "count = US Census 2020 first-name count when listed there, else SSA births 1930-2024.",
        "female_share = SSA female births / all births 1930-2024 (census pctfemale, then Moby lists as fallback).",
        "Kept: SSA births 1930-2024 >= 500 or census count >= 500. Generated by scripts/build_gazetteers.py."],
        ["name", "count", "female_share"], fn)

    sn = build_surnames(src)
    counts["surnames.tsv"] = write_tsv(os.path.join(out, "surnames.tsv"), "exact", [
        "US Census 2020 surnames with count >= 300. MCX -> McX; OBRIEN-style names also listed as O'Brien (same count).",
        "Generated by scripts/build_gazetteers.py."], ["name", "count"], sn)

    for fname, header, allowed, col in (("titles.tsv", ["title", "kind", "role"], None, None),
                                        ("not_names.tsv", ["word", "why"], NOT_NAME_WHY, "why")):
        directives, hdr, rows = read_tsv(os.path.join(hand, fname))
        if hdr != header:
            raise SystemExit("hand/%s: header must be %s" % (fname, header))
        if fname == "titles.tsv":
            for r in rows:
                if r["kind"] not in TITLE_KINDS or r["role"] not in TITLE_ROLES:
                    print("ERROR titles: %r" % r)
                    errors += 1
        else:
            errors += check(rows, header, allowed, col, fname)
        counts[fname] = write_tsv(os.path.join(out, fname), "exact", [
            "Copied from gazetteers/hand/%s by scripts/build_gazetteers.py. Edit the hand file." % fname],
            header, rows)

    for k, v in counts.items():
        print("%-20s %7d rows" % (k, v))
    print("%d warnings%s" % (len(WARNINGS), "" if args.verbose else " (use --verbose to list)"))
    if args.verbose:
        for w in WARNINGS:
            print("  " + w)
    if errors:
        print("%d errors" % errors)
        sys.exit(1)


if __name__ == "__main__":
    main()
