"""What kg knows about the world before reading an article: data, not if-chains.

Countries come from ``pycountry`` (ISO 3166) plus the short names news uses
("Russia", "Britain"); demonyms and seats of government point at countries by
ISO alpha-3 code; titles and role words tell a person's role apart from their
name.  Editing a table changes what resolution does without touching a rule.

Examples
--------
>>> country("Britain").name, country("the UK").iso
('United Kingdom', 'GBR')
>>> demonym_iso("French"), metonym("the Kremlin")
('FRA', ('RUS', 'Organization'))
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import pycountry

__all__ = [
    "AGENTIVE_HEADS", "AGENTIVE_PEOPLE", "BASE_PARTICIPLES", "CAPITALIZED_WORDS", "Country", "FEMALE_NAMES",
    "FEMALE_TITLES", "GROUP_HEADS", "GROUP_NAMES", "KNOWN_GROUPS", "MALE_NAMES", "MALE_TITLES", "ORG_DESCRIPTORS",
    "ORG_HEADS", "ORG_SUFFIXES", "PERSON_TITLES", "PLACE_HEADS", "PLATFORM_HEADS", "PLURAL_COLLECTIVES", "PUBLISHING_WORDS", "TITLE_WORDS",
    "UPLOAD_VERBS", "country", "country_name", "demonym_iso", "metonym", "place_iso", "role_of", "state_qualified", "title_iso",
]


@dataclass(frozen=True)
class Country:
    """A state: the short name news uses and its ISO 3166-1 alpha-3 code."""

    name: str
    iso: str


#: Short names where pycountry's is official or long ("Russian Federation").
SHORT_NAMES = {
    "RUS": "Russia", "GBR": "United Kingdom", "USA": "United States", "TUR": "Turkey",
    "SYR": "Syria", "IRN": "Iran", "KOR": "South Korea", "PRK": "North Korea",
    "VNM": "Vietnam", "LAO": "Laos", "MDA": "Moldova", "TZA": "Tanzania", "BOL": "Bolivia",
    "VEN": "Venezuela", "TWN": "Taiwan", "PSE": "Palestine", "CZE": "Czech Republic",
    "COD": "DR Congo", "COG": "Congo", "CIV": "Ivory Coast", "FSM": "Micronesia",
    "NLD": "Netherlands", "MKD": "North Macedonia", "VAT": "Vatican",
}

#: Further names and abbreviations of countries (lower case) -> ISO alpha-3.
EXTRA_COUNTRY_NAMES = {
    "russia": "RUS", "britain": "GBR", "great britain": "GBR", "uk": "GBR", "u.k.": "GBR",
    "england": "GBR", "us": "USA", "u.s.": "USA", "usa": "USA", "america": "USA",
    "united states of america": "USA", "turkey": "TUR", "türkiye": "TUR",
    "palestine": "PSE", "ivory coast": "CIV", "the netherlands": "NLD", "holland": "NLD",
    "burma": "MMR", "czechia": "CZE", "dr congo": "COD", "drc": "COD", "vatican": "VAT",
    "macedonia": "MKD", "kosovo": "XKX", "uae": "ARE", "emirates": "ARE",
}

#: Adjectives and nouns of nationality -> ISO alpha-3 ("Russian airstrikes" -> RUS).
DEMONYMS = {
    "afghan": "AFG", "albanian": "ALB", "algerian": "DZA", "american": "USA", "us": "USA",
    "u.s.": "USA", "argentine": "ARG", "argentinian": "ARG", "armenian": "ARM",
    "australian": "AUS", "austrian": "AUT", "azerbaijani": "AZE", "bahraini": "BHR",
    "bangladeshi": "BGD", "belarusian": "BLR", "belgian": "BEL", "bolivian": "BOL",
    "bosnian": "BIH", "brazilian": "BRA", "british": "GBR", "uk": "GBR", "bulgarian": "BGR",
    "burmese": "MMR", "cambodian": "KHM", "cameroonian": "CMR", "canadian": "CAN",
    "chadian": "TCD", "chilean": "CHL", "chinese": "CHN", "colombian": "COL",
    "congolese": "COD", "croatian": "HRV", "cuban": "CUB", "cypriot": "CYP", "czech": "CZE",
    "danish": "DNK", "dutch": "NLD", "ecuadorian": "ECU", "egyptian": "EGY",
    "emirati": "ARE", "english": "GBR", "eritrean": "ERI", "estonian": "EST",
    "ethiopian": "ETH", "finnish": "FIN", "french": "FRA", "georgian": "GEO",
    "german": "DEU", "ghanaian": "GHA", "greek": "GRC", "guatemalan": "GTM",
    "haitian": "HTI", "honduran": "HND", "hungarian": "HUN", "icelandic": "ISL",
    "indian": "IND", "indonesian": "IDN", "iranian": "IRN", "iraqi": "IRQ", "irish": "IRL",
    "israeli": "ISR", "italian": "ITA", "japanese": "JPN", "jordanian": "JOR",
    "kazakh": "KAZ", "kenyan": "KEN", "kosovar": "XKX", "kuwaiti": "KWT", "kyrgyz": "KGZ",
    "latvian": "LVA", "lebanese": "LBN", "libyan": "LBY", "lithuanian": "LTU",
    "malaysian": "MYS", "malian": "MLI", "maltese": "MLT", "mexican": "MEX",
    "moldovan": "MDA", "mongolian": "MNG", "montenegrin": "MNE", "moroccan": "MAR",
    "nepalese": "NPL", "nigerian": "NGA", "nigerien": "NER", "north korean": "PRK",
    "norwegian": "NOR", "omani": "OMN", "pakistani": "PAK", "palestinian": "PSE",
    "peruvian": "PER", "filipino": "PHL", "philippine": "PHL", "polish": "POL",
    "portuguese": "PRT", "qatari": "QAT", "romanian": "ROU", "russian": "RUS",
    "rwandan": "RWA", "saudi": "SAU", "senegalese": "SEN", "serbian": "SRB",
    "singaporean": "SGP", "slovak": "SVK", "slovenian": "SVN", "somali": "SOM",
    "south african": "ZAF", "south korean": "KOR", "korean": "KOR", "spanish": "ESP",
    "sri lankan": "LKA", "sudanese": "SDN", "swedish": "SWE", "swiss": "CHE",
    "syrian": "SYR", "taiwanese": "TWN", "tajik": "TJK", "thai": "THA", "tunisian": "TUN",
    "turkish": "TUR", "turkmen": "TKM", "ugandan": "UGA", "ukrainian": "UKR",
    "uzbek": "UZB", "venezuelan": "VEN", "vietnamese": "VNM", "yemeni": "YEM",
    "zimbabwean": "ZWE",
}

#: Seats of government and capitals that stand for a state -> (ISO, entity type).
#: Buildings always stand for the state; capitals only when used as actors.
METONYMS = {
    "kremlin": ("RUS", "Organization"), "moscow": ("RUS", "Place"),
    "white house": ("USA", "Organization"), "pentagon": ("USA", "Organization"),
    "washington": ("USA", "Place"), "ankara": ("TUR", "Place"), "paris": ("FRA", "Place"),
    "elysee": ("FRA", "Organization"), "élysée": ("FRA", "Organization"),
    "london": ("GBR", "Place"), "downing street": ("GBR", "Organization"),
    "whitehall": ("GBR", "Organization"), "berlin": ("DEU", "Place"),
    "beijing": ("CHN", "Place"), "damascus": ("SYR", "Place"), "tehran": ("IRN", "Place"),
    "kyiv": ("UKR", "Place"), "kiev": ("UKR", "Place"), "tokyo": ("JPN", "Place"),
    "riyadh": ("SAU", "Place"), "baghdad": ("IRQ", "Place"), "kabul": ("AFG", "Place"),
    "pyongyang": ("PRK", "Place"), "seoul": ("KOR", "Place"), "new delhi": ("IND", "Place"),
    "islamabad": ("PAK", "Place"), "cairo": ("EGY", "Place"), "rome": ("ITA", "Place"),
    "madrid": ("ESP", "Place"), "doha": ("QAT", "Place"), "minsk": ("BLR", "Place"),
    "warsaw": ("POL", "Place"), "ottawa": ("CAN", "Place"), "canberra": ("AUS", "Place"),
    "caracas": ("VEN", "Place"), "havana": ("CUB", "Place"), "tripoli": ("LBY", "Place"),
    "beirut": ("LBN", "Place"), "amman": ("JOR", "Place"), "sanaa": ("YEM", "Place"),
    "jerusalem": ("ISR", "Place"), "athens": ("GRC", "Place"), "budapest": ("HUN", "Place"),
    "astana": ("KAZ", "Place"), "tbilisi": ("GEO", "Place"), "baku": ("AZE", "Place"),
    "yerevan": ("ARM", "Place"), "brasilia": ("BRA", "Place"), "mexico city": ("MEX", "Place"),
}

#: Collective actors that are neither states nor organizations.
GROUP_NAMES = {"west": "West", "the west": "West", "east": "East", "allies": "allies"}

#: Words that make up titles and roles ("Russian Foreign Minister", "Kremlin spokesman").
TITLE_WORDS = frozenset(
    """president vice prime minister foreign defense defence interior finance secretary
    chancellor king queen prince princess emperor sheikh emir sultan premier pope
    spokesman spokeswoman spokesperson ambassador envoy general gen. commander chief
    governor mayor senator sen. representative rep. congressman congresswoman lawmaker
    mp leader chairman chairwoman chair head director deputy acting former senior
    minister's ministry state justice health trade economy energy labor labour home
    affairs chief-of-staff staff attorney judge official officials monitor dr. dr mr. mr
    mrs. mrs ms. ms sir lord lady crown cardinal archbishop bishop ayatollah supreme
    general-secretary secretary-general commissioner
    colonel col. lieutenant lt. captain admiral marshal field opposition party
    assistant adviser advisor aide press top superintendent inspector sergeant officer
    detective professor prof. constable marshal""".split()
)

#: Titles that mark a head of state or government (a "leader").
LEADER_TITLES = frozenset(
    "president prime premier chancellor king queen emir sultan leader supreme".split()
)

#: Role synonyms: any of these in a title means the same office.
ROLE_SYNONYMS = {
    "foreign secretary": "foreign minister",
    "secretary of state": "foreign minister",
    "foreign minister": "foreign minister",
    "defence minister": "defense minister",
    "defense minister": "defense minister",
    "defense secretary": "defense minister",
    "prime minister": "leader",
    "president": "leader",
    "chancellor": "leader",
    "premier": "leader",
    "king": "leader",
    "leader": "leader",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
}

#: Titles that tell a person's gender (for he/she).
MALE_TITLES = frozenset(
    """mr mr. king prince sir lord spokesman chairman congressman emir sultan husband son
    father brother uncle nephew actor""".split()
)
FEMALE_TITLES = frozenset(
    """mrs mrs. ms ms. queen princess lady spokeswoman chairwoman congresswoman wife daughter
    mother sister aunt niece widow actress""".split()
)

#: Common first names whose bearer's gender news usage makes plain (for he/she); others stay unknown.
MALE_NAMES = frozenset(
    """vladimir boris donald joe barack emmanuel francois françois recep sergei john dmitry igor
    bashar olaf justin xi narendra benjamin mohammed mohammad muhammad ali hassan abdel
    rishi keir jens antony mike mark james david michael george bill tony nicolas gerhard
    matteo mario pedro jair luiz andres volodymyr alexander alexei mikhail viktor recep ahmed
    kim shinzo fumio yoon moon hosni ebrahim hamid ashraf imran nawaz
    robert richard thomas charles christopher daniel matthew anthony steven paul andrew joshua
    kenneth kevin brian edward ronald timothy jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon frank gregory raymond samuel patrick alexander jack dennis
    jerry tyler aaron jose adam henry nathan douglas zachary peter kyle walter ethan jeremy harold
    keith christian roger noah gerald carl terry sean austin arthur lawrence jesse dylan bryan joe
    jordan billy bruce albert willie gabriel logan alan juan wayne roy ralph randy eugene vincent
    russell elijah louis bobby philip johnny harry william steve nick tom jim dan ben sam max
    carlos luis miguel jorge antonio manuel francisco javier rafael fernando ricardo eduardo
    sergio diego pablo alejandro hugo giuseppe giovanni marco luca paolo francesco hans klaus
    jurgen wolfgang stefan pierre jacques michel philippe yves omar khalid abdullah
    mahmoud hussein youssef ibrahim mustafa karim tariq reza mehdi ivan andrei yuri oleg pavel
    nikolai dmitri viktor wang li zhang liu chen hiroshi takeshi raj rahul amit vijay""".split()
)
FEMALE_NAMES = frozenset(
    """angela theresa hillary nancy kamala ursula jacinda marine christine federica maria anna
    elizabeth catherine margaret sarah mary julia sanna liz giorgia annalena kaja nicola
    condoleezza madeleine samantha nikki benazir indira golda aung tsai yulia ivanka melania
    michelle jill
    patricia jennifer linda barbara susan jessica karen nancy lisa betty sandra ashley kimberly
    emily donna carol amanda melissa deborah stephanie rebecca sharon laura cynthia amy kathleen
    shirley angela helen brenda pamela emma nicole samantha katherine christine debra rachel
    carolyn janet virginia heather diane ruth julie olivia joyce victoria kelly lauren christina
    joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa
    kathryn sara janice alice madison doris abigail judy grace denise amber marilyn beverly
    danielle theresa sophia marie diana brittany natalie isabella charlotte rose alexis kayla
    carmen ana lucia sofia isabel elena rosa gabriela silvia claudia marta francesca giulia
    chiara anja petra ingrid sabine claire sophie nathalie isabelle fatima aisha layla mariam
    zainab leila olga natalia tatiana svetlana irina ekaterina yuki priya anjali sunita""".split()
)

#: Head nouns of organizations written with a generic word ("the ministry", "news agency").
ORG_HEADS = frozenset(
    """ministry agency observatory organization organisation council committee
    commission office department army navy force forces government parliament court
    bank fund union alliance coalition party embassy service services authority
    institute foundation association federation company corporation group""".split()
)

#: Last words that make a name an organization's ("Acme Inc.", "Boston University").
ORG_SUFFIXES = frozenset(
    """inc corp corporation co ltd llc plc gmbh ag sa group holdings university college
    institute school hospital foundation association society airline airlines airways
    bank party league union council committee commission agency ministry department
    company network newspaper""".split()
)

#: Titles only people carry: a name right after one is a person's, whatever the NER said.
PERSON_TITLES = frozenset(
    """mr mr. mrs mrs. ms ms. dr dr. president senator sen. rep. representative congressman
    congresswoman speaker governor gov. mayor minister secretary chancellor premier king queen
    prince princess judge justice general gen. colonel col. captain capt. professor prof. pope
    sheikh emir sultan ayatollah lord lady sir""".split()
)

#: Common nouns that introduce an organization's name ("Iranian airline Mahan Air", "Acme, a
#: carmaker"): the name is an organization's whatever the NER said, and "the airline" later
#: refers back to it.
ORG_CLASS_NOUNS = frozenset(
    """airline carrier company firm corporation conglomerate bank lender insurer broadcaster
    newspaper magazine tabloid network website startup manufacturer automaker carmaker retailer
    brand militia party agency charity organization organisation ngo union club team university
    publisher studio developer operator chain giant outlet watchdog regulator think-tank
    alliance coalition bloc movement faction""".split()
)

#: Common nouns that introduce the name of a thing actors make or carry out ("the Paris
#: agreement", "Operation Dawn"); "the agreement" later refers back to it.
THING_CLASS_NOUNS = frozenset(
    """agreement deal accord pact treaty convention operation campaign offensive initiative
    programme program mission plan protocol framework""".split()
)

#: Class nouns that name the same kind of thing ("the deal" after "the Paris agreement").
CLASS_SYNONYMS = {
    word: group for group in (
        frozenset("agreement deal accord pact treaty".split()), frozenset("airline carrier".split()),
        frozenset("company firm corporation".split()), frozenset("offensive operation campaign".split()),
        frozenset("newspaper paper daily".split()), frozenset("programme program".split()),
        frozenset("organization organisation".split()), frozenset("coalition alliance".split()),
    ) for word in group
}

#: Names of diseases and their agents ("COVID-19", "the Ebola virus"): a thing, never an actor.
DISEASE = re.compile(
    r"^(?:covid(?:-?19)?|sars(?:-cov-2)?|mers|ebola|zika|hiv|aids|mpox|monkeypox|influenza|h\dn\d|"
    r".*\b(?:virus|coronavirus|disease|syndrome|fever|flu|pox)(?:es)?)$", re.IGNORECASE)

#: Common nouns of people that introduce a name ("a State Department spokesperson, Ana Ruiz",
#: "motorcyclist Harry Dunn"): the name is a person's whatever the NER said.
PERSON_NOUNS = frozenset(
    """spokesperson spokesman spokeswoman journalist reporter correspondent editor activist
    protester student lawyer attorney doctor nurse motorcyclist cyclist driver pilot diplomat
    official politician lawmaker senator minister president chairman chairwoman director
    commander officer soldier general colonel actor actress singer writer author artist
    player coach analyst researcher scientist professor economist businessman businesswoman
    entrepreneur investor founder executive ceo mother father wife husband son daughter brother
    sister widow resident victim suspect witness prosecutor judge mayor governor ambassador
    envoy leader cleric priest imam rapper musician filmmaker blogger""".split()
)

#: Singular nouns for a body of people that take "they" ("police said they had arrested ...").
PLURAL_COLLECTIVES = frozenset("police staff crew personnel military".split())

#: Verbs and nouns of publishing: what they are "on" is a platform ("posted on Twitter").
PUBLISHING_WORDS = frozenset(
    """post write tweet say announce share publish upload stream broadcast message statement
    video comment livestream reply respond""".split()
)

#: Verbs of putting something up: what they are "to" is a platform ("posted to Twitter"),
#: where "said to" or "wrote to" is a person.
UPLOAD_VERBS = frozenset("post upload publish stream livestream broadcast share".split())

#: Nouns a platform's name modifies ("a Twitter account", "her Instagram post").
PLATFORM_HEADS = frozenset("account post feed page channel tweet app website site platform user handle".split())

#: British spellings read as American ones when organization names are compared.
SPELLINGS = {"defence": "defense", "organisation": "organization", "programme": "program",
             "centre": "center", "labour": "labor"}

#: Participles after a place that say where an organization sits ("British based", "London-based").
BASE_PARTICIPLES = frozenset("based headquartered".split())

#: Descriptors that follow an organization's name and are not part of it.
ORG_DESCRIPTORS = ("news agency", "news service", "newspaper", "broadcaster")

#: Common-noun heads of collective actors ("Syrian rebel groups", "Western leaders").
GROUP_HEADS = frozenset(
    """groups forces coalition leaders countries allies rebels militants fighters
    troops establishment powers nations states governments insurgents jihadists
    protesters opposition militias militia army""".split()
)

#: Heads of agentive things that act for a state when a demonym says whose
#: ("Russian airstrikes", "French fighter jets"): they get an affiliation.
AGENTIVE_HEADS = frozenset(
    """jets planes warplanes aircraft airstrikes strikes missiles drones warships troops
    soldiers diplomats officials military navy army forces""".split()
)

#: Those of them that are people (a Group rather than a Thing).
AGENTIVE_PEOPLE = frozenset("troops soldiers diplomats officials".split())

#: Place-like common nouns used in descriptions ("the city", "the Kazakh capital").
PLACE_HEADS = frozenset("city town capital province village enclave stronghold".split())

#: Known non-state armed groups and their short names (lower case -> canonical).
KNOWN_GROUPS = {
    "islamic state": "Islamic State", "isis": "Islamic State", "isil": "Islamic State",
    "daesh": "Islamic State", "al-qaeda": "al-Qaeda", "al qaeda": "al-Qaeda",
    "hezbollah": "Hezbollah", "hamas": "Hamas", "taliban": "Taliban",
    "the taliban": "Taliban", "al-shabab": "al-Shabab", "boko haram": "Boko Haram",
}

#: Capitalized adjectives that keep their capital inside a group's name ("Western leaders").
CAPITALIZED_WORDS = frozenset("Western Eastern Arab European African Asian Islamic Islamist Sunni Shia Shiite Kurdish Gulf".split())

_LEADING_THE = re.compile(r"^(?:the|The)\s+")


@lru_cache(maxsize=1)
def _country_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                index[value.lower()] = c.alpha_3
    index.update(EXTRA_COUNTRY_NAMES)
    return index


def country_name(iso: str) -> Optional[str]:
    """The short name of a country by ISO alpha-3 code.

    >>> country_name("RUS"), country_name("DEU")
    ('Russia', 'Germany')
    """
    if iso in SHORT_NAMES:
        return SHORT_NAMES[iso]
    c = pycountry.countries.get(alpha_3=iso)
    if c is None:
        return None
    return getattr(c, "common_name", None) or c.name


@lru_cache(maxsize=16384)  # pure, and the same words come back in every article
def country(text: str) -> Optional[Country]:
    """The country a name refers to, or ``None``.

    >>> country("Russia"), country("Moscow")
    (Country(name='Russia', iso='RUS'), None)
    """
    key = _LEADING_THE.sub("", text.strip()).lower()
    iso = _country_index().get(key) or _country_index().get(key + ".")  # "U.S" once "." is cut
    if iso is None and key.startswith("the "):
        iso = _country_index().get(key[4:])
    if iso is None:
        return None
    name = country_name(iso)
    return Country(name, iso) if name else None


@lru_cache(maxsize=16384)  # pure, and the same words come back in every article
def demonym_iso(word: str) -> Optional[str]:
    """ISO alpha-3 of the country a demonym or nationality adjective names.

    >>> demonym_iso("Russian"), demonym_iso("Russians"), demonym_iso("red")
    ('RUS', 'RUS', None)
    """
    key = word.strip().lower()
    if key in DEMONYMS:
        return DEMONYMS[key]
    if key.endswith("s") and key[:-1] in DEMONYMS:
        return DEMONYMS[key[:-1]]
    return None


@lru_cache(maxsize=16384)  # pure, and the same words come back in every article
def metonym(text: str) -> Optional[tuple[str, str]]:
    """``(ISO, type)`` when a place or building name stands for a state.

    >>> metonym("Ankara"), metonym("Aleppo")
    (('TUR', 'Place'), None)
    """
    return METONYMS.get(_LEADING_THE.sub("", text.strip()).lower())


@lru_cache(maxsize=16384)  # pure, and the same words come back in every article
def place_iso(text: str) -> Optional[str]:
    """The ISO code of a country named by a country name, demonym or metonym.

    >>> place_iso("Russia's"), place_iso("Turkish"), place_iso("Kremlin")
    ('RUS', 'TUR', 'RUS')
    """
    text = re.sub(r"['’]s?$", "", text.strip())
    found = country(text)
    if found:
        return found.iso
    met = metonym(text)
    return met[0] if met else demonym_iso(text)


@lru_cache(maxsize=4096)  # pure, and asked for every name pair an article compares
def state_qualified(name: str) -> tuple[Optional[str], str]:
    """An organization's name as ``(ISO of the state qualifying it, the rest)``.

    The rest is lower case with British spellings folded, for comparing names
    written with and without their state ("Russian Defense Ministry", "the defence
    ministry"): the state is an affiliation, as a title's is for a person.

    >>> state_qualified("Russian Defense Ministry"), state_qualified("Russia's defence ministry")
    (('RUS', 'defense ministry'), ('RUS', 'defense ministry'))
    >>> state_qualified("the Defence Ministry"), state_qualified("US State Department")
    ((None, 'defense ministry'), ('USA', 'state department'))
    >>> state_qualified("Parliament of Iraq"), state_qualified("Bank of England")
    (('IRQ', 'parliament'), ('GBR', 'bank'))
    >>> state_qualified("United States Department of State"), state_qualified("Ministry of Defence")
    (('USA', 'state department'), (None, 'defense ministry'))
    """
    words = _LEADING_THE.sub("", name.strip()).split()
    iso = None
    for n in (2, 1):
        if len(words) > n and (iso := place_iso(" ".join(words[:n]))):
            words = words[n:]
            break
    if iso is None and "of" in words[1:-1]:  # "Parliament of Iraq", "Ministry of Defence of Chile"
        cut = len(words) - 1 - words[::-1].index("of")
        found = country(" ".join(words[cut + 1:]))
        if found is not None:
            iso, words = found.iso, words[:cut]
    if len(words) > 2 and words[1] == "of" and words[0].lower() in ORG_HEADS:
        words = words[2:] + words[:1]  # "Department of State" is the "State Department"
    return iso, " ".join(SPELLINGS.get(w.lower(), w.lower()) for w in words)


@lru_cache(maxsize=16384)  # pure, and the same words come back in every article
def role_of(title: str) -> Optional[str]:
    """The office a title names, comparable across wordings.

    >>> role_of("British Foreign Secretary"), role_of("US Secretary of State")
    ('foreign minister', 'foreign minister')
    >>> role_of("Turkish President"), role_of("deputy chief monitor")
    ('leader', None)
    """
    lowered = title.lower()
    for phrase in sorted(ROLE_SYNONYMS, key=len, reverse=True):
        if re.search(rf"\b{re.escape(phrase)}s?\b", lowered):
            return ROLE_SYNONYMS[phrase]
    return None


@lru_cache(maxsize=16384)  # pure, and the same words come back in every article
def title_iso(title: str) -> Optional[str]:
    """The state a title belongs to ("Russian President" -> RUS, "Turkey's President" -> TUR).

    >>> title_iso("Russian Foreign Minister"), title_iso("Turkey's President"), title_iso("President")
    ('RUS', 'TUR', None)
    """
    words = re.findall(r"[\w.]+(?:['’]s)?", title)
    for n in (2, 1):
        for i in range(len(words) - n + 1):
            iso = place_iso(" ".join(words[i : i + n]))
            if iso:
                return iso
    return None
