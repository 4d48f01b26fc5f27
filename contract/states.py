"""The States of the UN human-rights system: ISO 3166 alpha-3 codes and the names UN documents print.

A table of data, not a dependency: the UN's own short names in English and French (UNTERM), which
are not ISO's ("Iran (Islamic Republic of)", not "Iran, Islamic Republic of"), with the names a
document of another year prints ("Swaziland", "Cape Verde", "The former Yugoslav Republic of
Macedonia"). The 193 Member States and the two observer States. A name is looked up folded:
case, accents, apostrophes (’ or '), a leading "the" and footnote stars do not matter, and
"Venezuela (Bolivarian Republic of)" is also found as "the Bolivarian Republic of Venezuela".
"""

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class State:
    iso3: str  # ISO 3166-1 alpha-3
    en: str  # the UN's English short name: the `state` a report is filed under
    fr: str  # the UN's French short name
    other: tuple[str, ...] = ()  # former names and other forms UN documents print


# iso3 | English | French | other names, separated by ";"
_TABLE = """
AFG | Afghanistan | Afghanistan
ALB | Albania | Albanie
DZA | Algeria | Algérie
AND | Andorra | Andorre
AGO | Angola | Angola
ATG | Antigua and Barbuda | Antigua-et-Barbuda
ARG | Argentina | Argentine
ARM | Armenia | Arménie
AUS | Australia | Australie
AUT | Austria | Autriche
AZE | Azerbaijan | Azerbaïdjan
BHS | Bahamas | Bahamas
BHR | Bahrain | Bahreïn
BGD | Bangladesh | Bangladesh
BRB | Barbados | Barbade
BLR | Belarus | Bélarus
BEL | Belgium | Belgique
BLZ | Belize | Belize
BEN | Benin | Bénin
BTN | Bhutan | Bhoutan
BOL | Bolivia (Plurinational State of) | Bolivie (État plurinational de) | Bolivia
BIH | Bosnia and Herzegovina | Bosnie-Herzégovine
BWA | Botswana | Botswana
BRA | Brazil | Brésil
BRN | Brunei Darussalam | Brunéi Darussalam
BGR | Bulgaria | Bulgarie
BFA | Burkina Faso | Burkina Faso
BDI | Burundi | Burundi
CPV | Cabo Verde | Cabo Verde | Cape Verde; Cap-Vert
KHM | Cambodia | Cambodge
CMR | Cameroon | Cameroun
CAN | Canada | Canada
CAF | Central African Republic | République centrafricaine
TCD | Chad | Tchad
CHL | Chile | Chili
CHN | China | Chine
COL | Colombia | Colombie
COM | Comoros | Comores
COG | Congo | Congo | Republic of the Congo
CRI | Costa Rica | Costa Rica
CIV | Côte d’Ivoire | Côte d’Ivoire
HRV | Croatia | Croatie
CUB | Cuba | Cuba
CYP | Cyprus | Chypre
CZE | Czechia | Tchéquie | Czech Republic; République tchèque
PRK | Democratic People’s Republic of Korea | République populaire démocratique de Corée
COD | Democratic Republic of the Congo | République démocratique du Congo
DNK | Denmark | Danemark
DJI | Djibouti | Djibouti
DMA | Dominica | Dominique
DOM | Dominican Republic | République dominicaine
ECU | Ecuador | Équateur
EGY | Egypt | Égypte
SLV | El Salvador | El Salvador
GNQ | Equatorial Guinea | Guinée équatoriale
ERI | Eritrea | Érythrée
EST | Estonia | Estonie
SWZ | Eswatini | Eswatini | Swaziland; Kingdom of Eswatini; Royaume d’Eswatini
ETH | Ethiopia | Éthiopie
FJI | Fiji | Fidji
FIN | Finland | Finlande
FRA | France | France
GAB | Gabon | Gabon
GMB | Gambia | Gambie
GEO | Georgia | Géorgie
DEU | Germany | Allemagne
GHA | Ghana | Ghana
GRC | Greece | Grèce
GRD | Grenada | Grenade
GTM | Guatemala | Guatemala
GIN | Guinea | Guinée
GNB | Guinea-Bissau | Guinée-Bissau
GUY | Guyana | Guyana
HTI | Haiti | Haïti
HND | Honduras | Honduras
HUN | Hungary | Hongrie
ISL | Iceland | Islande
IND | India | Inde
IDN | Indonesia | Indonésie
IRN | Iran (Islamic Republic of) | Iran (République islamique d’) | Iran
IRQ | Iraq | Iraq
IRL | Ireland | Irlande
ISR | Israel | Israël
ITA | Italy | Italie
JAM | Jamaica | Jamaïque
JPN | Japan | Japon
JOR | Jordan | Jordanie
KAZ | Kazakhstan | Kazakhstan
KEN | Kenya | Kenya
KIR | Kiribati | Kiribati
KWT | Kuwait | Koweït
KGZ | Kyrgyzstan | Kirghizistan
LAO | Lao People’s Democratic Republic | République démocratique populaire lao
LVA | Latvia | Lettonie
LBN | Lebanon | Liban
LSO | Lesotho | Lesotho
LBR | Liberia | Libéria
LBY | Libya | Libye | Libyan Arab Jamahiriya; Jamahiriya arabe libyenne
LIE | Liechtenstein | Liechtenstein
LTU | Lithuania | Lituanie
LUX | Luxembourg | Luxembourg
MDG | Madagascar | Madagascar
MWI | Malawi | Malawi
MYS | Malaysia | Malaisie
MDV | Maldives | Maldives
MLI | Mali | Mali
MLT | Malta | Malte
MHL | Marshall Islands | Îles Marshall | Republic of the Marshall Islands
MRT | Mauritania | Mauritanie
MUS | Mauritius | Maurice
MEX | Mexico | Mexique
FSM | Micronesia (Federated States of) | Micronésie (États fédérés de)
MCO | Monaco | Monaco
MNG | Mongolia | Mongolie
MNE | Montenegro | Monténégro
MAR | Morocco | Maroc
MOZ | Mozambique | Mozambique
MMR | Myanmar | Myanmar
NAM | Namibia | Namibie
NRU | Nauru | Nauru
NPL | Nepal | Népal
NLD | Netherlands | Pays-Bas | Netherlands (Kingdom of the); Pays-Bas (Royaume des)
NZL | New Zealand | Nouvelle-Zélande
NIC | Nicaragua | Nicaragua
NER | Niger | Niger
NGA | Nigeria | Nigéria
MKD | North Macedonia | Macédoine du Nord | The former Yugoslav Republic of Macedonia; ex-République yougoslave de Macédoine
NOR | Norway | Norvège
OMN | Oman | Oman
PAK | Pakistan | Pakistan
PLW | Palau | Palaos
PAN | Panama | Panama
PNG | Papua New Guinea | Papouasie-Nouvelle-Guinée
PRY | Paraguay | Paraguay
PER | Peru | Pérou
PHL | Philippines | Philippines
POL | Poland | Pologne
PRT | Portugal | Portugal
QAT | Qatar | Qatar
KOR | Republic of Korea | République de Corée
MDA | Republic of Moldova | République de Moldova
ROU | Romania | Roumanie
RUS | Russian Federation | Fédération de Russie
RWA | Rwanda | Rwanda
KNA | Saint Kitts and Nevis | Saint-Kitts-et-Nevis
LCA | Saint Lucia | Sainte-Lucie
VCT | Saint Vincent and the Grenadines | Saint-Vincent-et-les Grenadines
WSM | Samoa | Samoa
SMR | San Marino | Saint-Marin
STP | Sao Tome and Principe | Sao Tomé-et-Principe
SAU | Saudi Arabia | Arabie saoudite
SEN | Senegal | Sénégal
SRB | Serbia | Serbie
SYC | Seychelles | Seychelles
SLE | Sierra Leone | Sierra Leone
SGP | Singapore | Singapour
SVK | Slovakia | Slovaquie
SVN | Slovenia | Slovénie
SLB | Solomon Islands | Îles Salomon
SOM | Somalia | Somalie
ZAF | South Africa | Afrique du Sud
SSD | South Sudan | Soudan du Sud
ESP | Spain | Espagne
LKA | Sri Lanka | Sri Lanka
SDN | Sudan | Soudan
SUR | Suriname | Suriname
SWE | Sweden | Suède
CHE | Switzerland | Suisse
SYR | Syrian Arab Republic | République arabe syrienne
TJK | Tajikistan | Tadjikistan
THA | Thailand | Thaïlande
TLS | Timor-Leste | Timor-Leste
TGO | Togo | Togo
TON | Tonga | Tonga
TTO | Trinidad and Tobago | Trinité-et-Tobago
TUN | Tunisia | Tunisie
TUR | Türkiye | Türkiye | Turkey; Turquie
TKM | Turkmenistan | Turkménistan
TUV | Tuvalu | Tuvalu
UGA | Uganda | Ouganda
UKR | Ukraine | Ukraine
ARE | United Arab Emirates | Émirats arabes unis
GBR | United Kingdom of Great Britain and Northern Ireland | Royaume-Uni de Grande-Bretagne et d’Irlande du Nord | United Kingdom; Royaume-Uni
TZA | United Republic of Tanzania | République-Unie de Tanzanie
USA | United States of America | États-Unis d’Amérique
URY | Uruguay | Uruguay
UZB | Uzbekistan | Ouzbékistan
VUT | Vanuatu | Vanuatu
VEN | Venezuela (Bolivarian Republic of) | Venezuela (République bolivarienne du) | Venezuela
VNM | Viet Nam | Viet Nam
YEM | Yemen | Yémen
ZMB | Zambia | Zambie
ZWE | Zimbabwe | Zimbabwe
VAT | Holy See | Saint-Siège
PSE | State of Palestine | État de Palestine
"""


def _rows(table: str) -> tuple[State, ...]:
    rows = []
    for line in table.strip().splitlines():
        iso3, en, fr, *other = (part.strip() for part in line.split("|"))
        rows.append(State(iso3, en, fr, tuple(o.strip() for o in other[0].split(";")) if other else ()))
    return tuple(rows)


STATES = _rows(_TABLE)
_BY_CODE = {state.iso3: state for state in STATES}
_INVERTED_RE = re.compile(r"^(?P<name>.+?) \((?P<kind>[^()]+)\)$")  # "Iran (Islamic Republic of)"
_FOOTNOTE_MARKS = "*∗†"
_ELIDED = ("’", "'")


def fold(name: str) -> str:
    """A name as it is looked up: no accents, case or footnote star; one kind of apostrophe, hyphen, space."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = re.sub(r"[’‘ʼ`´]", "'", plain)
    plain = re.sub(r"[‐‑‒–—]", "-", plain)
    return " ".join(plain.strip(_FOOTNOTE_MARKS + " \t").split())


def _forms(name: str) -> list[str]:
    """A name and its word order in running text: "Iran (Islamic Republic of)" is also "Islamic Republic of Iran"."""
    match = _INVERTED_RE.match(name)
    if not match:
        return [name]
    kind, short = match["kind"], match["name"]
    space = "" if kind.endswith(_ELIDED) else " "  # "République islamique d’" + "Iran"
    return [name, f"{kind}{space}{short}"]


def _names() -> dict[str, State]:
    names: dict[str, State] = {}
    for state in STATES:
        for printed in (state.en, state.fr, *state.other):
            for form in _forms(printed):
                for key in {fold(form), fold(form).removeprefix("the ")}:  # "The former Yugoslav Republic …"
                    assert names.get(key, state) == state, f"{form} names two States"
                    names[key] = state
    return names


NAMES = _names()  # every folded name -> its State


def state_named(name: str) -> State | None:
    """The State a printed name designates ("The Netherlands", "Peru *", "China (including Hong Kong…)")."""
    key = fold(name).removeprefix("the ")
    found = NAMES.get(key)
    if found is None and key.endswith(")") and "(" in key:  # "China (including Hong Kong, China and Macao, China)"
        found = NAMES.get(key[: key.rindex("(")].strip())
    return found


def state_of(iso3: str) -> State | None:
    """The State of an ISO 3166 alpha-3 code (`KAZ`)."""
    return _BY_CODE.get(iso3)
