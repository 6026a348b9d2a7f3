"""Slovenian vocabularies and sentence templates for the synthetic corpus (our own wording).

Every sentence here was written for this generator; place names come from the official
register (RPE) at generation time when it is available, else from the short fallback lists
below. Templates are ``str.format`` strings; the placeholders a template may use are listed
beside each family. Case forms that Slovenian needs (locative after ``na``/``v``, genitive
in headlines) are either stored with the word or derived by :func:`street_forms` for the
regular street-name shapes only, so no generated phrase is ungrammatical by construction.
"""
from __future__ import annotations

import re

# ----------------------------------------------------------------------------- calendar
WEEKDAY_ACC = ("ponedeljek", "torek", "sredo", "četrtek", "petek", "soboto", "nedeljo")  # v + acc
WEEKDAY_GEN = ("ponedeljka", "torka", "srede", "četrtka", "petka", "sobote", "nedelje")  # od/do + gen
MONTH_GEN = ("januarja", "februarja", "marca", "aprila", "maja", "junija", "julija", "avgusta",
             "septembra", "oktobra", "novembra", "decembra")
RFC822_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
RFC822_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# ----------------------------------------------------------------------------- places
# (nominative, locative, electricity distributor region, urban municipality?)
TOWNS: tuple[tuple[str, str, str, bool], ...] = (
    ("Ljubljana", "Ljubljani", "Ljubljana", True),
    ("Maribor", "Mariboru", "Maribor", True),
    ("Celje", "Celju", "Celje", True),
    ("Kranj", "Kranju", "Gorenjska", True),
    ("Velenje", "Velenju", "Celje", True),
    ("Koper", "Kopru", "Primorska", True),
    ("Novo mesto", "Novem mestu", "Ljubljana", True),
    ("Ptuj", "Ptuju", "Maribor", True),
    ("Nova Gorica", "Novi Gorici", "Primorska", True),
    ("Murska Sobota", "Murski Soboti", "Maribor", True),
    ("Slovenj Gradec", "Slovenj Gradcu", "Celje", True),
    ("Šoštanj", "Šoštanju", "Celje", False),
    ("Jesenice", "Jesenicah", "Gorenjska", False),
    ("Domžale", "Domžalah", "Ljubljana", False),
    ("Škofja Loka", "Škofji Loki", "Gorenjska", False),
    ("Kamnik", "Kamniku", "Ljubljana", False),
    ("Trbovlje", "Trbovljah", "Ljubljana", False),
    ("Izola", "Izoli", "Primorska", False),
    ("Žalec", "Žalcu", "Celje", False),
    ("Krško", "Krškem", "Celje", False),
    ("Brežice", "Brežicah", "Celje", False),
    ("Postojna", "Postojni", "Primorska", False),
    ("Idrija", "Idriji", "Primorska", False),
    ("Ajdovščina", "Ajdovščini", "Primorska", False),
    ("Litija", "Litiji", "Ljubljana", False),
    ("Vrhnika", "Vrhniki", "Ljubljana", False),
    ("Grosuplje", "Grosupljem", "Ljubljana", False),
    ("Radovljica", "Radovljici", "Gorenjska", False),
    ("Tržič", "Tržiču", "Gorenjska", False),
    ("Sevnica", "Sevnici", "Celje", False),
    ("Kočevje", "Kočevju", "Ljubljana", False),
    ("Ribnica", "Ribnici", "Ljubljana", False),
)

# Used only when no register folder is available: a handful of common street names per town shape.
FALLBACK_STREETS = (
    "Cankarjeva ulica", "Prešernova cesta", "Gregorčičeva ulica", "Trubarjeva cesta", "Cesta talcev",
    "Ulica heroja Šaranoviča", "Trg svobode", "Glavni trg", "Kidričeva cesta", "Levstikova ulica",
    "Vodnikova ulica", "Aškerčeva cesta", "Jurčičeva ulica", "Stritarjeva ulica", "Kersnikova pot",
    "Cesta na grad", "Ulica bratov Vošnjakov", "Partizanska cesta", "Šolska ulica", "Vrtna ulica",
)
FALLBACK_SETTLEMENTS = ("Podgora", "Zavrh", "Gorenja vas", "Dolenja vas", "Brdo", "Laze", "Log", "Selo",
                        "Praproče", "Hrib", "Gaberje", "Lokovica", "Ravne", "Strmec")

_STREET_SHAPES = (
    # (pattern on the nominative, locative, genitive)
    (re.compile(r"^(\w+)a ulica$"), r"\1i ulici", r"\1e ulice"),
    (re.compile(r"^(\w+)a cesta$"), r"\1i cesti", r"\1e ceste"),
    (re.compile(r"^(\w+)a pot$"), r"\1i poti", r"\1e poti"),
    (re.compile(r"^(\w+)i trg$"), r"\1em trgu", r"\1ega trga"),
    (re.compile(r"^Cesta (.+)$"), r"Cesti \1", r"Ceste \1"),
    (re.compile(r"^Ulica (.+)$"), r"Ulici \1", r"Ulice \1"),
    (re.compile(r"^Trg (.+)$"), r"Trgu \1", r"Trga \1"),
)


def street_forms(nominative: str) -> tuple[str, str] | None:
    """``(locative, genitive)`` of a street name of a regular shape, else None (the name is skipped)."""
    for pattern, loc, gen in _STREET_SHAPES:
        if pattern.match(nominative):
            return pattern.sub(loc, nominative), pattern.sub(gen, nominative)
    return None


# ----------------------------------------------------------------------------- operators
# Per service: operator name templates; {town} is the nominative town, {region} the distributor region,
# {owner} the municipality itself (``Mestna občina X`` or ``Občina X``).
OPERATORS = {
    "water": ("Komunalno podjetje {town}", "Komunala {town}", "JP Vodovod {town}"),
    "heating": ("Energetika {town}", "Toplarna {town}", "Komunalno podjetje {town}"),
    "gas": ("Plinarna {town}", "Komunalno podjetje {town}", "Petrol"),
    "electricity": ("Elektro {region}",),
    "road": ("{owner}", "Direkcija RS za infrastrukturo", "Komunala {town}"),
    "public_transport": ("Mestni promet {town}", "Avtobusni prevoz {town}", "{owner}"),
    "waste": ("Komunala {town}", "Komunalno podjetje {town}", "Javno podjetje Snaga {town}"),
    "facility": ("Zavod za šport {town}", "Javni zavod za šport in kulturo {town}", "{owner}"),
}
SERVICES = tuple(OPERATORS)

# Causes: (cause enum, phrase in the genitive after "zaradi", services it fits; empty = any)
CAUSES = (
    ("maintenance", "rednih vzdrževalnih del", ()),
    ("maintenance", "vzdrževalnih del na omrežju", ("water", "heating", "gas", "electricity")),
    ("maintenance", "zamenjave dotrajanih cevi", ("water", "heating", "gas")),
    ("maintenance", "priključitve novih odjemalcev", ("water", "heating", "gas", "electricity")),
    ("maintenance", "pregleda transformatorske postaje", ("electricity",)),
    ("maintenance", "čiščenja vodohrana", ("water",)),
    ("maintenance", "servisa strojnice", ("facility",)),
    ("construction", "obnove vodovoda", ("water", "road")),
    ("construction", "gradnje kanalizacije", ("water", "road")),
    ("construction", "rekonstrukcije vročevoda", ("heating", "road")),
    ("construction", "asfaltiranja vozišča", ("road", "public_transport")),
    ("construction", "prenove objekta", ("facility",)),
    ("construction", "ureditve pločnika in javne razsvetljave", ("road",)),
    ("fault", "okvare na omrežju", ("water", "heating", "gas", "electricity")),
    ("fault", "nenadne okvare črpalke", ("water", "facility")),
    ("fault", "poškodbe kabla", ("electricity",)),
    ("weather", "posledic neurja", ("electricity", "road")),
    ("weather", "močnega sneženja", ("road", "public_transport")),
    ("planned_event", "prireditve v središču mesta", ("road", "public_transport")),
    ("planned_event", "tekaške prireditve", ("road", "public_transport")),
)

# Notice sentences. Placeholders: {op} operator, {when} the window phrase, {where} a place phrase
# (starting with a preposition), {cause} genitive cause phrase, {town_loc}, {line} bus line number.
NOTICE_LEADS = {
    "water": (
        "{op} obvešča uporabnike, da bo {when} zaradi {cause} prekinjena dobava pitne vode {where}.",
        "{op} obvešča, da bo {when} {where} zaradi {cause} znižan tlak vode.",
        "Zaradi {cause} bodo {when} {where} odjemalci brez pitne vode, sporoča {op}.",
        "{op} opozarja, da bo {when} {where} motena oskrba s pitno vodo zaradi {cause}.",
    ),
    "heating": (
        "{op} obvešča, da bo {when} zaradi {cause} prekinjena dobava toplote {where}.",
        "Zaradi {cause} bodo {when} {where} odjemalci brez ogrevanja in tople sanitarne vode, obvešča {op}.",
        "{op} sporoča, da bo {when} {where} motena dobava toplotne energije zaradi {cause}.",
    ),
    "gas": (
        "{op} obvešča, da bo {when} zaradi {cause} prekinjena dobava zemeljskega plina {where}.",
        "{op} sporoča, da bodo {when} {where} odjemalci brez plina zaradi {cause}.",
    ),
    "electricity": (
        "{op} obvešča, da bo {when} zaradi {cause} prekinjena dobava električne energije {where}.",
        "Zaradi {cause} bo {when} izklop elektrike {where}, sporoča {op}.",
        "{op} obvešča odjemalce, da bodo {when} {where} brez električne energije zaradi {cause}.",
    ),
    "road": (
        "{op} obvešča, da bo {when} zaradi {cause} popolna zapora {where}.",
        "Zaradi {cause} bo {when} delna zapora {where}, promet bo potekal izmenično enosmerno, obvešča {op}.",
        "{op} sporoča, da bo {when} {where} zaradi {cause} veljala polovična zapora ceste.",
    ),
    "public_transport": (
        "{op} obvešča, da bo {when} zaradi {cause} linija {line} vozila po spremenjeni trasi {where}.",
        "Zaradi {cause} avtobusi linije {line} {when} ne bodo vozili {where}, sporoča {op}.",
    ),
    "waste": (
        "{op} obvešča, da bo {when} zbirni center {where} zaprt zaradi {cause}.",
        "{op} sporoča, da odvoz odpadkov {when} {where} ne bo potekal po urniku zaradi {cause}.",
    ),
    "facility": (
        "{op} obvešča obiskovalce, da bo {when} zaradi {cause} zaprt mestni bazen {where}.",
        "Zaradi {cause} bo {when} knjižnica {where} zaprta, obvešča {op}.",
        "{op} sporoča, da bo športna dvorana {where} {when} zaprta zaradi {cause}.",
    ),
}
# Follow-up sentences (no placeholders but {op}); background the extractor should not double count.
NOTICE_FOLLOWUPS = {
    "water": ("Uporabnikom svetujemo, da si pred tem natočijo zadostno količino vode.",
              "Po ponovni vzpostavitvi dobave je lahko voda nekaj časa motna.",
              "Za razumevanje se zahvaljujemo."),
    "heating": ("Ob ponovnem zagonu sistema priporočamo odzračevanje radiatorjev.",
                "Za nevšečnosti se opravičujemo."),
    "gas": ("Odjemalce prosimo, da v tem času ne uporabljajo plinskih naprav.",
            "Za razumevanje se zahvaljujemo."),
    "electricity": ("V primeru ugodnih vremenskih razmer bodo dela končana prej.",
                    "Odjemalce prosimo, da občutljive naprave izključijo iz omrežja."),
    "road": ("Obvoz bo urejen po sosednjih ulicah, stanovalci bodo do hiš lahko dostopali.",
             "Voznike prosimo za strpnost in upoštevanje prometne signalizacije."),
    "public_transport": ("Postajališča na tem odseku ne bodo v uporabi.",
                         "Potnike prosimo, da upoštevajo obvestila na postajališčih."),
    "waste": ("Zabojnike pripravite ob običajnem času, odvoz bo opravljen naslednji delovni dan.",
              "Informacije so na voljo na telefonski številki komunalnega podjetja."),
    "facility": ("Imetnikom letnih vstopnic bomo čas zaprtja ustrezno podaljšali.",
                 "Hvala za razumevanje."),
}
NOTICE_TITLES = {
    "water": ("Prekinitev dobave pitne vode – {street}", "Znižan tlak vode – {place}", "Brez vode {street_loc_phrase}"),
    "heating": ("Prekinitev dobave toplote – {place}", "Brez ogrevanja {street_loc_phrase}"),
    "gas": ("Prekinitev dobave plina – {place}",),
    "electricity": ("Izklop elektrike – {place}", "Prekinitev dobave električne energije – {place}"),
    "road": ("Zapora {street_gen}", "Delna zapora {street_gen}", "Popolna zapora ceste – {place}"),
    "public_transport": ("Spremenjena trasa linije {line}", "Obvoz mestnih avtobusov – {place}"),
    # waste and facility headlines follow their lead's index (the lead says what is closed)
    "waste": ("Zbirni center zaprt – {place}", "Obvestilo o odvozu odpadkov – {place}"),
    "facility": ("Mestni bazen zaprt – {place}", "Zaprtje knjižnice – {place}", "Športna dvorana zaprta"),
}

# ----------------------------------------------------------------------------- events
# (category, title in the nominative, accusative after "vabi na", verb-phrase)
EVENT_KINDS = (
    ("culture", "Pomladni koncert pihalnega orkestra", "pomladni koncert pihalnega orkestra"),
    ("culture", "Večer slovenske poezije", "večer slovenske poezije"),
    ("culture", "Gledališka predstava za otroke", "gledališko predstavo za otroke"),
    ("exhibition", "Razstava fotografij starega mestnega jedra", "odprtje razstave fotografij starega mestnega jedra"),
    ("exhibition", "Razstava del mladih ilustratorjev", "razstavo del mladih ilustratorjev"),
    ("workshop", "Delavnica izdelave ptičjih hišic", "delavnico izdelave ptičjih hišic"),
    ("workshop", "Računalniška delavnica za starejše", "računalniško delavnico za starejše"),
    ("fair", "Sejem rabljene športne opreme", "sejem rabljene športne opreme"),
    ("fair", "Tržnica lokalnih pridelovalcev", "tržnico lokalnih pridelovalcev"),
    ("session", "Redna seja občinskega sveta", "redno sejo občinskega sveta"),
    ("meeting", "Javna predstavitev prostorskega načrta", "javno predstavitev prostorskega načrta"),
    ("meeting", "Zbor krajanov", "zbor krajanov"),
    ("conference", "Posvet o energetski prenovi stavb", "posvet o energetski prenovi stavb"),
    ("sports", "Občinski tek za zdravje", "občinski tek za zdravje"),
    ("sports", "Turnir v malem nogometu", "turnir v malem nogometu"),
    ("festival", "Poletni festival uličnih glasbenikov", "poletni festival uličnih glasbenikov"),
    ("ceremony", "Slovesnost ob občinskem prazniku", "slovesnost ob občinskem prazniku"),
    ("ceremony", "Odprtje prenovljenega parka", "odprtje prenovljenega parka"),
    ("signing", "Podpis pogodbe za gradnjo vrtca", "podpis pogodbe za gradnjo vrtca"),
)
# (nominative, locative): venues where an event takes place; {town} is filled in.
VENUES = (
    ("Kulturni dom {town}", "Kulturnem domu {town}"),
    ("Mestna knjižnica {town}", "Mestni knjižnici {town}"),
    ("Športna dvorana {town}", "Športni dvorani {town}"),
    ("Galerija {town}", "Galeriji {town}"),
    ("Mestni trg", "Mestnem trgu"),
    ("Glasbena šola {town}", "Glasbeni šoli {town}"),
    ("Sejna dvorana občine", "Sejni dvorani občine"),
    ("Mladinski center {town}", "Mladinskem centru {town}"),
    ("Mestni park", "Mestnem parku"),
)
ORGANIZERS = ("Zavod za kulturo {town}", "Turistično društvo {town}", "{owner}",
              "Društvo upokojencev {town}", "Zavod za šport {town}", "Mladinski svet {town}")
EVENT_LEADS = (
    "{org} vabi na {acc}, ki bo {when} v {venue_loc}.",
    "V {venue_loc} bo {when} {acc_nom}.",
    "{when_cap} bo v {venue_loc} {acc_nom}, organizator je {org}.",
)
EVENT_FOLLOWUPS = ("Vstop je prost, vljudno vabljeni.", "Prijave zbirajo do zapolnitve mest.",
                   "Dogodek bo v primeru slabega vremena prestavljen v notranje prostore.",
                   "Za otroke bo poskrbljeno z ustvarjalnim kotičkom.")

# ----------------------------------------------------------------------------- projects
# (sector, name template in the nominative; {town} nominative, {street} nominative, {settlement})
PROJECT_KINDS = (
    ("public_buildings", "Energetska obnova vrtca {settlement}"),
    ("education", "Prizidek osnovne šole {settlement}"),
    ("mobility", "Kolesarska povezava {street}"),
    ("business_zone", "Poslovna cona {settlement}"),
    ("water", "Čistilna naprava {settlement}"),
    ("water", "Vodovod {settlement}"),
    ("urban_renewal", "Prenova {street_gen}"),
    ("culture_sport", "Nova športna dvorana {town}"),
    ("energy", "Sončna elektrarna na strehi športne dvorane {town}"),
    ("district_heating", "Razširitev vročevodnega omrežja {town}"),
    ("social", "Dom za starejše {settlement}"),
    ("digital", "Širokopasovno omrežje {settlement}"),
    ("climate", "Zelena streha mestne tržnice {town}"),
)
FUNDS = ("Sklad za pravičen prehod", "Načrt za okrevanje in odpornost", "Evropski sklad za regionalni razvoj",
         "Kohezijski sklad", "Eko sklad", "državni proračun")
PROJECT_LEADS = (
    "{owner} bo letos začela projekt {name}. Naložba je vredna {budget}, sofinancirana pa bo iz sredstev {fund_gen}.",
    "Projekt {name} je vreden {budget}, {owner_short} pa zanj pričakuje tudi sredstva {fund_gen}.",
    "{owner} je podpisala pogodbo z izvajalcem za projekt {name}, ki bo stal {budget}.",
)
PROJECT_FOLLOWUPS = (
    "Dela naj bi bila končana do leta {year}.",
    "Izvajalec mora dela končati do leta {year}.",
    "Župan je ob tem poudaril, da gre za eno najpomembnejših naložb v tem mandatu.",
    "Površina območja meri {area} kvadratnih metrov.",
)
FUND_GENITIVE = {
    "Sklad za pravičen prehod": "Sklada za pravičen prehod",
    "Načrt za okrevanje in odpornost": "Načrta za okrevanje in odpornost",
    "Evropski sklad za regionalni razvoj": "Evropskega sklada za regionalni razvoj",
    "Kohezijski sklad": "Kohezijskega sklada",
    "Eko sklad": "Eko sklada",
    "državni proračun": "državnega proračuna",
}

# ----------------------------------------------------------------------------- news (no records)
NEWS_TITLES = ("Rokometaši zmagali v gosteh", "Učenci obiskali partnersko šolo", "Nova knjiga domačega avtorja",
               "Gasilci dobili novo vozilo", "Pevski zbor osvojil zlato priznanje", "Otroci posadili drevored",
               "Mladi raziskovalci predstavili naloge", "Prostovoljci očistili bregove potoka")
NEWS_SENTENCES = (
    "Ekipa je tekmo odločila v zadnjih minutah in ostaja pri vrhu lestvice.",
    "Obisk je bil priložnost za izmenjavo izkušenj med učitelji in učenci.",
    "Avtor v knjigi opisuje življenje v kraju v prejšnjem stoletju.",
    "Vozilo so kupili s pomočjo krajanov in lokalnih podjetij.",
    "Zborovodja je bil z nastopom zelo zadovoljen.",
    "Akcijo so pripravili v sodelovanju z vrtcem in krajevno skupnostjo.",
    "Najboljše naloge bodo poslali na državno tekmovanje.",
    "Zbrali so več kot dvajset vreč odpadkov.",
    "Prireditelji se zahvaljujejo vsem, ki so pomagali pri organizaciji.",
    "Več fotografij si lahko ogledate v galeriji na spletni strani.",
)
NEWS_CATEGORIES = ("Kultura", "Šport", "Aktualno", "Mladi", "Gospodarstvo", "Okolje")

# ----------------------------------------------------------------------------- page chrome
NAV_ITEMS = ("Domov", "Občina", "Novice", "Obvestila", "Razpisi", "Turizem", "Kontakt")
PHOTO_CREDITS = ("FOTO: Arhiv občine", "FOTO: Občinska uprava", "Foto: Turistično društvo", "FOTO: Lokalni portal")
FIRST_NAMES = ("Marija", "Ivan", "Ana", "Franc", "Jožef", "Ivana", "Anton", "Frančiška", "Janez", "Marko",
               "Terezija", "Stanislav", "Angela", "Alojz", "Milena")
LAST_NAMES = ("Novak", "Horvat", "Krajnc", "Zupančič", "Kovač", "Potočnik", "Mlakar", "Kos", "Vidmar",
              "Golob", "Turk", "Božič", "Kralj", "Korošec", "Zupan")
