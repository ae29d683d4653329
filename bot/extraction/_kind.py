"""Kind of article: attack, arrest (or raid), diplomacy (or politics), or other,
from weighted cue words in the title (counted three times) and the lead, found in
one Aho-Corasick pass. An analysis piece about an attack reports that attack, so it
reads as "attack".

Not every death is an attack (pattern 10): the kind is "attack" only when an actor used
violence on purpose. An article whose title and lead speak of accidents, disasters,
disease, poisoning, overdoses, yearly statistics and reports, sport or animals, and name no
deliberate violence (no weapon, no armed actor, no attack word), is "other" whatever its
death toll: "Tanker explosion kills 12", "Cholera outbreak kills 40", "United massacred
5-0", "Drought kills 300 cattle".
"""
from __future__ import annotations

from typing import Final

from ._automaton import Automaton
from ._text import Doc

# cue -> kind; matched as whole words (a trailing "*" matches any word ending)
# Strikes by drones and missiles, and a weapon as the subject of "struck"/"hit" ("Ukrainian drones struck an
# oil depot"): attack cues (CUES), and deliberate violence beside a death word (VIOLENCE)
STRIKES: Final = ("with drones", "drone attack", "drone attacks", "kamikaze drone", "kamikaze drones",
           "drones struck", "drone struck", "drones hit", "missiles struck", "missile struck", "missiles hit",
           "rockets struck", "rocket struck", "rockets hit", "shells struck", "shells hit")
# an arrest told by what the suspects were caught with: its verb is the headline's arrest verb
_POSSESSED: Final = ("explosives", "explosive", "weapons", "arms", "ammunition", "grenades", "grenade", "detonators",
                     "bomb-making", "guns", "firearms", "pistols", "rifles", "ieds", "ied", "drugs", "heroin",
                     "cocaine", "suicide vests", "suicide vest", "fake currency")
HELD_WITH: Final = tuple(f"{v} with {w}" for v in ("held", "caught", "nabbed", "arrested", "detained")
                         for w in _POSSESSED)
# suspects held in an operation ("Suspected IS cell members held in raid"), not talks or drills held
HELD_IN: Final = tuple(f"held in {a}{w}" for a in ("", "a ", "police ", "a police ", "security ", "a security ")
                       for w in ("raid", "raids", "crackdown", "operation", "sweep", "swoop"))
# "hijack" and its kin: an attack cue only beside a vehicle or vessel (``_hijacked_vehicle``: "Hackers hijack
# accounts", "Protesters hijack the debate" are none)
_HIJACK: Final = ("hijack", "hijacks", "hijacked", "hijacking", "hijackers", "hijacker")
CUES: Final = {
    "attack": (
        "attack", "attacks", "attacked", "attacker", "attackers", "attacking", "assault", "assaults", "assaulted",
        "bomb", "bombs", "bombed", "bombing", "bombings", "bomber", "bombers", "blast", "blasts", "explosion",
        "explosions", "exploded", "massacre", "massacres", "shooting", "shootings", "gunmen", "gunman", "gunfire",
        "ambush", "ambushed", "killed", "killing", "killings", "dead", "death", "deaths", "death toll", "toll",
        "stab", "stabs", "stabbing", "stabbings",
        "wounded", "injured", "suicide", "stormed", "abducted", "kidnapped", "kidnapping", "beheaded",
        "abduct", "abducts", "abducting", "kidnap", "kidnaps",
        "opened fire", "fired", "rocket", "rockets", "mortar", "mortars", "drone strike", "insurgents", "insurgent",
        "under attack", "clash", "clashes", "hostage", "hostages", "assailant", "assailants", "detonated",
        "explosive", "ied", "carnage", "victims", "victim", "mourn", "mourns", "mourning", "massacred",
        "set fire", "arson", "arsons", "arson attack", "firebomb", "firebombs", "incendiary", "explosive device",
        "explosive devices", "defused", "torched", "grenade", "grenades", "explosives-laden", "sabotage", "assailants",
        "missile", "missiles", "airstrike", "airstrikes", "air strike", "air strikes", "shelling", "shelled",
        "seize", "seized", "seizes", "offensive", "fighting", "battle", "battles", "overran", "raid", "raided",
        # analysts' notes (ACLED style): exchanges of fire and shelling with no toll are attacks too
        "shot at", "shoot-out", "shootout", "shoot out", "exchanged fire", "fire fight", "firefight", "gunfight",
        "projectiles", "shells", "clashed", "air raid", "air raids", "bombardment", "bombarded", "repelled",
        "thwarted", "incursion", "targeted", "machine guns", "machineguns", "heavy weapons", "small arms",
        "artillery", "shot dead", "shot and killed", "stabbed", "hacked", "lynched", "murdered", "murder",
        "abduction", "abductions", "looted", "burnt", "burned down", "set ablaze", "fired upon", "fired on",
        "fired at", "opened fire", "armed men", "unidentified gunmen", "martyr", "martyrs", "martyred",
        "kill", "kills", "murders", "behead", "beheads", "executes", "executed", "lynching", "landmine",
        "roadside bomb", "killing", "shoot-outs", "shootouts", "exchange of fire", "fought", "overtook", "raped",
        "rape", "tortured", "torture", "beat up", "forcibly disappeared", "dismantled",
        "torch", "torches", "set ablaze", "sets ablaze", "set on fire", "sets fire",
        # rioters' arson of homes (ACLED's riots and property destruction)
        "rioters", "rioted", "burned the house", "burned the houses", "burned a house", "burned houses",
        "burned homes", "burned the homes", "burnt houses", "burnt the house", "burnt homes",
        # analysts' words for strikes and weapons ("carried out 15 raids on positions", "using an ATGM")
        "raids", "atgm", "atgms", "anti-tank", "assaulting",
        # artillery and air fire told as a beating ("Taliban militants 'pounded' a military base")
        "pounded",
        "drone strikes", *STRIKES,
        # weapons launched at a target, with no toll ("launched drones at army positions")
        "launched drones at", "launched a drone at", "launched rockets at", "launched a rocket at",
        "launched missiles at", "launched a missile at", "launched mortars at", "launched shells at",
        "launched projectiles at", "launches drones at", "launch drones at", "fired drones at",
        # a target's vehicles burned ("rebels burned 3 trucks of a contractor"): see _burned_vehicles
        "burned",
        # a vehicle or vessel taken by force ("Pirates hijack tanker off Somalia"): see _hijacked_vehicle
        *_HIJACK,
        # pirates who come aboard by force ("Pirates board cargo ship off Somalia")
        "pirates board", "pirates boarded", "pirates boards", "boarded by pirates", "boarded by armed men",
    ),
    "arrest": (
        "arrest", "arrests", "arrested", "arresting", "detain", "detains", "detained", "detaining", "detention",
        "detentions", "detainees", "custody", "rounded up", "round-up", "roundup", "crackdown", "suspect", "suspects",
        "apprehended", "nabbed", "captured", "capture", "captures", "charged", "indicted", "convicted", "sentenced", "extradited",
        "extradition", "prosecuted", "prosecution", "police operation", "security sweep", "raids on suspected",
        # what the arrested are held for ("arrested four men suspected of plotting attacks")
        "suspected of", "on suspicion of",
        # suspects held over a killing ("Two held in connection with the murder of a chief"): see CAUSE
        "held in connection with", *(f"held {prep} {the}{what}" for prep in ("over", "for") for the in ("", "the ")
                                     for what in ("killing", "killings", "murder", "murders", "death", "attack")),
        # suspects caught with what they carried ("Two held with explosives and detonators in raid"): see HELD_WITH
        *HELD_WITH, *HELD_IN,
    ),
    "diplomacy": (
        "talks", "negotiation", "negotiations", "negotiate", "negotiating", "agree", "agrees", "agreed", "agreement",
        "deal", "summit", "ceasefire", "truce", "peace process", "peace deal", "peace plan", "peace talks",
        "diplomat", "diplomats", "diplomatic", "diplomacy", "envoy", "ambassador", "foreign minister",
        "foreign ministry", "secretary of state", "bilateral", "withdraw", "withdrawal", "withdrawing", "treaty",
        "sanctions", "visit", "meets", "met with", "accord", "mediation", "mediator", "dialogue", "delegation",
        "resolution", "security council", "president says",
        "prime minister", "coalition",
        # a signing is the news, whatever the agreement is about ("signed an agreement on the
        # destruction of explosive devices"): see _SIGNED
        "signed an agreement", "signed a peace agreement", "signed a ceasefire", "signed a ceasefire agreement",
        "signed an accord", "signed a peace accord", "signed a deal", "signed a peace deal", "signed a memorandum",
        "signed a truce", "peace agreement", "cessation of hostilities",
        # meetings to calm a dispute ("ministers meet to ease border tensions after deadly clashes")
        "ease tensions", "ease border tensions", "defuse tensions", "defuse border tensions", "calm tensions",
        "military hotline", "confidence-building", "bury the hatchet", "restore ties", "restore diplomatic ties",
        "mend ties", "foreign ministers",
    ),
}
_TITLE_WEIGHT: Final = 3.0
_ARREST_VERBS: Final = frozenset({"arrest", "arrests", "arrested", "detain", "detains", "detained", "charged", "nabbed",
                           "apprehended", "indicted", "extradited", *HELD_WITH, *HELD_IN})
_SIGNED: Final = frozenset(w for w in CUES["diplomacy"] if w.startswith("signed "))
# "Police capture gang leader": an arrest verb only after the police or army (see ``classify``)
_CAPTURE: Final = frozenset({"capture", "captures"})
# A device defused is a failed attack (GTD), but a headline that also arrests is an arrest ("Army defuses
# explosive device, arrests 2"): the defusal is no attack verb beside an arrest
_DEFUSE: Final = frozenset({"defuse", "defuses", "defused", "defusing"})
_PRESENT_ATTACK: Final = frozenset({"attack", "attacks", "ambush", "ambushes", "raid", "raids"})
# A device made safe with nobody hurt ("Bomb squad defuses explosive device at market", "Sappers destroy
# unexploded rocket found near school") is no attack: its only attack cues are the device's own words (and
# the defusal), no armed actor is named, and nothing says the device was planted or aimed at anyone
# (``SET`` words: "Troops defuse roadside bomb planted on highway" stays a failed attack, as GTD codes it)
_MADE_SAFE: Final = ("defuse", "defuses", "defused", "defusing", "made safe", "make safe", "makes safe",
              "controlled detonation", "controlled explosion", "controlled explosions", "unexploded", "deactivated",
              "deactivates", "deactivate")
SET: Final = ("planted", "plant", "plants", "planting", "roadside", "laid", "placed", "hidden", "booby-trapped",
       "booby trap", "booby-trap", "attempted", "attempt", "intended", "aimed at", "targeting", "meant to",
       "claimed responsibility", "claiming responsibility", "attributed", "foiled", "foil", "foils", "plot")
_DEVICE_CUES: Final = frozenset({"bomb", "bombs", "ied", "explosive", "explosive device", "explosive devices", "grenade",
                          "grenades", "landmine", "rocket", "rockets", "mortar", "mortars", "shells", "missile",
                          "missiles", "defused", "projectiles", "explosives-laden"})
# An arms haul: weapons and devices that police or troops recovered ("arrested three militants and recovered two
# suicide jackets and grenades"): beside an arrest verb and no toll, the arrest is the news (``_recovered``)
_HAUL: Final = frozenset({"suicide", "grenade", "grenades", "explosive", "explosives-laden", "explosive device",
                          "explosive devices", "ied", "bomb", "bombs", "rocket", "rockets", "mortar", "mortars",
                          "missile", "missiles", "machine guns", "machineguns", "heavy weapons", "small arms", "atgm",
                          "atgms", "anti-tank", "shells", "projectiles", "landmine"})
_RECOVER: Final = frozenset({"recovered", "recover", "recovers", "recovering", "seized", "seize", "seizes", "seizing",
                             "confiscated", "confiscate", "impounded", "unearthed", "found", "discovered"})


_SEIZED_ARMS: Final = frozenset({"weapons", "weapon", "arms", "ammunition", "ammunitions", "rifles", "guns", "pistols",
                                  "firearms", "explosives", "grenades", "ieds", "bombs", "detonators"})
_ARMS_FILL: Final = frozenset({"a", "the", "their", "some", "large", "small", "quantity", "quantities", "cache",
                               "caches", "haul", "of", "and", "illegal", "several"})
_ARREST_BEFORE: Final = frozenset({"arrested", "detained", "apprehended", "nabbed", "held", "captured"})


def _seized_arms(low: str, s: int, e: int) -> bool:
    """Is the seizure verb at ``low[s:e]`` the police's, with weapons as its object, after an arrest in the same
    sentence ("arrested 5 suspected ISKP members in Dushanbe and seized weapons"): an arms haul, no attack?
    (An armed group's raid that seized weapons before troops arrested some of it stays an attack.)"""
    for w in low[e:e + 48].split()[:5]:
        w = w.strip(",.;:'\"()")
        if w in _SEIZED_ARMS:
            break
        if w not in _ARMS_FILL and not w.isdigit():
            return False
    else:
        return False
    back = low[max(0, s - 160):s]
    for c in ".;:!?":
        back = back[back.rfind(c) + 1:]
    return not _ARREST_BEFORE.isdisjoint(w.strip(",'\"()") for w in back.split())


def _recovered(low: str, s: int) -> bool:
    """Is the weapon word at ``s`` the object of a recovery verb a few words before it, in the same sentence
    ("recovered two suicide jackets and grenades")?"""
    back = low[max(0, s - 64):s]
    for c in ".;:!?":
        back = back[back.rfind(c) + 1:]
    return not _RECOVER.isdisjoint(w.strip(",'\"()") for w in back.split()[-7:])


# an improvised device was set by someone ("The army defused an IED near the market" is a failed attack) unless
# the text says it was come upon ("Bomb squad defuses IED found near school")
_IED: Final = ("ied", "ieds", "improvised explosive device", "improvised explosive devices")
_COME_UPON: Final = ("found", "discovered", "recovered", "spotted", "unearthed")   # (and "unexploded")
# A police operation's words: beside an arrest verb and no toll, a raid or a seizure is the arrest's frame
# ("Police seize 2 tonnes of heroin, arrest five in Lahore raid", "arrested 4 suspects during raids")
_POLICE_OP: Final = frozenset({"raid", "raids", "raided", "seize", "seizes", "seized"})
# What a seizure with no arrest takes that makes it no attack ("Coastguard seize 2 tonnes of cocaine in raid"):
# drugs and contraband (arms are not: "Troops seize rebel weapons" may be a fight)
_CONTRABAND: Final = frozenset("cocaine heroin drugs drug hashish hash methamphetamine meth cannabis marijuana opium "
                        "narcotics contraband cigarettes tobacco ivory pangolin tramadol captagon fentanyl ketamine "
                        "amphetamine amphetamines ecstasy smuggled counterfeit fuel timber rhino horn "
                        "crystal".split())
# "captured a police post", "captured the town": territory taken by force, not a person arrested
_TAKEN: Final = frozenset("town towns village villages city base bases camp camps post posts outpost outposts checkpoint "
                   "checkpoints position positions barracks headquarters district area hill hills territory station "
                   "airport garrison".split())


# what "burned" must reach in the next words to be an attack on property ("burned 3 trucks of a contractor";
# not "burned tyres" at a protest, nor "burned" alone: "burned down" and "burned the house" are cues of their own)
_BURN: Final = frozenset({"burned"})   # ("burnt" alone is a cue of its own)
_VEHICLES: Final = frozenset("truck trucks vehicle vehicles car cars bus buses lorry lorries tractor tractors excavator "
                      "excavators bulldozer bulldozers machinery motorcycle motorcycles motorbike motorbikes "
                      "ambulance ambulances".split())
_FIRES: Final = frozenset({"fire", "fires", "blaze", "flames", "wildfire", "inferno", "explosion"})
# what is hijacked: vehicles, and vessels and aircraft ("hijack oil tanker", "Fishing dhow hijacked off Eyl")
_HIJACKED: Final = _VEHICLES | frozenset(
    "ship ships vessel vessels tanker tankers boat boats dhow dhows trawler trawlers freighter freighters carrier "
    "carriers ferry ferries tug tugboat barge yacht plane planes aircraft airliner airliners jet flight helicopter "
    "train trains convoy convoys minibus minibuses van vans coach coaches pickup taxi taxis".split())


def _burned_vehicles(low: str, s: int, e: int) -> bool:
    """Is one of the next five words after "burned" at ``low[s..e]`` a vehicle (``_VEHICLES``), burned
    by someone ("a fire burned 30 buses" is no attack)?"""
    return _FIRES.isdisjoint(low[max(0, s - 30):s].split()[-3:]) and _ahead(low, e, _VEHICLES, 5, 60)


def _hijacked_vehicle(low: str, s: int, e: int) -> bool:
    """Is a vehicle, vessel or aircraft (``_HIJACKED``) among the four words after the "hijack" word at
    ``low[s..e]``, or among the three before it ("tanker hijacked")?"""
    return _ahead(low, e, _HIJACKED, 4, 48) or not _HIJACKED.isdisjoint(
        w.strip(",.;:'\"()") for w in low[max(0, s - 40):s].split()[-3:])


# a captive set free: no diplomacy unless the headline says so ("Jihadists free Swiss hostage", its lead
# crediting a mediation)
_RELEASE: Final = frozenset({"free", "frees", "freed", "release", "releases", "released"})


def _after_year(low: str, s: int) -> bool:
    """Is the word right before ``s`` a year ("2010 crackdown")?"""
    before = low[max(0, s - 6):s].split()[-1:]
    return bool(before) and len(before[0]) == 4 and before[0].isdigit()


def _place_taken(low: str, e: int) -> bool:
    """Is one of the next four words after "captured" at ``low[..e]`` a place (``_TAKEN``)?"""
    return _ahead(low, e, _TAKEN, 4, 48)


def _ahead(low: str, e: int, table: frozenset[str], words: int, chars: int) -> bool:
    """Is one of the next ``words`` words after ``low[..e]`` (within ``chars``) in ``table``, before a clause ends?"""
    for w in low[e + 1:e + chars].split()[:words]:
        if w.strip(",.;:()") in table:
            return True
        if w[-1:] in ",.;:":
            return False
    return False

# Deaths that are not an attack: accidents, disasters, disease, poisoning, reports, sport, animals,
# obituaries. They make the article "other" unless a deliberate-violence cue (VIOLENCE) is present.
NOT_ATTACK: Final = (
    "accident", "accidents", "crash", "crashed", "crashes", "collision", "collided", "derailed", "derailment",
    "capsized", "capsizes", "sank", "road accident", "traffic", "flood", "floods", "flooding", "flash floods",
    "landslide", "landslides", "mudslide", "earthquake", "quake", "tsunami", "cyclone", "hurricane", "typhoon",
    "storm", "storms", "snowstorm", "sandstorm", "lightning", "train", "hit by", "run over", "struck by",
    "hospital fire", "house fire", "factory fire", "market fire", "building fire", "fire kills", "fire killed",
    "electrical fire", "short circuit", "elephant", "elephants", "lion", "lions", "tiger", "leopard", "crocodile",
    "tusker", "tuskers", "pachyderm", "pachyderms", "gored", "gores", "hippo", "snake", "shark", "bear", "trampled", "tramples", "mauled", "film", "movie", "review", "novel",
    "album", "episode", "documentary", "prices", "inflation", "killing us", "killing me", "heatwave", "heat wave", "drought", "famine", "wildfire", "wildfires", "blaze",
    "fire broke out", "gas explosion", "gas leak", "gas cylinder", "cylinder blast", "tanker explosion", "tanker", "boiler", "mine collapse",
    "collapse", "collapsed", "stampede", "crush", "outbreak", "cholera", "measles", "malaria", "ebola", "covid",
    "virus", "disease", "diseases", "epidemic", "pandemic", "infection", "infections", "poisoning", "poisonings",
    "poisoned", "food poisoning", "toxic", "overdose", "overdoses", "bootleg", "hooch", "methanol", "drowned",
    "drowning", "electrocuted", "electrocution", "heat stroke", "snakebite", "snakebites", "snake bite", "snake bites",
    "snake-bite", "snake-bites", "antivenom", "anti-venom",
    "cattle", "cows", "livestock", "goats", "sheep", "poultry", "anthrax", "bird flu", "die-off", "mass die-off",
    "on record", "annual report", "yearly", "statistics", "report says", "report finds", "study", "survey",
    "obituary", "dies at", "died at", "passed away", "natural causes", "long illness", "illness", "cancer",
    "match", "league", "season", "cup", "striker", "goalkeeper", "coach", "tournament", "championship",
    "stadium", "fans", "killing it", "killed it", "box office", "shares", "stocks", "market rally",
    "on strike", "general strike", "strike action", "walkout", "industrial action",
    # a state carrying out a court's sentence
    "death row", "lethal injection", "convicted", "death sentence", "sentenced to death", "verdict", "inmate",
    "capital punishment", "judiciary", "no foul play", "not suspicious", "not being treated as suspicious",
    "no suspicious circumstances", "non-suspicious", "avalanche", "avalanches", "inquest",
    # mountains, roads and weather
    "climber", "climbers", "hiker", "hikers", "mountaineer", "mountaineers", "plunges", "plunged", "gorge",
    "ravine", "overturned", "overturns", "veered", "heat", "temperatures", "heatstroke", "hypothermia",
    # reports, prisons, fires and storms
    "in a report", "in its report", "full-scale invasion", "since the war began", "prison", "prison colony",
    "tornado", "tornadoes", "fireworks", "pyrotechnics", "a fire at", "fire swept", "fire started", "safety rules",
    # obituaries, industrial blasts, a war's running toll ("Gaza death toll passes 40,000")
    "dies aged", "died aged", "dies at age", "died at age", "refinery", "illegal refinery", "oil spill",
    "toll passes", "toll tops", "toll surpasses", "toll exceeds", "toll nears", "toll crosses",
    # forms the list lacked: "poisonous mushrooms", "floodwaters", a coal mine's explosion
    "poisonous", "mushrooms", "floodwaters", "flood waters", "flooded", "coal mine", "mine explosion",
    "mine blast", "gold mine", "mining accident", "scrapyard", "scrap collectors", "scrap metal", "scrap dealer",
    # the trend of a crime count ("Murders in Brazil fall to lowest level in a decade")
    "lowest level", "highest level", "lowest in a decade", "murders fall", "murders fell", "homicides fall",
    "killings fall", "killings fell",
    # industrial blasts ("Blast at chemical plant kills 6 workers | A reactor exploded during a night shift")
    "chemical plant", "chemical factory", "chemical factories", "reactor", "pressure build-up", "industrial accident",
    "factory blast", "factory explosion", "firecracker factory", "firecracker", "firecrackers",
    "sinks", "sink", "sinking", "shipwreck", "feared dead", "fire at", "fuel depot", "fuel tanker", "collapses",
    "rains", "heavy rain", "heavy rains", "rainfall", "downpour", "downpours", "drunk driver", "pedestrian",
    "pedestrians", "hit-and-run", "motorist", "motorists", "cyclist", "cyclists", "lorry", "lorries", "by a car",
    "by a truck", "by a bus", "by truck", "by bus", "mpox", "dengue", "meningitis", "lassa fever",
    "typhoid", "tuberculosis", "polio", "diphtheria", "marburg", "yellow fever", "influenza", "hepatitis", "rabies",
    # chronic disease and its yearly figures ("'Silent killer': hypertension killed an estimated 18,000 last year")
    "hypertension", "high blood pressure", "diabetes", "silent killer", "non-communicable", "noncommunicable",
    "obesity", "kidney disease", "heart disease", "sepsis", "hiv/aids", "antimicrobial resistance",
    # tainted drink, suicides
    "liquor", "tainted", "illicit alcohol", "brewed", "killed himself", "killed herself", "own life", "own lives",
    "took his own life", "took her own life", "takes own life", "took their own lives", "suicides",
    # protests that stayed peaceful (a "peaceful demonstration to denounce the killings" is no attack;
    # police who "attacked the demonstrators" still make one)
    "peacefully", "peaceful protest", "peaceful protests", "peaceful demonstration", "peaceful demonstrations",
    "peaceful march", "peaceful marches", "peaceful rally", "peaceful rallies", "peaceful sit-in",
    # vehicles that collide; a match's "kill off" and "late strike"
    "collide", "collides", "head-on", "kill off", "kills off", "killed off", "late strike", "late winner",
    "equaliser", "equalizer",
    # figurative "killing off" of a farm, a coalition, a tax ("Government accused of 'killing off' the family farm")
    "killing off",
    # a vehicle's mechanical failure ("Truck with failed brakes ploughs into market, seven dead"): an accident
    "failed brakes", "brake failure", "brakes failed", "brake failed", "faulty brakes", "brake-failure",
    "mechanical failure", "mechanical fault",
    *(f"lost control of {d}{v}" for d in ("the ", "his ", "her ", "its ", "a ", "their ", "")
      for v in ("vehicle", "car", "truck", "lorry", "bus", "minibus", "van", "tanker", "trailer", "motorcycle")),
    # volcanoes ("Volcano erupts, thousands flee but no deaths")
    "volcano", "volcanoes", "volcanic", "eruption", "eruptions", "erupts", "erupted", "lava",
    # fumes and migrants' deaths at sea ("Carbon monoxide kills family of five", "bodies found in migrant boat")
    "carbon monoxide", "fumes", "migrant boat", "migrant boats", "migrant vessel", "migrants' boat", "dinghy",
    # migrants lost in a desert ("Bodies of 11 migrants found in desert")
    "in desert", "in the desert", "desert heat", "dehydration", "dehydrated", "sahara desert", "sonoran desert",
)
# Deaths that are no attack even beside a violence word ("stabbed his wife in a quarrel", "Liverpool massacre Leeds 6-0",
# "poachers shot three rhinos"): crime among private people, poaching. Only an armed actor (ARMED) keeps the
# article an attack ("Bandits kill 5 in robbery", "Gunmen shoot dead politician and his wife").
PRIVATE: Final = (
    "domestic dispute", "domestic violence", "quarrel", "family feud", "stabs wife", "stabbed his wife",
    "killed his wife", "kills wife", "kills his wife", "love affair", "road rage", "house party",
    "in a row over", "in an argument over", "after an argument with", "his neighbour", "his neighbor", "her neighbour", "her neighbor",
    # a bout in the ring ("Champion knocks out challenger in brutal fifth-round assault")
    "knocks out challenger", "knocked out challenger", "knocks out his challenger", "knocked out his challenger",
    "knocks out opponent", "knocked out opponent", "knocks out his opponent", "knocked out his opponent",
    "knocks out rival", "knocked out his rival", "title fight", "title bout", "heavyweight title", "world title fight",
    "knockout win", "knockout victory", "ufc", "boxing match", "boxing title",
)
# Poaching is crime among private people while only animals die ("Poachers shot three rhinos"); armed
# poachers who kill people (rangers, guards, villagers) are attackers, as GTD and ACLED code them ("Poachers kill
# three rangers in Virunga park" is an attack with 3 victims)
POACHING: Final = ("poachers", "poacher", "poaching", "poached", "rhino", "rhinos", "hunter", "hunters", "eagle",
                   "eagles")
ARMED: Final = (
    "militants", "militant", "insurgents", "insurgent", "terrorists", "terrorist", "jihadists", "jihadist",
    "bandits", "rebels", "militia", "militias", "militiamen", "gunmen", "gunman", "fighters", "armed group",
    "armed men", "bomb", "bombs", "bombing", "bomber", "suicide bomber", "car bomb", "ied", "explosive device",
    "airstrike", "airstrikes", "air strike", "air strikes", "drone strike", "shelling", "claimed responsibility",
    "gang", "gangs", "cartel", "separatists", "guerrillas", "assailants",
    # armed raiders of herds ("Cattle raiders kill 27 in Jonglei"), whatever cattle words come with them
    "cattle raiders", "cattle raider", "livestock raiders", "rustlers", "cattle rustlers", "armed herders",
)
# Attack words that are no violence: "shark attack", "heart attack", "bombed out of the cup". With one
# of them, "attack"/"attacked" alone is no deliberate violence either ("A shark attacked a swimmer").
BENIGN: Final = (
    # a film shot, not people ("'Killing Fields' remake shoots in Cambodia", "began shooting near Phnom Penh")
    "remake shoots", "film shoots", "movie shoots", "sequel shoots", "biopic shoots", "began shooting",
    "begins shooting", "begin shooting", "started shooting", "starts shooting", "start shooting",
    "finished shooting", "wrapped shooting", "wraps shooting", "shooting began", "shooting begins",
    "shooting wrapped", "shooting wraps", "photo shoot", "film shoot", "video shoot", "killing fields",
    "heart attack", "cyber attack", "cyberattack", "cyber-attack", "cyber attacks", "panic attack", "asthma attack",
    "ransomware attack", "ransomware attacks", "hacking attack", "ddos attack", "phishing attack",
    "heart attacks", "panic attacks", "asthma attacks", "migraine attack", "migraine attacks", "cyberattacks",
    "shark attack", "bear attack", "dog attack", "dog attacks", "animal attack", "elephant attack",
    "crocodile attack", "attacked by a dog", "attacked by a bear", "attacked by a shark", "bombed out",
    "bomb disposal", "tax raid", "tax raids", "pension raid", "pensions raid", "world war two bomb", "world war ii bomb", "second world war bomb", "wartime bomb",
    # politics, weapons bought and sold, the attack that was ruled out, a crime statistic, the camps of
    # people an insurgency displaced
    "attack ad", "attack ads", "attack advert", "attack adverts", "verbal attack", "blistering attack",
    "scathing attack", "stinging attack", "attacks government", "attacks the government", "attack helicopter",
    "attack helicopters", "attack aircraft", "attack submarine", "attack submarines", "ruled out an attack",
    "ruling out an attack", "ruled out sabotage", "no sign of an attack", "no sign of sabotage", "not an attack",
    "murder rate", "murder rates", "homicide rate", "homicide rates", "displaced by the insurgency",
    "displaced by insurgency", "displaced by the conflict", "displaced by conflict", "displaced by fighting",
    "displaced by the fighting", "displaced by violence", "displaced by the war",
    # threats and hoaxes, animals
    "bomb threat", "bomb threats", "bomb scare", "bomb hoax", "bomb hoaxes", "hoax bombs", "hoax bomb",
    # weapons' nicknames and figures of speech ("parades 'carrier killer' missiles", "the slow death of the
    # two-state solution", "calls budget 'a death sentence' for clinics")
    "carrier killer", "carrier-killer", "killer drones", "killer drone", "slow death", "a death sentence for", "killer whale", "killer whales", "orca",
    "orcas",
    # a hit, not a death ("New game 'kills it' at launch")
    "kills it", "kill it", "killing it", "killed it",
    # an animal as the killer ("Shark kills surfer", "Crocodile killed fisherman")
    "shark kills", "shark killed", "crocodile kills", "crocodile killed", "elephant kills", "elephant killed",
    "elephants kill", "lion kills", "lions kill", "tiger kills", "tiger killed", "leopard kills", "leopard killed",
    "bear kills", "bear killed", "hippo kills", "hippo killed", "snake kills", "dog kills", "dogs kill",
    "tiger attack", "tiger attacks", "leopard attack", "leopard attacks", "lion attack", "lion attacks",
    "hippo attack", "hippo attacks", "wolf attack", "wolf attacks", "crocodile attacks", "shark attacks",
    "bear attacks", "elephant attacks", "snake attack", "hyena attack", "hyena attacks", "wild boar attack",
    # an animal as the attacker or killer, written any way ("Kangaroo attacks hiker", "Bull kills farmer",
    # "mauled by a bear", "gored by a buffalo")
    *(f"{a} {v}" for a in ("kangaroo", "kangaroos", "dog", "dogs", "bear", "bears", "wolf", "wolves", "monkey",
                           "monkeys", "baboon", "baboons", "boar", "buffalo", "bull", "bulls", "cow", "cows", "moose",
                           "cougar", "puma", "jaguar", "dingo", "dingoes", "bees", "wasps", "hornets", "jellyfish",
                           "stingray", "emu", "ostrich", "cassowary", "alligator", "crocodiles", "python", "cobra",
                           "macaque", "macaques", "chimpanzee", "gorilla", "bison", "stag", "hippo", "hippos",
                           "rhino", "leopards", "tigers", "lions", "sharks", "camel", "horse", "rottweiler", "pitbull",
                           # (a lead's "A wild elephant attacked the men ..., killing two")
                           "elephant", "elephants", "tiger", "lion", "leopard", "shark", "crocodile", "snake", "hyena",
                           "hyenas", "wild boar", "hippopotamus", "jackal", "jackals",
                           # an elephant by its news names ("Tusker attacks villagers, kills two"), a wild ox
                           "tusker", "tuskers", "jumbo", "jumbos", "pachyderm", "pachyderms", "wild elephant",
                           "wild elephants", "gaur", "wild buffalo")
      for v in ("attack", "attacks", "attacked", "kills", "killed", "mauls", "mauled", "gores", "gored", "bites",
                "trample", "tramples", "trampled")),
    *(f"{v} by {d}{a}" for v in ("attacked", "killed", "mauled", "gored", "bitten", "trampled", "mauled to death",
                                 "gored to death", "trampled to death")
      for d in ("a ", "an ", "the ", "a wild ", "")
      for a in ("kangaroo", "dog", "bear", "wolf", "monkey", "baboon", "boar", "wild boar", "buffalo", "bull", "cow",
                "moose", "cougar", "dingo", "swarm of bees", "bees", "jellyfish", "alligator", "crocodile", "hippo",
                "elephant", "lion", "tiger", "leopard", "shark", "snake", "rhino", "camel", "horse", "bison", "gaur",
                "tusker", "jumbo", "pachyderm", "herd of elephants", "elephants")),
    *(f"{a} attack" for a in ("tusker", "jumbo", "pachyderm", "bison", "gaur", "buffalo", "bull")),
    # sport, games and films whose words are violent ("Kohli's blistering assault", "the film is a bomb",
    # "bombs at the box office", "a penalty shootout")
    "blistering assault", "is a bomb", "bombs at the box office", "bombs at box office", "bombed at the box office",
    "bombed at box office", "box-office bomb", "box office bomb", "penalty shootout", "penalty shoot-out",
    "penalty shootouts", "ambush marketing",
    # a warning, not a device ("Overcrowded prisons a 'time bomb', rights body warns")
    "time bomb", "time bombs", "time-bomb", "ticking bomb",
    # a loud word in quotes that someone "calls" a thing ("to cut 4,000 jobs in what unions call 'a massacre'")
    *(f"{v} {q}{a}{w}" for v in ("call", "calls", "called", "dub", "dubs", "dubbed", "branded", "brand")
      for q in ("'", "\u2018", '"', "\u201c") for a in ("", "a ", "an ")
      for w in ("massacre", "bloodbath", "slaughter", "carnage", "assassination", "execution", "attack")),
    # pirates of films, sport, software and radio ("Pirates of the Caribbean", "Orlando Pirates", "pirate radio")
    "pirates of the caribbean", "pirates of penzance", "orlando pirates", "pittsburgh pirates", "pirate radio",
    "pirate party", "pirate bay", "pirate site", "pirate sites", "pirate streaming", "software pirates",
    "video pirates", "music pirates", "pirate copies", "pirate tv", "pirate kings",
    # figures of speech in politics and sport ("'Explosive' testimony", "takes another shot at the crown",
    # "a bombshell report", "came under fire")
    *(f"explosive{q} {noun}" for q in ("", "'", "\u2019") for noun in (
        "testimony", "claims", "allegations", "revelations", "interview", "report", "row", "memoir", "book")),
    "shot at the title", "shot at the crown", "shot at glory", "shot at redemption", "takes a shot at",
    "takes another shot at", "took a shot at", "takes aim at", "took aim at", "bombshell",
    "fire engulfs", "fire engulfed", "blaze engulfs", "blaze engulfed",
    # knocked out of a competition, a flop at launch ("United bomb out of Europa League", "game bombs at launch")
    "bomb out", "bombs out", "bombing out", "bombs at launch", "bombed at launch", "bomb at launch",
    # courts' figures and an inquiry's consequences ("Murder convictions at lowest for 50 years", "Army chief
    # sacked after massacre inquiry")
    # a device, a fashion line and games, not a killing ("Apple adds kill switch to stolen phones", "Dressed to
    # kill", "publisher sued over 'addictive' killing games", "Massacre on the board: teenager beats champion")
    "kill switch", "kill switches", "kill-switch", "kill-switches", "dressed to kill", "killing games",
    "killing game", "killer games", "shooter games", "shooting games", "massacre on the board",
    "murder convictions", "murder conviction rate", "murder conviction rates", "massacre inquiry",
    "massacre inquiries", "massacre probe", "inquiry into the massacre", "probe into the massacre",
)
# Spaceflight: a launcher that fails is no weapon ("Rocket booster explodes after liftoff", "SpaceX rocket
# explodes minutes after launch"): beside these words "rocket" is no violence word
SPACE: Final = ("liftoff", "lift-off", "launch pad", "launchpad", "spaceport", "space agency", "spacex",
                "rocket booster", "rocket boosters", "booster rocket", "space rocket", "orbital rocket", "into orbit",
                "reach orbit", "satellite launch", "space station", "astronauts", "space launch")
_LAUNCHERS: Final = frozenset({"rocket", "rockets", "rocket's"})
_ATTACK_WORDS: Final = frozenset({"attack", "attacks", "attacked", "attacker", "attackers", "assault", "assaulted"})
# Sport, chess, games and films: their jargon, beside violent words that are figures of speech there
# ("Warriors ambush Lakers in overtime thriller", "Carlsen's kingside attack crushes Nepo", "England bowlers'
# assault on Australia's top order", "Gamers flock to battle royale"), makes no attack when the article
# states no toll, names no armed actor and uses no violent word that is never figurative (``_PLAY_SOFT``:
# "Shooting at playoff game kills 2", "Gunmen storm stadium during playoff game" stay attacks)
PLAY: Final = (
    "chess", "grandmaster", "grandmasters", "checkmate", "checkmates", "kingside", "queenside", "gambit", "endgame",
    "wickets", "wicket", "innings", "top order", "bowlers", "batsmen", "batters", "test match", "run chase",
    "overtime", "playoff", "playoffs", "play-off", "play-offs", "semi-final", "semi-finals", "semifinal",
    "semifinals", "quarter-final", "quarter-finals", "quarterfinal", "quarterfinals", "hat-trick", "to go top",
    "champions league", "premier league", "la liga", "serie a", "bundesliga", "nations cup", "world cup", "rugby",
    "nba", "nfl", "nhl", "super bowl", "grand slam", "straight sets", "derby win", "derby victory", "derby defeat",
    "derby massacre", "derby day", "title race", "winning goal", "video game", "video games", "gamers", "gamer",
    "esports", "e-sports", "esport", "e-sport", "counter-strike", "dota", "valorant", "league of legends",
    "fortnite", "world champion", "world chess", "battle royale", "first-person shooter", "playstation", "xbox", "nintendo",
    "box office", "box-office", "blockbuster", "film review", "war epic", "war film", "war movie", "sequel",
    "streaming", "netflix", "oscar", "oscars", "sales charts",
    # shooting as a sport ("Shooting: marksman sets world record", "wins skeet gold")
    "marksman", "marksmen", "markswoman", "world record", "world records", "skeet", "trap event", "air rifle",
    "air pistol", "rifle event", "pistol event", "shooting championship", "shooting championships",
    "shooting world cup", "sport shooting", "shooting range", "olympic", "olympics", "gold medal", "silver medal",
    "bronze medal",
    # the ring ("Champion stops challenger with brutal eighth-round assault")
    "challenger", "heavyweight", "knockout", "title defence", "title defense", "bout", "undercard",
    *(f"{n}-round" for n in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                             "tenth", "eleventh", "twelfth", "final")),
)
# Jargon of sport and films strong enough that even a loud violent word there is a figure of speech
# (``_PLAY_LOUD``: "spinners blast Bangladesh out for 92", "war epic bombs at global box office", "thriller is a
# box-office killer"), with no toll stated and no armed actor named
PLAY_STRONG: Final = (
    "box office", "box-office", "wickets", "innings", "all out", "bowled out", "spinners", "spinner", "seamers",
    "film review", "review:", "war thriller", "thriller",
    "one-day international", "t20", "odi", "run chase", "test match", "opening weekend", "knockout",
    *(f"{n}-round" for n in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                             "tenth", "eleventh", "twelfth", "final")),
)
# Arms fairs and weapons shows: weapons shown, no one hurt ("Drones that kill steal the show at Istanbul arms
# fair", "Kamikaze drones are the stars of Abu Dhabi arms fair"); with no toll and no armed actor, no attack
EXPO: Final = (
    "arms fair", "arms fairs", "arms show", "arms shows", "arms expo", "arms exhibition", "weapons fair",
    "weapons show", "weapons expo", "weapons exhibition", "defence fair", "defense fair", "defence show",
    "defense show", "defence expo", "defense expo", "defence exhibition", "defense exhibition", "idex",
    "eurosatory", "dsei",
)
# shooting as a sport: beside these words "shooting" is no attack word of its own (``_PLAY_SOFT``)
_SHOOTING_SPORT: Final = ("marksman", "marksmen", "markswoman", "world record", "skeet", "air rifle", "air pistol",
                          "rifle event", "pistol event", "trap event", "shooting championship", "shooting world cup",
                          "sport shooting", "olympic", "gold medal", "silver medal", "bronze medal")
_PLAY_LOUD: Final = frozenset({"blast", "blasts", "blasted", "bomb", "bombs", "bombed"})
# A killing or an attack whose object is a thing of politics or trade is a figure of speech ("accuses minister
# of 'killing' the steel industry", "launches assault on tax plan", "attack on press freedom"): no cue
_FIGURATIVE_VERBS: Final = frozenset({"kill", "kills", "killed", "killing", "attack", "attacks", "attacked", "attacking",
                               "assault", "assaults", "assaulted", "massacre", "massacred", "massacres", "murder",
                               "murdered", "murders", "murdering",
                               # "executed a perfect race plan"
                               "executed", "executes", "execute"})
_FIGURATIVE_OBJECTS: Final = frozenset(
    "industry industries economy economies jobs sector sectors trade competition democracy hopes hope chances deal "
    "deals bill bills plan plans reform reforms project projects budget policy policies proposal proposals scheme "
    "law laws legislation tourism business businesses growth investment investments pensions inflation momentum "
    "mood career brand sales profits freedom freedoms rights independence constitution credibility reputation "
    "funds funding spending subsidies programme programmes program programs agenda initiative "
    "challenge challenges bid comeback contest "
    "narrative idea ideas agenda manifesto prices tariffs tariff exports imports currency "
    "recovery innovation planet climate environment nhs welfare".split())
_MODALS: Final = frozenset({"would", "could", "might", "may"})
# who an armed "coalition" is ("gang coalition", "rebel coalition"): an alliance of fighters, no diplomacy cue
_ARMED_SIDES: Final = frozenset("gang gangs rebel rebels militia militias jihadist jihadists armed insurgent "
                                "insurgents separatist".split())
# a coalition's own members in parliament ("coalition rebels back down", "coalition partners quit"): politics, no
# diplomacy; with only such politics and a leader's title ("prime minister") the item is other
_COALITION_POLITICS: Final = frozenset("rebels rebel partner partners mps lawmakers members crisis collapse collapses "
                                       "split splits row government".split())
_LEADER_CUES: Final = frozenset({"prime minister", "coalition", "president says"})
# a quarrel of politicians ("opposition clashed with ministers", "MPs clash over budget") is no fight
_CLASH_WORDS: Final = frozenset({"clash", "clashes", "clashed", "clashing"})
_POLITICIANS: Final = frozenset("minister ministers mp mps lawmakers lawmaker senators senator opposition parliament "
                                "cabinet premier chancellor speaker legislators legislator councillors congressmen "
                                "congress unions regulators shareholders ministry treasury judges".split())


# a drill's pretend people ("mock terrorists", "dummy militants"), as _casualties.PRETEND reads them
_PRETEND: Final = frozenset({"mock", "dummy", "dummies", "simulated", "pretend", "make-believe", "imaginary"})


# persons an imperative "kill the ..." may still name (a call to kill someone is no figure of speech)
_PERSON_WORDS: Final = frozenset("man woman men women boy girl child children president minister king leader chief "
                                 "judge officer police soldier soldiers people witness".split())


def _imperative(head: str) -> bool:
    """Does the headline open with an imperative "kill the/your THING:" (one or two words, then a colon or a
    dash), its object no person ("Kill the heat: ...", "Kill your darlings - a guide to editing")?"""
    ws = head.split()
    if len(ws) < 3 or ws[0] != "kill" or ws[1] not in ("the", "your", "a", "an"):
        return False
    for k in (2, 3):
        if k >= len(ws):
            return False
        w = ws[k].rstrip(":")
        if w in _PERSON_WORDS or not w.isalpha():
            return False
        if ws[k].endswith(":") or (k + 1 < len(ws) and ws[k + 1] in ("-", "\u2013", "\u2014")):
            return True
    return False


def _real_actors(head: str) -> bool:
    """Does the headline name an armed actor, other than a drill's pretend one ("mock terrorists")?"""
    ws = [w.strip(",.;:'\"()") for w in head.split()]
    return any(w in _ACTORS and not (i and ws[i - 1] in _PRETEND) for i, w in enumerate(ws))


def _word_after(low: str, e: int) -> str:
    k = low.find(" ", e + 2)
    return low[e + 2:k if k != -1 else len(low)].strip(",.;:'\"()")


def _word_before(low: str, s: int) -> str:
    k = low.rfind(" ", 0, max(0, s - 1))
    return low[k + 1:max(0, s - 1)].strip(",.;:'\"()")


def _figurative_modal(low: str, e: int) -> bool:
    """After "would kill": is the object no person, nor a number of them ("would kill vital services")?"""
    seg = low[e + 1:e + 40].split()[:4]
    for w in seg:
        core = w.strip(",.;:'\"()")
        if core in ("the", "a", "an", "vital", "essential", "key", "public", "local", "off"):
            continue
        return core in _FIGURATIVE_OBJECTS or core in _FIG_THINGS
    return False


# things a warning says a policy would kill, beside the objects of politics and trade
_FIG_THINGS: Final = frozenset("services service libraries hospitals schools jobs industry plans towns communities "
                               "culture sport football music festivals".split())


# a deal or talks as the object of a verb that wrecks them ("vows to torpedo IMF deal"): politics, no diplomacy
_WRECK_VERBS: Final = frozenset({"torpedo", "torpedoes", "torpedoed", "torpedoing", "scupper", "scuppers",
                                 "scuppered", "scuppering"})
# what a camera or a work of art "captured" ("the photographer who captured the siege of Sarajevo"): no person taken
_CAPTURED_THINGS: Final = frozenset("siege moment moments image images scene scenes picture pictures photo photos "
                                    "photograph photographs footage imagination heart hearts mood spirit essence "
                                    "attention horror horrors beauty agony grief drama atmosphere attention "
                                    "fall rise war wars life lives world era".split())
_DETERMINERS: Final = frozenset({"the", "a", "an", "his", "her", "their", "its", "this", "that", "these", "those"})


# a warning of a threat is no event ("Embassy warns of kidnapping threat", "the risk of attacks")
_THREAT_AFTER: Final = frozenset({"threat", "threats"})
_WARNED_OF: Final = frozenset({"warns", "warned", "warning", "warnings", "warn", "threat", "threats", "risk", "risks"})
# a policy as the subject of a modal future ("aid cuts 'will kill' thousands of children"): a warning, no act
_POLICY_SUBJECTS: Final = frozenset("cuts cut policy policies ban bans tariffs tariff law laws bill bills plan plans "
                                    "reform reforms freeze shutdown sanctions austerity".split())
_FUTURE: Final = frozenset({"will", "would", "could", "might", "may", "can"})
# a work's genre before its quoted title ("War shooter 'Kill Zone 4' smashes sales records"): the title's words
_GENRES: Final = frozenset("shooter game film movie thriller novel series sequel documentary album song".split())
# ... or before a verb of sales records after it ("as 'Kill Order 4' breaks records", "'Kill Zone' tops the charts")
_RECORD_VERBS: Final = frozenset("breaks smashes shatters tops sells broke smashed shattered topped sold".split())
_RECORD_OBJECTS: Final = ("record", "sales", "chart", "copies", "box office")


def _no_event(low: str, s: int, e: int) -> bool:
    """Is the attack word at ``low[s:e + 1]`` a threat warned of ("warns of kidnapping threat", "the risk of
    attacks"), a policy's modal future ("aid cuts 'will kill' thousands") or in a work's quoted title after its
    genre ("shooter 'Kill Zone 4'")?"""
    if _word_after(low, e) in _THREAT_AFTER:
        return True
    before = _word_before(low, s)
    if s > 2 and low[s - 1] in "'\"\u2018\u201c" and (_word_before(low, s - 1) in _GENRES or _record_title(low, e)):
        return True
    if before == "of":
        k = low.rfind(" ", 0, max(0, s - 1))
        return k > 0 and _word_before(low, k + 1) in _WARNED_OF
    if before in _FUTURE:
        k = low.rfind(" ", 0, max(0, s - 1))
        return k > 0 and _word_before(low, k + 1) in _POLICY_SUBJECTS
    return False


def _record_title(low: str, e: int) -> bool:
    """Does a quoted title that opens with the attack word ending at ``e`` close within a few words before a
    verb of sales records ("as 'Kill Order 4' breaks records", "'Kill Zone' sells 5 million copies")?"""
    q = -1
    for c in "'\"\u2019\u201d":
        k = low.find(c, e + 1, e + 40)
        if k >= 0 and (q < 0 or k < q):
            q = k
    if q < 0 or q + 1 >= len(low) or low[q + 1] != " ":
        return False
    rest = low[q + 2:q + 40].split()
    return bool(rest) and rest[0] in _RECORD_VERBS and any(w.startswith(_RECORD_OBJECTS) for w in rest[1:4])


def _wrecked(low: str, s: int) -> bool:
    """Is the diplomacy word at ``low[s..]`` the object of a wrecking verb up to three words before it, in the
    same clause ("vows to torpedo IMF deal", "threatens to torpedo the unity government deal")?"""
    for w in low[max(0, s - 48):s].split()[-4:][::-1]:
        if w[-1:] in ",.;:":
            return False
        if w.strip("'\"\u2018\u2019") in _WRECK_VERBS:
            return True
    return False


def _captured_thing(low: str, e: int) -> bool:
    """Is what "captured" at ``low[..e]`` took a thing a camera or a work takes ("captured the siege of ...",
    "captured the moment")?"""
    for w in low[e + 1:e + 40].split()[:3]:
        core = w.strip(",.;:'\"()")
        if core in _DETERMINERS:
            continue
        return core in _CAPTURED_THINGS
    return False


def _political_clash(low: str, s: int, e: int) -> bool:
    """Is the clash at low[s:e + 1] one of politicians: its subject right before, or the head of what follows
    "with" ("clashed with ministers", "clashed with the opposition")?"""
    if _word_before(low, s) in _POLITICIANS:
        return True
    after = low[e + 1:e + 50].split()[:5]
    if not after or after[0] not in ("with", "between"):
        return False
    head = ""
    for w in after[1:]:
        core = w.strip(",.;:'\"()")
        if core in ("the", "a", "an", "his", "her", "their", "its", "senior", "top", "rival"):
            continue
        if not core.isalpha() or core in ("over", "on", "in", "at", "about", "and", "as", "after", "during"):
            break
        head = core
        if w[-1:] in ",.;:":
            break
    return head in _POLITICIANS


_FIG_SKIP: Final = frozenset({"the", "off", "on", "of", "a", "an", "its", "their", "his", "her", "our", "'", "\u2019",
                       "\u2018", '"'})


def _figurative(low: str, e: int) -> bool:
    """Is the noun phrase after the verb ending at ``e`` a thing of politics or trade (``_FIGURATIVE_OBJECTS``):
    its head, the last of up to three words before a preposition or the clause's end?"""
    head = ""
    run = 0
    opened = low[e + 1:e + 2] in ("'", "\u2019")   # ("'killing' industry": the verb's closing quote)
    seg = low[e + 1:e + 60]
    nl = seg.find("\n")
    for w in (seg[:nl] if nl != -1 else seg).split()[:6]:   # (the title's phrase ends with the title)
        core = w.strip(",.;:'\"()\u2018\u2019")
        if not head and (core in _FIG_SKIP or not core or (core.endswith(("'s", "\u2019s")) and core[:-2].isalpha())):
            opened = True   # (a possessive is a determiner: "kills Arsenal's title hopes")
            continue
        if head and w[:1] in "'\"\u2018\u201c":
            break   # a quotation opens ('the attack that stated "Freedom for ...')
        if not core.isalpha() or core in _FIG_SKIP or core in ("in", "at", "by", "with", "for", "as", "and", "to",
                                                                "after", "over", "from", "amid", "while"):
            break
        if run and not opened:
            return False   # a bare run after the word: "Attack threatens peace deal" (the word is a noun)
        head = core
        run += 1
        if w[-1:] in ",.;:":
            break
    return head in _FIGURATIVE_OBJECTS


_PLAY_SOFT: Final = frozenset({"carnage", "attack", "attacks", "attacked", "attacking", "attacker", "attackers", "assault", "assaults",
                        "assaulted", "ambush", "ambushed", "ambushes", "massacre", "massacred", "massacres", "raid",
                        "raids", "raided", "stormed", "storming", "executed", "executes", "killing", "battle",
                        "battles", "offensive", "fighting", "fought", "blitz", "siege"})
# Old wars' ordnance found and made safe ("Bomb squad detonates WWII shell"): whatever bomb words the lead
# adds, no attack unless an armed actor (not a weapon) is named too
RELIC: Final = ("wwii", "ww2", "ww ii", "world war ii", "world war two", "world war 2", "second world war",
         "world war i", "first world war", "vietnam war", "vietnam war-era", "korean war",
         # an old war named by its decade ("Landmine from 1990s war kills shepherd in Bosnia")
         *(f"{d}s {w}" for d in ("1940", "1950", "1960", "1970", "1980", "1990") for w in ("war", "wars", "conflict")),
         # worded without the war's name: "Unexploded wartime bomb found in harbour made safe"
         *(f"{age} {thing}" for age in ("wartime", "war-era", "decades-old", "century-old")
           for thing in ("bomb", "bombs", "shell", "shells", "artillery shell", "aerial bomb", "munitions", "ordnance",
                         "torpedo", "mortar", "mortar bomb", "mortar shell", "mortar round")),
         *(f"{age} {thing}" for age in ("wartime", "war-era")   # (a "decades-old mine" may be laid anew)
           for thing in ("mine", "mines", "grenade", "grenades", "munition", "rocket")),
         # found, not fired: "Old mortar round found on farm destroyed by sappers", "Rusty shell unearthed"
         # ("old" only before a shell or a round: "a 12-year-old bomb victim" is no relic, and "old ordnance" that
         # killed is a landmine's victims)
         *(f"{age} {thing}" for age in ("unearthed", "rusty", "rusted", "leftover", "abandoned")
           for thing in ("bomb", "bombs", "shell", "shells", "artillery shell", "mortar", "mortar round", "mortar shell",
                         "mortar bomb", "rocket", "grenade", "grenades", "ordnance", "munitions", "projectile")),
         *(f"old {thing}" for thing in ("shell", "shells", "artillery shell", "mortar round", "mortar shell")),
         # an old war's landmine that kills is an accident with a relic, as a road death is (its toll stays the
         # item's; the kind is other): "Old landmine kills farmer", "Landmine from old war kills two children",
         # "a mine left over from the civil war"; a landmine of a war still fought stays an attack ("Landmine
         # blast kills 3 in Taiz", "planted by"), and so does ordnance with no age ("unexploded ordnance from
         # previous fighting", as ACLED codes it)
         *(f"{age} {thing}" for age in ("old", "decades-old", "wartime", "war-era", "leftover", "rusty", "abandoned",
                                        "unearthed") for thing in ("landmine", "landmines", "land mine", "land mines")),
         "old mine", "old mines",
         *(f"{thing} from {war}" for thing in ("landmine", "landmines", "land mine", "mine", "mines", "ordnance")
           for war in ("old war", "an old war", "the old war", "a past war", "past wars", "previous wars",
                       "a previous war")),
         *(f"left {how} {war}" for how in ("over from", "from", "behind from", "behind by", "behind after")
           for war in ("the war", "the civil war", "a war", "war", "an old war", "past wars", "previous wars",
                       "decades of war", "the iran-iraq war", "civil war", "a civil war", "the country's civil war",
                       "its civil war", "years of war", "years of civil war", "decades of civil war")),
         # a mine of the civil war named as past ("Unexploded mine from the civil war kills farmer")
         *(f"{thing} from {war}" for thing in ("landmine", "landmines", "land mine", "land mines", "mine", "mines",
                                               "ordnance", "munitions")
           for war in ("the civil war", "civil war", "a civil war", "the country's civil war", "its civil war",
                       "years of war", "years of civil war", "decades of war", "decades of civil war")),
         "iran-iraq war", "falklands war", "soviet-afghan war", "khmer rouge-era", "khmer rouge era")
_WEAPONS: Final = frozenset({"bomb", "bombs", "bombing", "bomber", "suicide bomber", "car bomb", "ied", "explosive device",
                      "airstrike", "airstrikes", "air strike", "air strikes", "drone strike", "shelling"})
# armed actors by name (not their weapons): "ISWAP fighters raided a base and seized weapons" is no police raid
_ACTORS: Final = frozenset(w for w in ARMED if " " not in w and w not in _WEAPONS)
_RAID_NOUNS: Final = frozenset({"raid", "raids"})
# the police (not soldiers) as the subject of a raid or seizure with no toll and no armed actor named
_POLICE: Final = frozenset("police policemen officers officer customs agents cops detectives inspectors "
                    "regulators officials authorities".split())
# who raids or seizes in a police operation ("Customs officers seize cocaine, detain three")
_SECURITY: Final = frozenset("police policemen officers officer customs troops soldiers army military forces gendarmes "
                      "gendarmerie agents security authorities operatives rangers cops detectives coastguard "
                      "coastguards navy".split())

# Titles about another time than the attack: a trial, an anniversary, a plot, a release, a visit to the
# scene of past attacks ("Court jails four over Crocus City Hall attack", "Survivors mark ten years since
# bombing that killed 86"). With no fresh act of violence in the title ("Gunmen kill 5 on anniversary of
# massacre" is an attack), the attack words it quotes do not make the article an attack.
RETRO: Final = (
    "anniversary", "years since", "year since", "years after", "year after", "years on", "year on", "remember",
    "remembers", "remembering", "recall", "recalls", "commemorate", "commemorates", "commemoration",
    # ("Garissa attack remembered a decade on")
    "remembered", "decade on", "decades on", "decade after", "decades after", "decade since", "decades since",
    "jails", "jailed", "sentences", "convicts", "convicted", "trial", "charges", "acquits", "acquitted",
    "verdict", "plotting", "plot", "planning", "freed", "released", "release", "scene of", "site of",
    # courts, looking back
    "sentenced", "upholds", "overturn", "guilty", "pleads", "life term", "life sentence", "tribunal",
    "war crimes", "reburial", "newly identified", "revisits", "looks back", "retells", "revisited",
    # yearly and running tolls ("2,000 civilians killed in Ukraine this year"), unless compared ("the
    # deadliest attack this year": ``COMPARE``)
    "this year", "last year", "so far this year", "since january", "a year ago", "per year", "every year",
    # fines and damages over an earlier disaster or attack ("Firm fined over dam collapse that killed 19")
    "fined", "fines", "ordered to pay", "compensation", "lawsuit", "sues", "sued", "damages",
    "charged over", "charged in connection",
    # demands over a past attack ("Survivors of the 2015 Garissa massacre demand answers"); a vow to avenge a
    # killing stays that killing's report ("Army vows to avenge killing of 12 soldiers" is an attack)
    "demand answers", "demands answers", "demanding answers", "demand justice", "demands justice",
    "demanding justice", "seek justice", "seeks justice", "seeking justice", "call for justice", "calls for justice",
    "calling for justice", "cry for justice", "demand accountability", "demands accountability",
    "call for inquiry", "calls for inquiry", "call for an inquiry", "calls for an inquiry", "demand inquiry",
    "demands inquiry", "demand an inquiry", "demands an inquiry",
    # a work about an attack, not the attack ("Film festival opens with drama about Bataclan attacks")
    "film about", "films about", "movie about", "drama about", "play about", "book about", "novel about",
    "documentary about", "documentary on", "series about", "exhibition about", "opera about", "musical about",
    "review:", "film review:", "book review:",
    "memoir about", "podcast about", "thriller about", "thrillers about", "epic about", "game about",
    "games about", "game where", "game in which", "history of the", "new history of", "a history of", "histories of",
    "new book", "new study of",
    # a memoir or autobiography telling of killings ("Veteran's memoir describes 'killing 25 fighters'")
    "memoir", "memoirs", "autobiography",
    # ... "on" an attack or a genocide ("Book on Rwanda genocide that killed 800,000 wins prize"); plurals
    "book on", "books on", "film on", "films on", "movie on", "novel on", "exhibition on", "documentaries on",
    "memoir on", "podcast on", "opera on", "books about", "documentaries about", "exhibitions about",
    "plays about", "novels about", "movies about",
    # laws and debates about killings ("Parliament debates bill on police killings")
    "bill on", "bills on", "law on", "laws on", "legislation on", "debates", "debate on", "debate over",
    "gun law", "gun laws", "gun control", "gun reform", "firearms law", "firearms laws",
    "motion on", "hearing on", "report on",
    # a court's or an inquiry's ruling on an earlier killing ("Court rules police acted lawfully in fatal shooting")
    "acted lawfully", "acted unlawfully", "acted legally", "lawful killing", "unlawful killing", "ruled lawful",
    "ruled unlawful", "cleared of wrongdoing", "cleared of any wrongdoing",
)
# (only before any attack word: "Gunmen attack film crew making documentary about cartels" is an attack)
_WORKS: Final = frozenset(RETRO[RETRO.index("film about"):])
# A period's aggregate, in the title or the lead ("1,100 civilians killed or wounded in the first six
# months", "killed 4,000 in the past 12 months, monitors said"): a report, not a fresh attack, unless the
# title tells an act of its own (a past-tense or present verb: "Gunmen killed 12; 400 dead since January")
AGGREGATE: Final = (
    "first six months", "first three months", "first nine months", "first half of", "second half of",
    "first quarter of", "first half", "between january and", "between april and", "between july and",
    "between october and", "homicides down", "homicides fell", "homicides rose", "homicides up", "murders down",
    "murders fell", "murders rose", "homicide rate", "murder rate", "past 12 months", "past twelve months", "last 12 months", "last twelve months",
    "during the year", "over the year", "throughout the year", "past six months", "over the past week", "in the past week", "over the last week", "in the last week",
    "over the past two weeks", "in the past two weeks", "past seven days", "in seven days", "over the past year", "in the past year", "during the past year", "over the last year",
    "in the last year", "half-year", "half-yearly", "mid-year report", "since the start of the year",
    "since the beginning of the year", "so far this year", "since january", "year to date", "annual report",
    "yearly report", "quarterly report", "quarterly crime", "crime statistics", "crime figures", "crime stats",
    "police statistics", "police figures", "police data", "crime data", "murder figures", "homicide figures",
    *(f"{pre} {n} months" for pre in ("in", "in the past", "in the last", "over the past")
                           for n in ("two", "three", "four", "six", "nine")),
    # a quarter's figure ("Murders in South Africa fall to 6,200 in third quarter"); a crime count's trend
    *(f"{pre} {nth} quarter" for pre in ("in", "in the", "for the") for nth in ("first", "second", "third", "fourth",
                                                                             "last")),
    *(f"{crime} {trend}" for crime in ("murders", "homicides", "killings") for trend in (
        "fall", "falls", "drop", "drops", "dropped", "rise", "rises", "decline", "declines", "declined", "increase",
        "increases", "increased", "climb", "climbs", "climbed", "jump", "jumps", "jumped", "surge", "surges",
        "surged", "up", "down", "double", "doubled", "top", "tops", "topped", "pass", "passes", "passed", "exceed",
        "exceeds", "exceeded")),
    # a count that beats all before it ("Attacks on aid workers hit record high, UN says")
    "hit record", "hits record", "hit a record", "hits a record", "record high", "record number of",
    "record numbers of", "record level", "record levels", "all-time high",
    # a year's or a month's count, compared ("UN says 2026 deadliest year for journalists, with 124 killed")
    *(f"{sup} {span}" for sup in ("deadliest", "bloodiest", "worst", "most violent", "most dangerous")
      for span in ("year", "month", "year on record", "month on record", "year yet", "month yet")),
)
# What an arrest is over ("Police arrest five over killing of activist", "held in connection with the murder of"):
# after an arrest word in the headline (``_ARREST_HEAD``) and with no fresh act, the killing is an earlier event
# and the arrest the news, whatever toll the lead recalls ("Gunmen kill 3; police arrest two" stays an attack)
CAUSE: Final = tuple(f"{prep} {the}{noun}" for prep in ("over", "for", "in connection with") for the in ("", "the ")
              for noun in ("killing of", "killings of", "murder of", "murders of", "death of", "deaths of",
                           "lynching of", "beheading of", "shooting of", "stabbing of", "assassination of",
                           "abduction of", "kidnapping of", "attack on", "attacks on", "bombing", "bombings",
                           "massacre", "ambush")) + tuple(
    # ... or a named one told in a relative clause ("arrest five over Uppsala shooting that killed a man")
    f"{noun} that {verb}" for noun in ("shooting", "attack", "bombing", "stabbing", "blast", "ambush", "raid", "killing")
    for verb in ("killed", "left", "wounded", "injured"))
_ARREST_HEAD: Final = frozenset({"arrest", "arrests", "arrested", "arresting", "detain", "detains", "detained", "detaining",
                          "charged", "charges", "nab", "nabs", "nabbed", "apprehended", "indicted", "extradited",
                          "held", "hold", "holds", "capture", "captures", "captured", "questioned", "quizzed"})
# An obituary: "dies at 91", "died aged 88" (an age after it; "dies at hospital" is no obituary)
OBITUARY: Final = ("dies at", "died at", "dies aged", "died aged", "dead at", "dies at age", "died at age")
# A war's running toll ("Sudan's war enters third year with 150,000 dead", "conflict that has killed 9,000"):
# another time, unless the headline tells an act in the past tense too ("As war enters third year, gunmen
# killed 12")
RUNNING: Final = (
    "war enters", "conflict enters", "insurgency enters", "war marks", "war has killed", "war that has killed",
    "war which has killed", "war has left", "war that has left", "conflict has killed", "conflict that has killed",
    "conflict has left", "conflict that has left", "years of war", "year of war", "years of conflict",
    *(f"{noun} {toll}" for noun in ("fighting", "clashes", "violence", "insurgency", "unrest", "hostilities",
                                    "bloodshed", "crisis")
      for toll in ("that has killed", "that have killed", "which has killed", "which have killed", "has killed",
                   "have killed", "that has left", "that have left")),
)
# ... those of fighting, clashes or violence only as the object of a word before them ("a truce to end fighting
# that has killed thousands", "talks on violence that has killed 200", "Sudan, where fighting has killed ..."):
# as the headline's subject ("Clashes that have killed 12 since Monday spread to a third district") they are the news
_RUNNING_OBJECT: Final = frozenset({"fighting", "clashes", "violence", "insurgency", "unrest", "hostilities", "bloodshed",
                             "crisis"})
_RUNNING_HEADS: Final = frozenset({"end", "ends", "ending", "halt", "halts", "halting", "stop", "stops", "stopping", "on",
                            "over", "about", "where", "of", "into"})
# A funeral or burial for the victims of an earlier event ("Funeral held for 12 soldiers killed in ambush"):
# another time, unless the headline says the funeral was attacked ("Gunmen attack funeral held for chief")
FUNERAL: Final = (
    "funeral for", "funerals for", "funeral of", "funerals of", "funeral held", "funerals held", "burial of",
    "burial for", "laid to rest", "bury", "buries", "burying", "funeral prayers held", "funeral prayers offered",
    "funeral prayers for", "funeral prayers of",
    # memorials, vigils and tributes for the victims ("Vigil held for 5 students killed in campus shooting")
    "memorial service for", "memorial services for", "memorial service held", "memorial for", "memorials for",
    "memorial to", "vigil for", "vigils for", "vigil held", "vigils held", "tributes paid", "tributes to",
    "tribute to", "pay tribute", "pays tribute", "paid tribute", "in memory of",
)
# "bury" is a funeral only with its object after it ("Mourners bury 12 victims", "bury their dead"), not
# the English town ("Bury man shot dead")
_BURY: Final = frozenset({"bury", "buries", "burying"})
_BURY_OBJECTS: Final = frozenset("the their his her its a an victims dead bodies slain those relatives children "
                          "soldiers policemen two three four five six seven eight nine ten eleven twelve "
                          "dozens scores hundreds".split())
# Verbs of an attack on the funeral itself
ASSAILED: Final = ("attack", "attacks", "attacked", "opened fire", "open fire", "opens fire", "bombed", "targeted",
            "targets", "struck", "hit", "hits", "stormed", "raided", "strikes", "blows", "blew", "explodes",
            "exploded", "detonates", "detonated", "rams", "rammed")
# Words of another time or of no violence that a report of a fresh attack may carry too ("Mourners
# attacked at burial, 7 dead", "Gunmen attack army drill, 5 dead", "Attack threatens deal as 12 killed"):
# they make a title about another time only when it states no toll of its own (``classify``).
# a drill's own words: with no toll and no armed group, even a fresh verb is the drill's ("Marines storm
# beach in live-fire drill")
_DRILL: Final = ("drill", "drills", "live-fire drill", "live-fire exercise", "amphibious exercise", "war games",
                 "military exercise", "joint exercise", "mock", "dummy", "dummies", "counter-terror exercise",
                 "counter-terrorism exercise", "in exercise", "an exercise", "mock drill")
SOFT_RETRO: Final = (
    "burial", "memorial", "appeal",
    "rate", "rates",
    # things that are no act of violence: drills and tests, arms deals, captives set free
    "exercise", "exercises", "drill", "drills", "war games", "live-fire", "missile test", "test-fires",
    "test-fired", "into the sea", "into sea", "into the waters", "into waters",
    *(f"{p} {the}{sea}" for p in ("toward", "towards", "into") for the in ("", "the ")
      for sea in ("sea", "waters", "sea of japan", "east sea", "yellow sea", "west sea")
      if f"{p} {the}{sea}" not in ("into the sea", "into sea", "into the waters", "into waters")),
    "rehearse", "rehearses", "deal", "contract", "to buy", "to supply",
    "sale of", "approves sale", "arms deal", "free", "frees",
    # weapons shown, not fired ("North Korea parades 'carrier killer' missiles")
    "parades", "unveils", "showcases",
    # a drill's pretend fight ("Marines stage mock beach assault")
    "mock", "simulated", "simulating", "simulation",
    # promises about violence, and markets moved by it ("vows to end bandit attacks", "Oil prices jump
    # after attacks on shipping", "profits soar on war demand"): only before any attack word (``_MARKET``)
    "vows to end", "vow to end", "vowed to end", "pledges to end", "promises to end", "vows to stop",
    "vows to crush", "vows to defeat", "vows to tackle", "pledges to tackle", "to curb", "to tackle",
    "prices", "price", "profits", "profit", "shares", "stocks", "freight", "earnings", "revenue",
    "war demand", "insurance", "premiums", "insurer", "insurers", "underwriters",
    "oil jumps", "oil rises", "oil climbs", "oil surges", "oil soars", "oil spikes", "oil gains", "oil rallies",
    "oil falls", "oil slips", "oil prices", "crude jumps", "crude rises", "crude surges", "crude prices",
    "supply fears", "supply concerns", "supply worries",
    # exhibitions and festivals about an attack ("Exhibition marks victims of the embassy bombing")
    "exhibition", "exhibitions", "film festival", "premiere", "premieres", "exports", "imports",
)
_MARKET: Final = frozenset(SOFT_RETRO[SOFT_RETRO.index("vows to end"):])
# an attack word or an armed actor before a market or promise word makes it the attack's ("Gunmen attack
# village over land price dispute", "Troops launch offensive to curb bandit attacks")
_ATTACK_WORDS_ONE: Final = frozenset(w for w in CUES["attack"] + ARMED if " " not in w)
FRESH: Final = (
    "kill", "kills", "storm", "storms", "ambush", "ambushes", "abduct", "abducts", "kidnap", "kidnaps", "shoot",
    "shoots", "shell", "shells", "wound", "wounds", "injure", "injures", "behead", "beheads", "massacre",
    "stab", "stabs",
    # the participle that tells a title's own toll ("Militants attack burial, killing 5")
    "killing", "wounding", "injuring",
)
# A span word after a superlative or an ordinal compares this event with the year's others, it
# does not date it: "Deadliest attack this year leaves 30 dead", "second bombing this month"
COMPARE: Final = frozenset({"deadliest", "worst", "bloodiest", "biggest", "largest", "highest", "first", "second",
                     "third", "fourth", "fifth", "latest", "most"})
_SPANS: Final = frozenset({"this year", "last year", "so far this year", "since january"})
# A lead with no title tells its act in the past tense ("Gunmen killed 12 ... and freed three")
FRESH_PAST: Final = (
    "killed", "attacked", "stormed", "ambushed", "abducted", "kidnapped", "shot", "wounded", "injured",
    "beheaded", "bombed", "raided", "shelled", "opened fire", "blew up", "exploded", "struck", "hit", "massacred",
    "detonated", "launched", "threw", "set fire", "clashed", "carried out", "targeted", "fired", "intercepted",
    "burned", "torched", "looted", "ransacked", "vandalised", "vandalized", "stoned", "set ablaze",
    "beat up", "beat", "assaulted", "tortured", "stabbed", "hacked", "lynched", "murdered", "whipped",
)
# A note or lead with no title that reports a protest about violence ("residents blocked the road to
# protest the killing of 5 civilians", "protested against the insecurity caused by ADF attacks"): the
# attack words are the protest's subject, unless the lead tells a fresh act of its own (FRESH_PAST:
# "police opened fire on people protesting the killings, killing 2")
PROTEST_OF: Final = (
    "to protest", "to denounce", "to condemn", "in protest against", "in protest at", "in protest over",
    "protested", "protesting against", "demonstrated against", "demonstrating against", "denouncing",
    "condemning", "against the insecurity", "against insecurity",
    # (ACLED's protest notes: "residents held a peaceful protest in Beni against the killing of 6 farmers")
    "protest against", "protests against", "protest over", "protests over", "protested over", "protesting over",
    "demonstration against", "demonstrations against", "demonstration over", "sit-in against", "sit-in over",
    "marched against", "rallied against", "march against", "marches against", "rally against",
    "rallies against", "vigil against", "against killings of", "against the killings of", "against the killing of",
    "against killing of",
    # a march that stayed peaceful ("residents marched peacefully to demand better protection")
    "marched peacefully", "march peacefully", "marches peacefully", "marching peacefully", "rallied peacefully",
    "demonstrated peacefully", "demonstrate peacefully", "protested peacefully", "protest peacefully",
    "to demand better protection", "to demand protection", "to demand more security", "to demand security",
    "demanding better protection", "demanding protection", "demanding more security", "demanding security",
    *(f"{verb} {a}{peaceful}{what}" for verb in ("held", "staged", "organised", "organized") for a in ("a ", "")
      for peaceful in ("", "peaceful ") for what in ("protest", "protests", "demonstration", "demonstrations",
                                                     "sit-in", "rally", "march")),
)
# The RETRO words that make a lead with no title about another time: courts, commemorations, yearly tolls
LEAD_RETRO: Final = frozenset({
    "trial", "verdict", "sentenced", "sentences", "convicts", "convicted", "jailed", "jails", "acquits",
    "acquitted", "anniversary", "years since", "year since", "commemorate", "commemorates", "commemoration",
    "upholds", "appeal", "pleads", "guilty", "tribunal", "war crimes", "burial", "this year", "last year",
    "so far this year", "since january",
})
# Ground taken or left with no violence ("Rebels seize town without a fight") reports no attack, unless the
# headline tells a fresh act of violence too or a toll. (A device planted and defused stays an attack, a
# failed one, as GTD codes it: "The army defused an IED near the market".)
DEFUSAL: Final = ("without a fight", "without fighting", "without resistance", "without a shot", "without firing a shot")
# An attack word negated ("withdrew without fighting", "no clashes were reported") is no attack
_NEGATORS: Final = frozenset({"without", "no"})


def _negated(low: str, s: int) -> bool:
    """Is the cue at ``s`` negated: "without fighting", "without a fight", "no clashes"?"""
    before = low[max(0, s - 16):s].split()[-2:]
    return bool(before) and (before[-1] in _NEGATORS or (
        len(before) == 2 and before[0] == "without" and before[1] in ("a", "any")))

# "a deal aiming to end fighting", "talks on an end to the clashes": violence a deal is to stop, no new attack
_ENDERS: Final = frozenset({"end", "ends", "ending", "halt", "halts", "halting", "stop", "stops", "stopping"})
_ENDABLE: Final = frozenset({"fighting", "fight", "clashes", "hostilities", "violence", "war", "attacks", "bloodshed",
                      "killings"})


def _ended(low: str, s: int, e: int) -> bool:
    """Is the cue at ``s``..``e`` what a deal or talks are to end ("aimed at ending fighting")?"""
    if low[s:e + 1] not in _ENDABLE:
        return False
    before = low[max(0, s - 16):s].split()[-2:]
    return bool(before) and (before[-1] in _ENDERS or (
        len(before) == 2 and before[0] in _ENDERS and before[1] in ("the", "to")))


# After these, a FRESH word is a noun, no verb ("Court acquits four in school massacre case")
NOUN_AFTER: Final = frozenset({"of", "case", "cases", "trial", "trials", "survivors", "survivor", "victims", "anniversary",
                        "suspect", "suspects", "accused", "convict", "memorial", "site", "plot", "probe", "inquiry",
                        # arms trade ("profit soars on artillery shell orders", "shell production")
                        "orders", "order", "production", "output", "makers", "maker", "supplies", "deliveries",
                        "shortage", "shortages", "exports", "contracts", "contract", "sales"})
_EVENT_NOUNS: Final = frozenset({"ambush", "ambushes", "massacre", "massacres"})
# An event noun that closes a named event ("killed in Dera Ismail Khan ambush", "remember the Garissa
# University massacre"): after "in", "of", "the" ... a few words back, with no object after it
_EVENT_OPENERS: Final = frozenset({"in", "of", "the", "after", "during", "since", "over", "for"})
_EVENT_CLOSERS: Final = frozenset({"", "in", "on", "at", "near", "of", "by", "that", "which", "as", "survivors",
                            "victims", "site", "anniversary", "toll", "suspect", "suspects", "case", "trial"})
_RELATIVES: Final = frozenset({"who", "which", "that"})
# Weapons a FRESH word ("shells") is listed with: then it is a weapon too, no verb
_ARMS: Final = frozenset("drones missiles rockets bombs shells guns rifles weapons ammunition munitions tanks jets arms mortars "
                  "artillery grenades".split())
_ARMS_AFTER: Final = [[w] for w in _ARMS]
# "victims of", "survivors of" a few words before an event noun: the noun names the event they are of
_OF_EVENT: Final = frozenset({"victims", "survivors", "anniversary", "memory"})
# verbs that look back at an event named after them: the event noun is their object, no fresh act
_LOOK_BACK: Final = frozenset({"revisits", "revisit", "revisited", "revisiting", "retells", "retell", "retold", "recalls",
                        "recall", "recalled", "recalling", "remembers", "remember", "remembered", "recounts",
                        "recounted", "depicts", "depicted", "chronicles", "chronicled", "explores", "explored",
                        "examines", "examined", "commemorates", "commemorate", "commemorated", "mourns", "mourn"})


def _looked_back(back: list[str]) -> bool:
    """Do the words before an event noun hold a look-back verb with no clause break after it ("revisits
    Srebrenica massacre", not "revisit village, massacre 12")?"""
    for x in range(len(back) - 1, -1, -1):
        w = back[x]
        if w in _LOOK_BACK:
            return True
        if w[-1:] in ",;:|" or w in ("and", "then"):
            return False
    return False


NOUN_BEFORE: Final = frozenset({"the", "a", "an", "this", "that", "its", "their", "his", "her", "for", "over", "of", "with"})
# States' executions: an execution word in the title and a court or crime word in the title or lead
EXECUTION: Final = ("executes", "execute", "executed", "hangs", "hanged", "execution", "executions")
JUDICIAL: Final = ("convicted", "court", "judiciary", "sentenced", "death row", "clemency", "drug", "drugs",
            "trafficking", "smuggling", "death sentence", "supreme court", "interior ministry",
            # what states hang people for ("Iran hangs two men over protest killings")
            "spying", "espionage", "blasphemy", "gallows", "death penalty", "over protest", "over protests",
            "protest-related", "for murder", "murder conviction", "rights groups", "amnesty international")
# the verbs of a state's execution that an arrest cue ("convicted") beside them must not turn into an arrest
_EXEC_VERBS: Final = frozenset({"hangs", "hanged", "hang", "executes", "executed", "execute"})
# Deliberate violence: an armed actor, a weapon or an attack word.
VIOLENCE: Final = (
    # an armed group named for an animal is no animal when it acts ("Tamil Tigers attacked an army camp")
    *(f"tamil tigers {v}" for v in ("attack", "attacks", "attacked", "kill", "kills", "killed", "ambush", "ambushed")),
    # piracy is robbery at sea by force ("Pirates kill captain, crew member aboard tanker off Somalia"): pirates who
    # act or are the agent; a film's and a team's pirates are no one's (``BENIGN``)
    *(f"{p} {v}" for p in ("pirates", "pirate") for v in (
        "kill", "kills", "killed", "attack", "attacks", "attacked", "shoot", "shoots", "shot", "hijack", "hijacks",
        "hijacked", "storm", "stormed", "fire on", "fired on", "opened fire", "open fire", "board", "boarded",
        "abduct", "abducted", "kidnap", "kidnapped", "seize", "seized", "seizes")),
    "by pirates", "by armed pirates", "pirate attack", "pirate attacks", "armed pirates",
    # a vehicle or vessel taken by force (only beside one: ``_hijacked_vehicle``)
    *_HIJACK,
    "attack", "attacks", "attacked", "attacker", "attackers", "assault", "assaulted", "bomb", "bombs", "bombed",
    "bombing", "bombings", "bomber", "bombers", "car bomb", "gunmen", "gunman", "gunfire", "shooting",
    "shootings", "shot", "shoot", "ambush", "ambushed", "militants", "militant", "insurgents", "insurgent",
    "terrorists", "terrorist", "jihadists", "jihadist", "bandits", "rebels", "militia", "militias", "militiamen",
    "raid", "raided", "shelling", "shelled", "airstrike", "airstrikes", "air strike", "air strikes", "drone strike",
    "drone strikes", "missile", "missiles", "rocket", "rockets", "mortar", "mortars", "grenade", "grenades", "ied",
    "explosive device", "suicide bomber", "abducted", "kidnapped", "abducts", "kidnaps", "beheaded", "murdered", "murder", "stabbed",
    "hacked", "lynched", "lynches", "lynching", "executed", "arson", "torched", "torch", "torches", "opened fire", "gunfight", "armed men", "assailants",
    "massacre", "insurgency", "sniper", "troops", "landmine", "land mine", "explosive", "explosives",
    "stormed", "storming", "fighters", "armed group", "claimed responsibility", "claiming responsibility",
    "hostage", "hostages", "kidnapping", "abduction", "bullet", "bullets", "gunshot", "gunshots", "live fire",
    "live ammunition", "rubber bullet", "rubber bullets", "tear gas", "torture", "tortured", "beaten",
    # force used on a crowd ("fired live rounds at a peaceful rally")
    "live rounds", "fired at", "fired on", "fired upon", "shot at",
    # fighting ("clashes between herders ... killed four" beside the herders' cattle)
    "clashes", "clashed", "shoot-out", "shootout", "firefight", "exchange of fire", "exchanged fire", "atgm",
    "anti-tank",
    "by drones", *STRIKES,
    # bodies found where armed gangs fight ("Bodies of 11 men found in ravine as cartel war rages")
    "cartel war", "cartel wars", "gang war", "gang wars", "turf war", "turf wars", "cartel violence", "gang violence",
    "cartel infighting", "drug war",
    # armed raiders of herds (``ARMED``)
    "cattle raiders", "cattle raider", "livestock raiders", "rustlers", "cattle rustlers", "armed herders",
    # a man gunned down, in any case ("TWO POLIO WORKERS, POLICEMAN GUNNED DOWN"), and a vehicle rammed on purpose
    "gunned down", "gun down", "guns down", "gunning down", "deliberately", "intentionally",
)
_SCORE_LINE: Final = frozenset("0123456789")


def _attack_before(low: str, s: int) -> bool:
    """Does an attack word or an armed actor stand before ``s`` (in the title)?"""
    return not _ATTACK_WORDS_ONE.isdisjoint(w.strip(",.;:'\"()") for w in low[:s].split())


def _build() -> Automaton:
    a = Automaton(dfa=True, overlapping=True)   # (pyahocorasick's iter, by ahocorasick-rs: a DFA, read on every text)
    for kind, words in CUES.items():
        for w in words:
            a.add_word(w, (len(w), kind))
    a.make_automaton()
    return a


_AC: Final = _build()


def _build_contrast() -> Automaton:
    cats: dict[str, set[str]] = {}
    for w in NOT_ATTACK:
        cats.setdefault(w, set()).add("not")
    for w in VIOLENCE:
        cats.setdefault(w, set()).add("weak" if w in _ATTACK_WORDS else "violence")
    for w in BENIGN:
        cats.setdefault(w, set()).add("benign")
    for w in PRIVATE:
        cats.setdefault(w, set()).add("private")
    for w in POACHING:
        cats.setdefault(w, set()).add("poach")
    for w in ARMED:
        cats.setdefault(w, set()).add("armed")
    for w in RELIC:
        cats.setdefault(w, set()).add("relic")
    for w in SPACE:
        cats.setdefault(w, set()).add("space")
    a = Automaton(overlapping=True)   # (ahocorasick-rs; an NFA: as a DFA its 2,400 phrases cost ~8 MB)
    for w, c in cats.items():
        a.add_word(w, (len(w), tuple(sorted(c))))
    a.make_automaton()
    return a


_CONTRAST: Final = _build_contrast()


def _tagged(*tables: tuple[tuple[str, ...], str]) -> Automaton:
    """An automaton of each table's words, each valued (its length, its table's tag)."""
    a = Automaton(overlapping=True)   # (pyahocorasick's iter, scanned by ahocorasick-rs; an NFA: a few words)
    for words, tag in tables:
        for w in words:
            a.add_word(w, (len(w), tag))
    a.make_automaton()
    return a


_SAFE_AC: Final = _tagged((_MADE_SAFE, "safe"), (SET, "set"), (_IED, "ied"), (_COME_UPON, "found"))
_PLAY_AC: Final = _tagged((PLAY, "play"))
# (a superset test for classify's one look at the title and lead: a text with none of these words inside
# any of its words has none of them as a word, and is spared the split)
_FIG_OBJECTS_AC: Final = _tagged((tuple(sorted(_FIGURATIVE_OBJECTS)), "object"))
_PLAY_STRONG_AC: Final = _tagged((PLAY_STRONG, "strong"))
_EXPO_AC: Final = _tagged((EXPO, "expo"))


def _build_frame() -> Automaton:
    cats: dict[str, list[str]] = {}   # a word may be in two lists ("sentenced": retro and judicial)
    for cat, words in (("retro", RETRO), ("soft", SOFT_RETRO), ("fresh", FRESH), ("exec", EXECUTION),
                       ("judicial", JUDICIAL), ("past", FRESH_PAST), ("protest", PROTEST_OF), ("defuse", DEFUSAL),
                       ("running", RUNNING), ("funeral", FUNERAL), ("assailed", ASSAILED),
                       ("aggregate", AGGREGATE), ("obit", OBITUARY), ("cause", CAUSE), ("drill", _DRILL)):
        for w in words:
            cats.setdefault(w, []).append(cat)
    a = Automaton(dfa=True, overlapping=True)   # (pyahocorasick's iter, by ahocorasick-rs: a DFA, read on every text)
    for w, c in cats.items():
        a.add_word(w, (len(w), tuple(c)))
    a.make_automaton()
    return a


_FRAME: Final = _build_frame()


def _noun_use(low: str, s: int, e: int) -> bool:
    """Is the FRESH word at ``low[s:e+1]`` a noun: "the 1994 massacre", "massacre case"?"""
    after = low[e + 1:e + 16].split()[:1]
    before = [w.lstrip("'\"\u2018\u201c") for w in low[max(0, s - 16):s].split()[-1:]]   # ("'The Kill Team'")
    second = low[max(0, s - 30):s].split()[-2:-1]
    if low[s:e + 1] in _EVENT_NOUNS and (low[e + 1:e + 2] == ":" or not _RELATIVES.isdisjoint(
            low[max(0, s - 40):s].split()[-3:])):
        return True   # a headline's topic ("School massacre: families gather ..."), a relative clause's
        # object ("Reporter who covered Srebrenica massacre dies aged 71")
    if low[s:e + 1] in _EVENT_NOUNS and _looked_back(low[max(0, s - 40):s].split()[-3:]):
        return True   # a work's or a town's look back at it ("Documentary revisits massacre where hundreds died")
    if low[s:e + 1] in _EVENT_NOUNS and second and (second[0] in ("of", "in") or (
            second[0] in NOUN_BEFORE and second[0] != "with") or (len(second[0]) == 4 and second[0].isdigit())):
        return True   # "victims of Benue massacre", "killed in Kurram ambush", "2021 prison massacre": a noun
    if low[s:e + 1] in _EVENT_NOUNS and _EVENT_OPENERS.intersection(low[max(0, s - 48):s].split()[-4:]) and (
            low[e + 1:e + 2] in ("", "\n", ".", ":", ";", "|", ",") or (after and after[0] in _EVENT_CLOSERS)):
        return True   # "killed in Dera Ismail Khan ambush", "the Garissa University massacre"
    if low[s:e + 1] in _EVENT_NOUNS and second and second[0].endswith(("'s", "\u2019s")) and (
            low[e + 1:e + 2] in ("", "\n", ".", ":", ";", "|", ",") or (after and after[0] in _EVENT_CLOSERS)):
        return True   # "revisits Kenya's Wagalla massacre": a named event, a noun
    if low[s:e + 1] in _EVENT_NOUNS and " of " in low[max(0, s - 48):s]:
        back = low[max(0, s - 48):s].split()[-5:]
        if any(w in _OF_EVENT and nxt == "of" for w, nxt in zip(back, back[1:])):
            return True   # "vigil for victims of Peshawar school massacre draws thousands"
    if (before and before[0] in ("and", "or") and second and second[0] in _ARMS) or (
            after and after[0] in ("and", "or") and low[e + 1:e + 40].split()[1:2] in _ARMS_AFTER):
        return True   # "demand for drones and shells", "shells and missiles": weapons listed, no verb
    return bool((after and after[0].strip(",.;:'\"") in NOUN_AFTER)
                or (before and (before[0] in NOUN_BEFORE or before[0].isdigit()
                                or before[0].endswith(("'s", "\u2019s")))))   # "last week's ambush"


# before a funeral or vigil: the event happened there ("Explosion at vigil for slain activist")
_AT_MOURNING: Final = frozenset({"at", "near", "outside", "on"})
# the mourning a verb right before assails ("Suicide bomber strikes memorial service")
_MOURNING: Final = [[w] for w in ("memorial", "funeral", "vigil", "burial", "mourners")]


# a work's telling verb: what follows is its story, not a fresh act ("memoir describes 'killing 25 fighters'")
_TELLING: Final = frozenset({"describes", "described", "recounts", "recounted", "retells", "retold", "depicts", "depicted",
                      "chronicles", "chronicled", "dramatises", "dramatizes"})


def _told(low: str, s: int) -> bool:
    """Is the word at ``s`` the object of a work's telling verb ("describes 'killing ...'")?"""
    back = [w for w in (x.strip("'\"\u2018\u201c") for x in low[max(0, s - 24):s].split()) if w][-1:]
    return bool(back) and back[0] in _TELLING


def _named_event(low: str, s: int, e: int) -> bool:
    """Does the word at ``low[s:e+1]`` close a named event after "in", "after" or "during" two words back,
    with nothing or a closer after it: "killed in Zamfara attack"?"""
    back = low[max(0, s - 40):s].split()[-2:]
    after = low[e + 1:e + 16].split()[:1]
    return len(back) == 2 and back[0] in ("in", "after", "during") and (
        not after or after[0].strip(",.;:") in _EVENT_CLOSERS)


# a title's own toll beside a protest ("Police kill three at march against killings")
_TOLL_WORDS: Final = frozenset("dead killed kill kills shot wounded injured died dies hurt one two three four five six "
                        "seven eight nine ten dozens scores".split())


# force used on a protest ("Soldiers open fire on protest against killings")
_FORCE: Final = frozenset("fire fired shoot shoots shot disperse disperses dispersed teargas tear-gas beat beats storm "
                   "storms stormed charge charged crush crushes raid raids".split())


# the last document's frame: extract() asks classify() and then another_time() about one document
_last_frame: list[tuple[Doc, dict[str, int]] | None] = [None]


_RECORD_HITS: Final = frozenset({"hit record", "hits record", "hit a record", "hits a record"})
_WEATHER: Final = frozenset("temperatures temperature heat mercury thermometers rainfall rains".split())


def _frame(doc: Doc) -> dict[str, int]:
    """Retro, fresh and execution cues in the title; judicial cues in the title and lead (read
    once a document; callers only read the counts)."""
    last = _last_frame[0]
    if last is not None and last[0] is doc:
        return last[1]
    seen = _read_frame(doc)
    _last_frame[0] = (doc, seen)
    return seen


def _read_frame(doc: Doc) -> dict[str, int]:
    low = doc.low
    n = len(low)
    seen = {"retro": 0, "soft": 0, "fresh": 0, "exec": 0, "judicial": 0, "defuse": 0, "running": 0, "past": 0,
            "funeral": 0, "assailed": 0, "aggregate": 0, "obit": 0, "title_agg": 0, "lead_running": 0, "drill": 0}
    head = _head_end(doc)
    e: int   # (typed: native ints when compiled)
    length: int
    for e, (length, cats) in _FRAME.iter(low, 0, max(doc.lead_end, doc.title_end)):
        s = e - length + 1
        if (s > 0 and low[s - 1].isalnum()) or (e + 1 < n and low[e + 1].isalnum()):
            continue
        for cat in cats:
            if cat == "cause":   # what an arrest is over: an earlier killing, after an arrest word in the headline
                if s < head and not _ARREST_HEAD.isdisjoint(w.strip(",.;:'\"") for w in low[:s].split()):
                    seen["retro"] += 1
                continue
            if cat == "running" and low[s:e + 1].split(" ", 1)[0] in _RUNNING_OBJECT:
                if _RUNNING_HEADS.isdisjoint(low[max(0, s - 32):s].split()[-3:]):
                    continue   # "Clashes that have killed 12 since Monday spread ...": the clashes are the news
                if s >= head:   # (the lead's: the toll of an item that reports no attack is background)
                    seen["lead_running"] += 1
                    continue
            if cat == "past":   # a lead's past tense is its own act, unless in a relative clause
                if doc.title_end:
                    if s < head and not _relative(low, s) and low[max(0, s - 5):s] not in (" has ", "have "):
                        seen["past"] += 1   # (a title's: only against a war's running toll)
                    continue
                cat = "fresh"
            elif cat == "protest":   # a protest about violence, in a lead with no title, or in a title that
                # tells no toll of its own ("Thousands march in Bogota against killings of social leaders")
                if doc.title_end and (s >= head or not _TOLL_WORDS.isdisjoint(low[:head].split())
                                      or any(c.isdigit() for c in low[:head]) or _attack_before(low, s)
                                      or not _FORCE.isdisjoint(low[:s].split())):
                    continue
                seen["retro"] += 1
                continue
            if cat == "aggregate" and low[s:e + 1] in _RECORD_HITS and _word_before(low, s) in _WEATHER:
                continue   # "three dead as temperatures hit record": the weather's record, not a count's
            if cat == "aggregate":   # in the title, or the lead of a title that names no single event
                if s < head and not _compared(low, s):
                    seen["title_agg"] += 1   # the title's own span, as "so far this year" (RETRO)
                elif s >= head and not _compared(low, s) and not _names_event(low[:doc.title_end]):
                    seen["aggregate"] += 1
                continue
            if cat == "obit" and not low[e + 1:e + 3].strip()[:1].isdigit():
                continue   # "dies at hospital": no age, no obituary
            if cat == "funeral" and low[s:e + 1] in _BURY and not _buries_someone(low, e):
                continue   # "Bury man shot dead": the town
            if cat == "funeral" and _AT_MOURNING.intersection(low[max(0, s - 12):s].split()[-2:]):
                continue   # "Blast at funeral of elder, 12 dead": the mourners are this event's victims
            if cat == "assailed" and ((_noun_use(low, s, e) and low[e + 1:e + 16].split()[:1] not in _MOURNING)
                                      or low[max(0, s - 16):s].split()[-1:] in (["in"], ["after"], ["during"])
                                      or _named_event(low, s, e)):
                continue   # "killed in attack on village", "killed in Zamfara attack": the earlier attack, a noun
            if (cat == "soft" and low[s:e + 1] in _MARKET or cat == "retro" and low[s:e + 1] in _WORKS) \
                    and _attack_before(low, s):
                continue   # "Gunmen attack village over land price dispute": the attack is the news
            if cat in ("retro", "soft") and not doc.title_end and low[s:e + 1] not in LEAD_RETRO:
                continue   # a lead's "scene of", "freed inmates", "mining site of" are part of its act
            if cat == "retro" and low[s:e + 1] in _SPANS and _compared(low, s):
                continue
            if cat == "fresh" and (_noun_use(low, s, e) or _relative(low, s) or _told(low, s)):
                continue
            if cat == "judicial" or s < head:
                seen[cat] += 1
    pct = low.find("%", 0, head)
    if pct != -1 and not _attack_before(low, pct):
        seen["soft"] += 1   # a market's move before the attack word ("Gold rises 2% after missile attacks")
    elif pct != -1 and _trend(low, pct) and not seen["past"]:
        seen["retro"] += 1   # a count's trend ("Attacks on schools rose 20% in 2026, UN says"): a statistic, unless
        # the headline tells an act ("Attacks on police rose 20% after bandits killed 12 officers")
    if seen["running"] and not seen["past"]:
        seen["retro"] += seen["running"]
    if seen["funeral"] and not seen["assailed"]:
        seen["retro"] += seen["funeral"]
    if seen["aggregate"] and not seen["past"]:
        seen["retro"] += seen["aggregate"]
    if seen["title_agg"] and not (seen["past"] and _names_event(low[:head])):
        seen["retro"] += seen["title_agg"]   # ("Militants killed 9 in ambush; 120 died in the first six months")
    seen["retro"] += seen["obit"]
    return seen


# The nouns of one event: a title naming one ("Suicide bombing at market") reports it, whatever
# aggregate its lead adds ("... bringing the toll so far this year to 300")
_ONE_EVENT: Final = frozenset("attack bombing blast explosion shooting ambush massacre raid strike airstrike "
                       "shelling assault clash suicide gunmen gunman bomber".split())


# the words of a count's trend beside a percentage: "rose 20%", "up 30%", "a 15% rise"
_TRENDS: Final = frozenset("rose rise rises risen fell fall falls fallen up down increased increase increases decreased "
                    "decrease decreases jumped jump jumps dropped drop drops declined decline declines surged surge "
                    "surges climbed climb climbs doubled grew grow grows".split())


def _trend(low: str, pct: int) -> bool:
    """Is the percentage ending at ``pct`` a trend ("rose 20%", "a 20% rise")?"""
    before = low[max(0, pct - 40):pct].split()[-3:-1]   # (the words before the number: "rose by 20%")
    after = low[pct + 1:pct + 24].split()[:1]
    return not _TRENDS.isdisjoint(before) or (bool(after) and after[0].strip(",.;:") in _TRENDS)


def _names_event(title: str) -> bool:
    return not _ONE_EVENT.isdisjoint(w.strip(",.;:'\"()") for w in title.split())


def _buries_someone(low: str, e: int) -> bool:
    """Does an object follow the "bury" ending at ``e`` ("bury 12 victims", "buries their dead")?"""
    after = low[e + 1:e + 24].split()[:1]
    return bool(after) and (after[0] in _BURY_OBJECTS or after[0][:1].isdigit())


def _compared(low: str, s: int) -> bool:
    """Does a superlative or an ordinal stand just before the span word at ``s`` (``COMPARE``)?"""
    return any(w in COMPARE for w in low[max(0, s - 40):s].split()[-4:])


def _head_end(doc: Doc) -> int:
    """End of the headline: the title, or a lead's first sentence when there is no title."""
    if doc.title_end or not doc.sentences:
        return doc.title_end
    return doc.sentences[0].end


def _relative(low: str, s: int) -> bool:
    """Does the word at ``s`` open a relative clause ("the 2015 attacks that killed 130")?"""
    return any(w in ("that", "which", "who") for w in low[max(0, s - 24):s].split()[-2:])


def _past_year(doc: Doc, year: int | None) -> bool:
    """Does the title name a year before the article's ("over 2019 Easter bombings", "the 1994 massacre")?"""
    if year is None:
        return False
    low = doc.low[:_head_end(doc)]
    for prefix in ("19", "20"):
        i = low.find(prefix)
        while i != -1:
            y = low[i:i + 4]
            if (y.isdigit() and 1900 <= int(y) < year and (i == 0 or not low[i - 1].isalnum())
                    and not low[i + 4:i + 5].isalnum()):
                return True
            i = low.find(prefix, i + 1)
    return False


_PAST_ATTACK_NOUNS: Final = frozenset(_ONE_EVENT | {"attacks", "bombings", "massacres", "genocide", "shootings", "siege"})


def past_attack(doc: Doc, year: int | None) -> bool:
    """Does the title name an attack of an earlier year ("victims of 1998 US embassy bombing", "the 2015
    Garissa massacre")? A year before the article's, then an attack noun within five words."""
    if year is None:
        return False
    words = doc.low[:_head_end(doc)].split()
    for i, w in enumerate(words):
        y = w.strip(",.;:'\"()")
        if len(y) == 4 and y.isdigit() and 1900 <= int(y) < year and \
                not _PAST_ATTACK_NOUNS.isdisjoint(x.strip(",.;:'\"()") for x in words[i + 1:i + 6]):
            return True
    return False


# a note's statement that nobody died (ACLED's closing line)
_NO_DEATHS: Final = ("no fatalities", "no casualties", "no deaths", "no one was killed", "nobody was killed")
# humanitarian mine clearance: its mines were laid by someone, but clearing them is no attack
_DEMINING: Final = ("deminer", "deminers", "demining", "de-mining", "mine clearance", "mine-clearance",
                    "mine clearing", "mine-clearing", "mine action", "clearance team", "clearance teams")


def _demining(low: str, head_end: int, first_attack: int) -> bool:
    """Does the headline (or a note's first sentence) tell mine clearance before any attack word ("Deminers
    destroy 1,200 landmines"; not "Militants attack demining team")?"""
    head = low[:head_end]
    for w in _DEMINING:
        i = head.find(w)
        if i != -1 and i < first_attack and (i == 0 or not head[i - 1].isalnum()):
            return True
    return False


# a weapons test's words: a launch with no target ("fires ballistic missile into sea")
_TEST: Final = ("missile test", "test-fires", "test-fired", "test-launch", "test launch", "into the sea", "into sea",
                "into the waters", "into waters",
                # ... or fired out to sea ("fires missiles toward Sea of Japan", "into the East Sea")
                *(f"{p} {the}{sea}" for p in ("toward", "towards", "into") for the in ("", "the ")
                  for sea in ("sea", "waters", "sea of japan", "east sea", "yellow sea", "west sea")))


def weapons_test(doc: Doc) -> bool:
    """Does the headline (or a note's first sentence) tell a weapons test ("North Korea fires ballistic
    missile into sea")?"""
    head = doc.low[:doc.title_end or (doc.sentences[0].end if doc.sentences else 0)]
    return any(w in head for w in _TEST)


def another_time(doc: Doc) -> bool:
    """Is the title about another time than an attack (a trial, an anniversary, a plot, a release)
    with no fresh act of violence, or does the lead of an item that reports none recount a war's running
    toll ("The deal aims to end fighting that has killed thousands")? Then its tolls are that other event's."""
    frame = _frame(doc)
    return bool(frame["retro"] or frame["lead_running"]) and not frame["fresh"]


def _sport_score(title: str) -> bool:
    """A match score in the title ("5-0", "3-1", "52-3"): sport. Each side has one or two digits, and no
    person follows ("10-12 villagers" is a range of victims)."""
    i = title.find("-")
    n = len(title)
    while i != -1:
        a = i
        while a > 0 and i - a < 3 and title[a - 1] in _SCORE_LINE:
            a -= 1
        b = i + 1
        while b < n and b - i <= 3 and title[b] in _SCORE_LINE:
            b += 1
        if 1 <= i - a <= 2 and 1 <= b - i - 1 <= 2 and (a == 0 or not title[a - 1].isalnum()) \
                and (b >= n or not title[b].isalnum()) and title[b:b + 24].split()[:1] not in _SCORE_NOT:
            return True
        i = title.find("-", i + 1)
    return False


# after a range of people, no score: "10-12 villagers", "3-4 people killed"
_SCORE_NOT: Final = [[w] for w in ("people", "persons", "villagers", "civilians", "soldiers", "killed", "dead", "died",
                            "injured", "wounded", "others", "men", "women", "children", "policemen", "militants")]


# A rate after a figure is a statistic ("kills 2 million people a year", "100,000 annually", "40 a day"), not
# "a week after the massacre" (``_RATE_NOT``) nor a span ("in a week": no rate)
_RATE_OPEN: Final = frozenset({"a", "per", "each", "every"})
_RATE_UNITS: Final = frozenset({"year", "day", "week", "month", "decade"})
_RATE_NOT: Final = frozenset({"after", "before", "ago", "earlier", "later", "since", "into", "of", "when", "as", "from", "to",
                       "that", "which"})
_RATE_PROBES: Final = (" a year", " a day", " a week", " a month", " per ", " each ", " every ")
_BIG: Final = frozenset("one two three four five six seven eight nine ten dozen dozens hundred hundreds thousand thousands "
                 "million millions billion".split())


def _rate(head: str) -> bool:
    """Does the headline count deaths at a rate ("Smoking kills 8 million people each year")?"""
    if "annually" not in head and "yearly" not in head and not any(u in head for u in _RATE_PROBES):
        return False
    ws = [w.strip(",.;:'\"()") for w in head.split()][:60]
    for i, w in enumerate(ws):
        if w in ("annually", "yearly"):
            pass
        elif not (w in _RATE_OPEN and i + 1 < len(ws) and ws[i + 1] in _RATE_UNITS
                  and (i + 2 >= len(ws) or ws[i + 2] not in _RATE_NOT)):
            continue
        for b in range(i - 1, max(-1, i - 4), -1):
            v = ws[b]
            if v[:1].isdigit() or v in _BIG:
                return True
            if not v.isalpha() or v in ("in", "within", "for", "over", "during", "of", "than", "once", "twice", "at",
                                        "on", "by", "and", "or", "the"):
                break
    return False


_SMALL_NUMBERS: Final = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                         "ten": 10, "twenty": 20, "hundred": 100, "thousand": 1000}
_SHARE_OF_DEATHS: Final = frozenset({"deaths", "death", "people", "adults", "children", "patients", "babies", "cases"})


def _number(w: str) -> int:
    """The value of a small number written as digits or a word, 0 for none."""
    if w.isdigit() and len(w) <= 6:
        return int(w)
    return _SMALL_NUMBERS.get(w, 0)


def _share(head: str) -> bool:
    """Does the headline tell a share of deaths ("Smoking behind one in four deaths", "1 in 5 children"): a
    statistic, no event?"""
    if " in " not in head:
        return False
    ws = [w.strip(",.;:'\"()") for w in head.split()][:60]
    for i in range(1, len(ws) - 1):
        if ws[i] == "in":
            part, whole = _number(ws[i - 1]), _number(ws[i + 1])
            if 0 < part <= 10 < whole or 0 < part < whole <= 10:
                if i + 2 >= len(ws) or ws[i + 2] in _SHARE_OF_DEATHS or (
                        ws[i + 2] == "of" and i + 3 < len(ws) and ws[i + 3] in ("those", "the", "them", "all")):
                    return True
    return False


_TALKS: Final = frozenset({"talks", "negotiations", "negotiation", "dialogue", "negotiators", "mediators", "summit",
                           "mediation"})
_AFTER: Final = frozenset({"after", "following", "despite", "amid", "since"})


def talks_after(doc: Doc) -> bool:
    """Does the headline tell talks held after (despite, amid) an attack, named only after them ("Government and
    rebels resume peace talks days after deadly car bombing")? The attack is the talks' background."""
    head_end = _head_end(doc)
    for e, (length, kind) in _AC.iter(doc.low, 0, head_end):
        s = e - length + 1
        if kind == "attack" and not (s > 0 and doc.low[s - 1].isalnum()) and not (
                e + 1 < len(doc.low) and doc.low[e + 1].isalnum()):
            return _talks_after(doc.low, s)
    return False


def _talks_after(low: str, attack_at: int) -> bool:
    """Do a talks noun, then "after" (``_AFTER``) within the last five words, come before the headline's first
    attack cue at ``attack_at``?"""
    pre = [w.strip(",.;:'\"()") for w in low[max(0, attack_at - 200):attack_at].split()]
    for i in range(len(pre) - 1, max(-1, len(pre) - 6), -1):
        if pre[i] in _AFTER:
            return not _TALKS.isdisjoint(pre[:i])
    return False


_SWAP_VERBS: Final = frozenset({"swap", "swaps", "swapped", "exchange", "exchanges", "exchanged", "trade", "trades",
                                "traded"})
_REPATRIATE: Final = frozenset({"repatriate", "repatriates", "repatriated", "repatriation", "return", "returns",
                                "returned", "hands", "handed"})
_SWAP_BREAK: Final = frozenset({"fire", "gunfire", "shots", "blows", "with", "fire,"})
_SWAPPED: Final = frozenset({"prisoners", "prisoner", "captives", "pows", "detainees", "bodies", "hostages",
                             "prisoners-of-war", "soldiers", "servicemen"})


def _swap(head: str) -> bool:
    """Does the headline swap or exchange prisoners, captives or bodies ("swap 150 prisoners", "prisoner
    exchange", "exchange of bodies")?"""
    ws = [w.strip("'\"()") for w in head.split()][:40]
    for i, w in enumerate(ws):
        if w in _REPATRIATE and any(v.strip(",.;:") in ("bodies", "remains") for v in ws[i + 1:i + 4]):
            return True   # "Russia repatriates bodies of 500 soldiers": the dead handed over, as in a swap
        if w in _SWAP_VERBS:
            if i and ws[i - 1] in ("prisoner", "pow", "prisoner-of-war"):
                return True   # "prisoner swap"
            for v in ws[i + 1:i + 5]:
                if v.strip(",.;:") in _SWAPPED:
                    return True
                if v[-1:] in ",.;:" or v in _SWAP_BREAK:
                    break   # "exchange fire with rebels, two soldiers killed": no swap
    return False


def _play(doc: Doc, automaton: Automaton = _PLAY_AC) -> bool:
    """Do the title and lead speak of sport, chess, games or films (``PLAY``; or the words of ``automaton``)
    and name no armed actor?"""
    low = doc.low
    end = max(doc.lead_end, doc.title_end)
    n = len(low)
    e: int   # (typed: native ints when compiled)
    length: int
    for e, (length, _play_tag) in automaton.iter(low, 0, end):
        s = e - length + 1
        if (s > 0 and low[s - 1].isalnum()) or (e + 1 < n and low[e + 1].isalnum()):
            continue
        return _ACTORS.isdisjoint(w.strip(",.;:'\"()") for w in low[:end].split())
    return False


_CONDEMN: Final = frozenset({"condemns", "condemned", "condemn", "denounces", "denounced", "deplores", "deplored",
                             "decries", "decried", "laments", "lamented"})
_SANCTION: Final = frozenset({"sanction", "sanctions", "sanctioned", "sanctioning", "blacklists", "blacklisted",
                              "blacklist"})


def _sanction_first(low: str, head_end: int, attack_at: int, words: frozenset[str] = _SANCTION) -> bool:
    """Does the headline sanction someone (``_SANCTION``; or another verb of ``words``) before its first
    attack word?"""
    i = 0
    for w in low[:min(head_end, attack_at)].split():
        if i >= 12:
            break
        if w.strip(",.;:'\"()") in words:
            return True
        i += 1
    return False


def _play_strong(doc: Doc) -> bool:
    """Do the title and lead use jargon of sport or films strong enough (``PLAY_STRONG``) that a loud
    violent word (``_PLAY_LOUD``: "blast", "bombs") is a figure of speech there too, naming no armed actor?"""
    return _play(doc, _PLAY_STRONG_AC)


def _made_safe(doc: Doc) -> bool:
    """Was a device made safe ("defused", "unexploded") with no armed actor (``_ACTORS``) named and
    nothing (``SET``) saying it was planted or aimed at anyone?"""
    low = doc.low
    end = max(doc.lead_end, doc.title_end)
    n = len(low)
    safe = ied = found = False
    e: int   # (typed: native ints when compiled)
    length: int
    for e, (length, cat) in _SAFE_AC.iter(low, 0, end):
        s = e - length + 1
        if (s > 0 and low[s - 1].isalnum()) or (e + 1 < n and low[e + 1].isalnum()):
            continue
        if cat == "set":
            return False
        if cat == "ied":
            ied = True
        elif cat == "found":
            found = True
        else:
            safe = True
            found = found or length == 10 and low[s:e + 1] == "unexploded"
    return safe and (found or not ied) and _ACTORS.isdisjoint(w.strip(",.;:'\"()") for w in low[:end].split())


# A match's words among the non-attack cues, and the shots of a ball game ("Saka's shot in the 89th minute",
# "fired home"): beside a match's word, with no toll and no armed actor, such a shot is no violence
_MATCH_WORDS: Final = frozenset({"kill off", "kills off", "killed off", "late strike", "late winner", "equaliser",
                                 "equalizer"})
_BALL_SHOTS: Final = frozenset({"shot", "shots", "shoot", "shoots", "fired"})


_LEFT_FROM: Final = ("left from ", "left over from ", "left behind from ", "leftover from ")
_WAR_WORDS: Final = frozenset({"war", "wars", "conflict"})


def _left_from_war(low: str, end: int) -> bool:
    """Is a thing "left (over) from" a country's war ("left from Angola's civil war"): an old war's relic?
    (``RELIC`` names the war without a possessive.)"""
    for lead in _LEFT_FROM:
        i = low.find(lead, 0, end)
        while i != -1:
            ws = low[i + len(lead):min(end, i + len(lead) + 48)].split()[:3]
            if ws and (ws[0].endswith("'s") or ws[0].endswith("\u2019s")) and len(ws) > 1 and (
                    ws[1].strip(",.;:") in _WAR_WORDS or (ws[1] == "civil" and len(ws) > 2
                                                          and ws[2].strip(",.;:") in _WAR_WORDS)):
                return True
            i = low.find(lead, i + 1, end)
    return False


def not_an_attack(doc: Doc, victims: bool = False) -> bool:
    """Do the title and lead speak of deaths that are not an attack, and of no deliberate violence?
    ``victims``: the title and lead state a toll of people (poachers who kill people attack: ``POACHING``)."""
    low = doc.low
    end = max(doc.lead_end, doc.title_end)
    n = len(low)
    seen = {"not": 0, "violence": 0, "weak": 0, "benign": 0, "private": 0, "armed": 0, "relic": 0, "actor": 0,
            "poach": 0, "space": 0, "launcher": 0, "match": 0, "ball": 0}
    benign: list[tuple[int, int]] = []
    hits: list[tuple[int, int, str]] = []
    e: int   # (typed: native ints when compiled)
    length: int
    for e, (length, cats) in _CONTRAST.iter(low, 0, end):
        s = e - length + 1
        if (s > 0 and low[s - 1].isalnum()) or (e + 1 < n and low[e + 1].isalnum()):
            continue
        for cat in cats:
            if cat == "benign":
                if len(benign) < 16:
                    benign.append((s, e))
                seen["benign"] += 1
            elif len(hits) < 256:
                hits.append((s, e, cat))
    for s, e, cat in hits:   # a violence word inside a benign phrase ("bomb" of "bomb disposal") is not one
        if cat == "relic" and low[s:s + 4] == "old " and low[s - 1:s] == "-":
            continue   # "a 12-year-old mine worker": an age, no old ordnance
        if cat == "violence" and low[s:e + 1] in _HIJACK and not _hijacked_vehicle(low, s, e):
            continue   # "hackers hijacking accounts": no vehicle taken
        if cat in ("not", "private", "relic", "space") or not any(bs <= s and e <= be for bs, be in benign):
            seen[cat] += 1
            if cat == "not" and low[s:e + 1] in _MATCH_WORDS:
                seen["match"] += 1
            elif cat == "violence" and low[s:e + 1] in _BALL_SHOTS:
                seen["ball"] += 1
            if cat == "armed" and low[s:e + 1] not in _WEAPONS:
                seen["actor"] += 1
            elif cat == "violence" and low[s:e + 1] in _LAUNCHERS:
                seen["launcher"] += 1
    if not seen["relic"] and _left_from_war(low, end):
        seen["relic"] += 1   # "Landmine left from Angola's civil war kills two children"
    if seen["relic"] and not seen["actor"]:
        return True   # an old war's shell made safe, whatever bomb words the lead adds
    if seen["space"] and not seen["armed"] and not seen["weak"] and seen["violence"] == seen["launcher"]:
        return True   # a space rocket that failed: an accident
    if seen["poach"] and not victims:
        seen["private"] += 1   # poaching with no toll of people: "Poachers shot three rhinos"
    if _sport_score(low[:doc.title_end]):
        seen["private"] += 1   # a match score in the title: sport, whatever the verbs ("massacre Leeds 6-0")
    if seen["private"] and not seen["armed"]:
        return True
    if seen["match"] and not victims and not seen["armed"] and not seen["weak"] and seen["violence"] == seen["ball"]:
        return True   # "Late strike kills off Tottenham | Saka's shot in the 89th minute ...": a ball's shot
    if seen["benign"]:
        return seen["violence"] == 0 and not _forces_martyred(low, end)
    return seen["not"] > 0 and seen["violence"] == 0 and seen["weak"] == 0 and not _forces_martyred(low, end)


_MARTYRED: Final = frozenset({"martyred", "martyr", "martyrs", "shahadat", "martyrdom"})
# who is martyred by violence, beside a disease word ("Police escort of polio team martyred")
_MARTYR_FORCES: Final = frozenset("police policeman policemen constable constables cop cops escort escorts guard "
                                  "guards soldier soldiers sepoy sepoys jawan jawans troops personnel fc levies "
                                  "officer officers".split())


def _forces_martyred(low: str, end: int) -> bool:
    """Are police or soldiers martyred in the title and lead (violence, whatever disease word stands beside:
    "Police escort of polio team martyred in Lakki Marwat")? Read only where the article would be no attack."""
    words = {w.strip(",.;:'\"()") for w in low[:end].split()}
    return not words.isdisjoint(_MARTYRED) and not words.isdisjoint(_MARTYR_FORCES)


_MONTHS: Final = frozenset("january february march april may june july august september october november december "
                    "early late mid".split())
_CLAUSE_ENDS: Final = ",;:()\n"
CLAUSE_CHARS: Final = 300   # a dated clause reaches this far either side of its year at most


def _past_clauses(doc: Doc, lo: int, hi: int, year: int | None) -> list[tuple[int, int]]:
    """Clauses of ``doc.low[lo:hi]`` dated "in" a year before ``year`` ("..., which was halted
    after insurgent attacks in 2021."): background, not this article's event."""
    out: list[tuple[int, int]] = []
    if year is None:
        return out
    low = doc.low
    for prefix in (" 19", " 20"):
        i = low.find(prefix, lo, hi)
        while i != -1 and len(out) < 8:
            y = low[i + 1:i + 5]
            if y.isdigit() and len(y) == 4 and int(y) < year and not low[i + 5:i + 6].isalnum():
                words = low[max(lo, i - 24):i].replace("-", " ").split()
                if words and (words[-1] == "in" or (words[-1] in _MONTHS and words[-2:-1] == ["in"])):
                    w = max(lo, i - CLAUSE_CHARS)
                    a = max(low.rfind(c, w, i) for c in _CLAUSE_ENDS)
                    a = max(a, low.rfind(". ", w, i) + 1, w)
                    ends = [k for k in (low.find(c, i, min(hi, i + CLAUSE_CHARS)) for c in ",;.\n") if k != -1]
                    out.append((a, min(ends) if ends else min(hi, i + CLAUSE_CHARS)))
            i = low.find(prefix, i + 1, hi)
    return out


def classify(doc: Doc, has_casualties: bool, armed_actor: bool = False,
             year: int | None = None, zero_only: bool = False) -> tuple[str, list[str]]:
    """``armed_actor``: a catalogued armed group is the perpetrator (deliberate violence).
    ``year``: the article's; cue words in a lead clause dated to an earlier year are not read.
    ``zero_only``: the casualties read are all zero ("no one was hurt"): no toll for a drill or an arrest."""
    scores = {k: 0.0 for k in CUES}
    hits: list[str] = []
    low = doc.low
    end = max(doc.lead_end, doc.title_end)
    n = len(low)
    # a note or lead alone (no title): its first sentence is read as the headline
    head_end = doc.title_end
    if not head_end and doc.sentences:
        head_end = doc.sentences[0].end
    past = _past_clauses(doc, head_end, end, year)
    head_verbs: set[str] = set()   # the kinds of the verbs (not nouns) among the headline's cues
    head_attack: set[str] = set()  # the headline's attack cues
    fresh_kill = False             # the headline's verb is "kill(s)"
    stab = False                   # ... or "stab(s)" ("Man stabs three at station; suspect detained")
    defused = any(w.strip(",.;:'\"") in _DEFUSE for w in low[:head_end].split())
    first_at = {"attack": n, "arrest": n}   # where the headline's first attack cue and arrest verb start
    no_device = False                       # an attack cue that is no device's word (``_MADE_SAFE``)
    hard = False                            # an attack cue that is never a figure of speech (``PLAY``)
    loud = False                            # one that is only in strong jargon (``_PLAY_LOUD``)
    fig_any = -1                            # a thing of politics or trade named at all (``_figurative``)
    head_diplomacy = False                  # a diplomacy cue in the headline
    haul = 0.0                              # the attack cues that are an arms haul's (``_HAUL``)
    politics = False                        # a coalition's own members named ("coalition rebels")
    dip_words: set[str] = set()             # the diplomacy cues read
    e: int   # (typed: native ints when compiled)
    length: int
    for e, (length, kind) in _AC.iter(low, 0, end):
        s = e - length + 1
        if (s > 0 and low[s - 1].isalnum()) or (e + 1 < n and low[e + 1].isalnum()):
            continue
        if past and any(a <= s < b for a, b in past):
            continue   # "... halted after insurgent attacks in 2021": another year's attacks
        if kind == "attack" and (_negated(low, s) or _ended(low, s, e)):
            continue   # "withdrew without fighting", "a deal to end fighting"
        if kind == "attack" and low[s:e + 1] in _FIGURATIVE_VERBS:
            if fig_any < 0:   # (once: is any such object in the title and lead at all?)
                fig_any = 0 if not _FIG_OBJECTS_AC.iter(low, 0, end) or _FIGURATIVE_OBJECTS.isdisjoint(
                    w.strip("'\"\u2018\u2019\u201c\u201d()") for w in
                    low[:end].replace(",", " ").replace(".", " ").replace(";", " ").replace(":", " ").split()) else 1
            if fig_any and _figurative(low, e):
                continue   # "accuses minister of 'killing' the steel industry": a figure of speech
            if _word_before(low, s) in _MODALS and _figurative_modal(low, e):
                continue   # "Budget cuts would kill vital services": a warning, no act
        if kind == "attack" and _no_event(low, s, e):
            continue   # "warns of kidnapping threat", "aid cuts 'will kill' thousands", "shooter 'Kill Zone 4'"
        if kind == "attack" and s == 0 and e == 3 and head_end and _imperative(low[:head_end]):
            continue   # "Kill the heat: how to tame a chilli oil": an imperative with a thing as its object
        if kind == "diplomacy" and e - s == 8 and low[s:e + 1] == "coalition" and _word_before(low, s) in _ARMED_SIDES:
            continue   # "Haiti gang coalition threatens 'war'": an armed alliance, no diplomacy
        if kind == "diplomacy" and e - s == 8 and low[s:e + 1] == "coalition" and _word_after(low, e) in _COALITION_POLITICS:
            politics = True
            continue   # "as coalition rebels back down": a parliament's politics, no diplomacy
        if kind == "diplomacy" and len(dip_words) < 8:
            dip_words.add(low[s:e + 1])
        if kind == "attack" and low[s:e + 1] in _CLASH_WORDS and _political_clash(low, s, e):
            continue   # "opposition clashed with ministers": a quarrel of politics
        if kind == "diplomacy" and _wrecked(low, s):
            continue   # "opposition vows to torpedo IMF deal": politics, no diplomacy
        if kind == "arrest" and e - s == 7 and low[s:e + 1] == "captured" and _captured_thing(low, e):
            continue   # "photographer who captured the siege of Sarajevo": no person taken
        if kind == "arrest" and e - s == 7 and low[s:e + 1] == "captured" and _place_taken(low, e):
            kind = "attack"
        elif kind == "attack" and low[s:e + 1] in _BURN and not _burned_vehicles(low, s, e):
            continue
        elif kind == "attack" and low[s:e + 1] in _HIJACK and not _hijacked_vehicle(low, s, e):
            continue   # "Hackers hijack government accounts": no vehicle taken
        elif kind == "arrest" and low[s:e + 1] == "crackdown" and _after_year(low, s):
            continue   # "amnesty over 2010 crackdown that killed 90": that year's violence, no arrest
        elif kind == "arrest" and low[s:e + 1] in _CAPTURE:
            if _place_taken(low, e):
                kind = "attack"   # "Rebels capture town"
            elif s >= head_end or _SECURITY.isdisjoint(w.strip(",.;:'\"") for w in low[max(0, s - 48):s].split()[-3:]):
                if s < head_end and not _ACTORS.isdisjoint(w.strip(",.;:'\"") for w in low[max(0, s - 48):s].split()[-3:]):
                    kind = "attack"   # an armed group's capture of people is an abduction ("Rebels capture 20 soldiers")
                else:
                    continue   # only the police's or army's capture of a person is an arrest
        scores[kind] += _TITLE_WEIGHT if s < head_end else 1.0
        if kind == "attack" and ((low[s:e + 1] in _HAUL and _recovered(low, s)) or (
                low[s:e + 1] in _RECOVER and _seized_arms(low, s, e + 1))):
            haul += _TITLE_WEIGHT if s < head_end else 1.0   # "... and recovered two suicide jackets"
        if kind == "attack" and not no_device and low[s:e + 1] not in _DEVICE_CUES:
            no_device = True
        if kind == "attack" and not hard and low[s:e + 1] not in _PLAY_SOFT and not (
                low[s:e + 1] in ("shooting", "shootings") and any(low.find(p, 0, end) >= 0 for p in _SHOOTING_SPORT)):
            if low[s:e + 1] in _PLAY_LOUD:
                loud = True
            else:
                hard = True
        if s < head_end:
            w = low[s:e + 1]
            if kind == "attack" and w in ("stab", "stabs"):
                stab = True
            if w in _DEFUSE:
                pass   # a defusal is no attack verb beside an arrest (``defused``)
            elif w in _PRESENT_ATTACK and not _noun_use(low, s, e) and not _negated(low, s):
                defused = False   # "Militants attack army post, troops defuse IED and arrest 2": an attack
            elif (kind == "arrest" and (w in _ARREST_VERBS or w in _CAPTURE)) or (kind == "attack" and ((w.endswith("ed") and w != "ied") or (w in FRESH and not _noun_use(low, s, e)))) \
                    or (kind == "diplomacy" and w in _SIGNED):
                head_verbs.add(kind)
                fresh_kill = fresh_kill or w in ("kill", "kills")
            if kind == "attack" or (kind == "arrest" and (w in _ARREST_VERBS or w in _CAPTURE)):
                first_at[kind] = min(first_at[kind], s)
            if kind == "attack" and len(head_attack) < 8:
                head_attack.add(w)
        if kind == "diplomacy" and s < head_end:
            head_diplomacy = True
        if len(hits) < 8:
            hits.append(low[s:e + 1])
    if has_casualties:
        scores["attack"] += 2.0
    best = max(scores, key=lambda k: scores[k])
    frame = None   # the title's and lead's framing cues, read once and only when needed
    if best == "attack":
        frame = _frame(doc)
        if frame["exec"] and frame["judicial"] and not armed_actor and _ACTORS.isdisjoint(
                w.strip(",.;:'\"()") for w in low[:head_end].split()):
            return "other", hits    # a state's execution (not "Al-Shabaab 'executes' five over spying claims")
        if frame["drill"] and not has_casualties and not armed_actor and not _real_actors(low[:head_end]):
            return "other", hits    # "Marines storm beach in live-fire drill": a drill, whatever its verbs
        if (frame["retro"] or (frame["soft"] and (not has_casualties or zero_only)) or _past_year(doc, year)) \
                and not frame["fresh"]:
            scores["attack"] = 0.0  # a trial, an anniversary, a plot: the attack is another time's
            best = max(scores, key=lambda k: scores[k])
        elif frame["defuse"] and not frame["fresh"] and not has_casualties:
            scores["attack"] = 0.0  # "Rebels took the town without a fight": no violence
            best = max(scores, key=lambda k: scores[k])
    if best == "arrest" and "arrest" not in head_verbs and not _EXEC_VERBS.isdisjoint(
            w.strip(",.;:'\"") for w in low[:head_end].split()):
        frame = frame or _frame(doc)
        if frame["exec"] and frame["judicial"]:   # (a convict's execution by whoever rules: "Taliban execute
            # man convicted of murder")
            return "other", hits    # "Singapore hangs man convicted of drug trafficking": a state's execution
    if best == "diplomacy" and politics and dip_words <= _LEADER_CUES:
        return "other", hits   # "Prime minister survives revolt as coalition rebels back down": politics
    if (best != "attack" or scores["attack"] < 2.0) and not head_diplomacy and _swap(low[:head_end]):
        return "diplomacy", hits    # "Russia and Ukraine swap 150 prisoners": an exchange the sides agreed
    if best == "diplomacy" and not fresh_kill:
        frame = frame or _frame(doc)
        if frame["obit"] and not frame["fresh"]:
            return "other", hits   # "Former prime minister dies aged 91": an obituary, no politics
    if best == "diplomacy" and not head_diplomacy and not has_casualties and not _RELEASE.isdisjoint(
            w.strip(",.;:'\"") for w in low[:head_end].split()):
        return "other", hits   # "Jihadists free hostage held for two years": a release, whoever mediated it
    if best == "attack" and not fresh_kill and _talks_after(low, first_at["attack"]):
        best = "diplomacy"   # "Rebels, government resume talks days after deadly car bombing": the talks are the news
    if best == "diplomacy" and has_casualties and fresh_kill:
        best = "attack"   # "Israeli strikes kill 25 in Gaza as truce talks stall": the toll is the news
    if best == "arrest" and (has_casualties and fresh_kill or stab) and first_at["attack"] < first_at["arrest"]:
        best = "attack"   # "Bandits kill 4 in Katsina; police arrest three suspects": the killing first, the news
    if best == "attack" and (not has_casualties or (zero_only and doc.title_end)) and head_verbs == {"arrest"} and (
            scores["arrest"] >= scores["attack"] or (doc.title_end and first_at["arrest"] < first_at["attack"])):
        best = "arrest"   # "Police arrest six over attack on bus": the arrest is the news, the attack a noun
    if best == "attack" and (not has_casualties or zero_only) and "arrest" in head_verbs and head_attack \
            and head_attack <= _POLICE_OP:
        pre = {w.strip(",.;:'\"()") for w in low[:first_at["attack"]].split()}   # the raid's subject side
        forces = not _SECURITY.isdisjoint(pre)
        if _ACTORS.isdisjoint(pre) and (first_at["arrest"] < first_at["attack"] or forces) \
                and (head_attack <= _RAID_NOUNS or not armed_actor or (forces and (zero_only or any(
                    w in low for w in _NO_DEATHS)))):   # (an armed group's suspects raided: no; "security forces
            # raided an ISIS hideout and arrested four IS members. No fatalities.": a note that says so, yes)
            best = "arrest"   # "Police seize heroin, arrest five in Lahore raid": a police operation (``_POLICE_OP``)
    if best == "attack" and not has_casualties and not armed_actor and head_attack and head_attack <= _POLICE_OP:
        head = {w.strip(",.;:'\"()") for w in low[:head_end].split()}
        if not _CONTRABAND.isdisjoint(head) and _ACTORS.isdisjoint(head):
            return "other", hits   # "Coastguard seize 2 tonnes of cocaine in raid": a seizure, no arrest, no fight
        if _ACTORS.isdisjoint(head) and not _POLICE.isdisjoint(
                w.strip(",.;:'\"()") for w in low[:first_at["attack"]].split()[-3:]):
            return "other", hits   # "Police raid 40 unlicensed clinics, seal eight": law enforcement, no fight
    if best == "attack" and not has_casualties and not fresh_kill and _demining(low, head_end, first_at["attack"]):
        return "other", hits   # "Deminers destroy 1,200 Houthi landmines in Marib": mines cleared, whoever laid them
    if best == "attack" and not has_casualties and haul and "arrest" in head_verbs \
            and scores["attack"] - haul <= scores["arrest"]:
        best = "arrest"   # "Police arrested three militants and recovered suicide jackets": an arms haul, no attack
    if best == "attack" and not has_casualties and defused and head_verbs == {"arrest"}:
        best = "arrest"   # "Army defuses explosive device, arrests 2": the arrest is the news
    if best == "attack" and not has_casualties and not fresh_kill and _sanction_first(low, head_end, first_at["attack"]):
        best = "diplomacy"   # "US sanctions RSF commanders over El Fasher killings": the sanction is the news
    if best == "attack" and not has_casualties and not fresh_kill and _TOLL_WORDS.isdisjoint(low[:head_end].split()) \
            and not any(c.isdigit() for c in low[:head_end]) and _sanction_first(low, head_end, first_at["attack"],
                                                                                 _CONDEMN):
        return "other", hits   # "Pope condemns 'senseless killings' in Burkina Faso": a statement, no event
    if best == "attack" and not has_casualties and head_verbs == {"diplomacy"}:
        best = "diplomacy"   # "signed an agreement on the removal of explosive devices": the signing is the news
    if scores[best] < 2.0:
        return "other", hits
    if best == "attack" and not has_casualties and not hard and not armed_actor \
            and (_play_strong(doc) or (not loud and _play(doc))):
        return "other", hits   # "Warriors ambush Lakers in overtime thriller": sport, no violence
    if best == "attack" and not has_casualties and not armed_actor and _play(doc, _EXPO_AC):
        return "other", hits   # "Drones that kill steal the show at Istanbul arms fair": weapons shown, no attack
    if best == "attack" and not has_casualties and (_rate(low[:head_end]) or _share(low[:head_end])):
        return "other", hits   # "Air pollution kills 2 million people a year": a statistic, no event
    if best == "attack" and (not has_casualties or zero_only) and not no_device and not armed_actor and _made_safe(doc):
        return "other", hits   # "Bomb squad defuses explosive device at market": nobody hurt, no attacker
    if best == "attack" and not armed_actor and not_an_attack(doc, has_casualties and not zero_only):
        return "other", hits
    return best, hits
