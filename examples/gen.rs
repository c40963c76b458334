//! Deterministic corpus generator for benchmarks and evaluation at scale.
//!
//! Input: `--events N --reports R --sentences S --seed X OUT`. Output: one folder per event under
//! `OUT`, each holding `R` reports (`.txt` with a `date YYYY-MM-DD` first line, or `.md` with a
//! front-matter block) of about `S` sentences, and an `expected.json` in the corpus schema
//! (`conflicts`, `agreements`, `updates`; every `value` occurs verbatim in its report).
//!
//! Every event draws its own place, organisations, people, figures and dates, and every report
//! paraphrases the event's facts (templates with synonyms), in its own order, with numbers in
//! digits or words, approximate quantifiers, different units (km / miles, km/h / mph, hectares /
//! square kilometres), member lists (complete or partial), and absolute or weekday dates. A few
//! conflicts are injected per event (a wrong figure, a miles figure labelled km, a later report
//! with a lower count, a wrong date, a wrong member, a member count that does not match the
//! list), and traps that look different but agree are listed as agreements.
//!
//! The output depends only on the arguments: a tiny splitmix64 generator seeded from `--seed`
//! and the event index drives every choice, so event `i` is the same whatever `--events` is.
//!
//! ```text
//! cargo run --release --example gen -- --events 100 --reports 10 --sentences 30 --seed 7 OUT
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{Datelike, Duration, NaiveDate};
use clap::Parser;
use serde::Serialize;

#[derive(Debug, Parser)]
#[command(about = "Generate a synthetic factdiff corpus with expected.json per event")]
struct Args {
    /// Number of events (folders).
    #[arg(long, default_value_t = 100)]
    events: usize,
    /// Reports per event.
    #[arg(long, default_value_t = 10)]
    reports: usize,
    /// Sentences per report (headline included).
    #[arg(long, default_value_t = 30)]
    sentences: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Output folder (created; existing event folders are overwritten).
    out: PathBuf,
}

// ---------------------------------------------------------------------------------------------
// PRNG

/// splitmix64: tiny, fast, good enough for test data, and identical on every platform.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        let mut r = Rng(seed);
        r.next_u64();
        r
    }
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    fn pick_str(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }
    fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary: places, names, organisations

/// City, country, region, European (currency EUR) or not.
const PLACES: &[(&str, &str, &str, bool)] = &[
    ("Arequipa", "Peru", "the southern highlands", false),
    ("Cusco", "Peru", "the Andean south", false),
    ("Valparaíso", "Chile", "the central coast", false),
    ("Temuco", "Chile", "the Araucanía region", false),
    ("Mendoza", "Argentina", "the Cuyo region", false),
    ("Guayaquil", "Ecuador", "the coastal lowlands", false),
    ("Oaxaca", "Mexico", "the southern states", false),
    ("Izmir", "Turkey", "the Aegean coast", false),
    ("Malatya", "Turkey", "eastern Anatolia", false),
    ("Tabriz", "Iran", "the north-west", false),
    ("Herat", "Afghanistan", "the western provinces", false),
    ("Pokhara", "Nepal", "the Gandaki province", false),
    ("Sylhet", "Bangladesh", "the north-east", false),
    ("Cebu", "the Philippines", "the Visayas", false),
    ("Davao", "the Philippines", "Mindanao", false),
    ("Padang", "Indonesia", "West Sumatra", false),
    ("Makassar", "Indonesia", "South Sulawesi", false),
    ("Da Nang", "Vietnam", "the central provinces", false),
    ("Kumamoto", "Japan", "Kyushu", false),
    ("Mombasa", "Kenya", "the coast province", false),
    ("Beira", "Mozambique", "Sofala province", false),
    ("Tamale", "Ghana", "the northern region", false),
    ("Aktobe", "Kazakhstan", "the western regions", false),
    ("Osh", "Kyrgyzstan", "the Fergana valley", false),
    ("Tbilisi", "Georgia", "the Kartli plain", false),
    ("Thessaloniki", "Greece", "Central Macedonia", true),
    ("Patras", "Greece", "Western Greece", true),
    ("Valencia", "Spain", "the Valencian Community", true),
    ("Seville", "Spain", "Andalusia", true),
    ("Porto", "Portugal", "the Norte region", true),
    ("Catania", "Italy", "eastern Sicily", true),
    ("L'Aquila", "Italy", "the Abruzzo region", true),
    ("Lyon", "France", "the Rhône valley", true),
    ("Split", "Croatia", "the Dalmatian coast", true),
    ("Plovdiv", "Bulgaria", "the Upper Thracian plain", true),
    ("Iași", "Romania", "the Moldavia region", true),
    ("Kraków", "Poland", "Lesser Poland", true),
    ("Liège", "Belgium", "Wallonia", true),
    ("Cork", "Ireland", "the south-west", true),
    ("Tampere", "Finland", "the Pirkanmaa region", true),
];

const COUNTRIES: &[&str] = &[
    "Austria",
    "Belgium",
    "Brazil",
    "Canada",
    "Chile",
    "Colombia",
    "Croatia",
    "Denmark",
    "Egypt",
    "Estonia",
    "Ethiopia",
    "Finland",
    "France",
    "Germany",
    "Ghana",
    "Greece",
    "Hungary",
    "India",
    "Indonesia",
    "Ireland",
    "Italy",
    "Japan",
    "Jordan",
    "Kenya",
    "Latvia",
    "Lithuania",
    "Malaysia",
    "Mexico",
    "Morocco",
    "the Netherlands",
    "Nigeria",
    "Norway",
    "Peru",
    "Poland",
    "Portugal",
    "Romania",
    "Senegal",
    "Slovakia",
    "South Africa",
    "South Korea",
    "Spain",
    "Sweden",
    "Switzerland",
    "Tanzania",
    "Thailand",
    "Tunisia",
    "Uruguay",
    "Vietnam",
];

const FIRST: &[&str] = &[
    "Ana", "Bilal", "Carmen", "Dmitri", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Karim",
    "Leila", "Mateo", "Nadia", "Omar", "Priya", "Rafael", "Sofia", "Tomas", "Yusuf", "Zeynep",
    "Lucia", "Kofi", "Mei", "Arjun", "Olga", "Pedro", "Amina",
];

const LAST: &[&str] = &[
    "Alvarez",
    "Bakirov",
    "Costa",
    "Demir",
    "Espinoza",
    "Fernandes",
    "Gupta",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Mensah",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rahman",
    "Santos",
    "Tanaka",
    "Usmanov",
    "Varga",
    "Wojcik",
    "Yilmaz",
    "Zapata",
    "Moreau",
    "Rossi",
    "Novak",
];

const OUTLET_A: &[&str] = &[
    "coastal",
    "daily",
    "evening",
    "morning",
    "national",
    "northern",
    "southern",
    "city",
    "continental",
    "independent",
    "weekly",
    "global",
    "metro",
    "provincial",
    "public",
    "central",
    "eastern",
    "western",
    "harbour",
    "valley",
];
const OUTLET_B: &[&str] = &[
    "herald",
    "chronicle",
    "courier",
    "gazette",
    "observer",
    "post",
    "times",
    "tribune",
    "broadcaster",
    "wire",
    "monitor",
    "journal",
    "review",
    "dispatch",
    "bulletin",
    "standard",
    "express",
    "sentinel",
    "record",
    "news",
];

const ORG_A: &[&str] = &[
    "Northern",
    "Southern",
    "Eastern",
    "Western",
    "Atlantic",
    "Pacific",
    "Continental",
    "Regional",
    "Coastal",
    "Mountain",
    "Inland",
    "Maritime",
];
const ORG_B: &[&str] = &[
    "Rescue",
    "Relief",
    "Security",
    "Cooperation",
    "Development",
    "Emergency",
    "Defence",
    "Solidarity",
    "Partnership",
    "Response",
];
const ORG_C: &[&str] = &[
    "Council",
    "Alliance",
    "Union",
    "Pact",
    "Compact",
    "Coalition",
];

const NGOS: &[&str] = &[
    "International Medical Corps",
    "Helping Hands Foundation",
    "World Food Alliance",
    "Shelter Now",
    "Doctors of the World",
    "Children's Relief Fund",
    "Open Roads Trust",
];

const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northwest",
    "northeast",
    "southwest",
    "southeast",
];

const LANDMARKS: &[&str] = &[
    "old cathedral",
    "central mosque",
    "clock tower",
    "main market hall",
    "city museum",
    "railway station",
    "old fortress",
    "town hall",
];

const SMALL_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

// ---------------------------------------------------------------------------------------------
// Event kinds and their facts

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dim {
    /// A count of people or things.
    Count,
    /// A distance; the truth is an integer number of miles.
    Distance,
    /// A depth in km.
    Depth,
    /// Magnitude, one decimal.
    Magnitude,
    /// Money in millions of the event's currency.
    Money,
    /// Money in billions of the event's currency.
    MoneyBn,
    /// Wind speed; the truth is km/h.
    Speed,
    /// Area; the truth is hectares (a multiple of 100).
    Area,
}

#[derive(Debug)]
struct QSpec {
    key: &'static str,
    topic: &'static str,
    dim: Dim,
    lo: u64,
    hi: u64,
    /// Casualty-like figures that rise over time: later reports give higher numbers.
    grows: bool,
    /// Templates; `{Q}` is the quantity as written.
    templates: &'static [&'static str],
}

#[derive(Debug)]
struct Kind {
    name: &'static str,
    headlines: &'static [&'static str],
    /// Templates of the date fact; `{DATE}` is the date phrase ("on Tuesday", "on 4 March").
    date_topic: &'static str,
    date_templates: &'static [&'static str],
    /// Templates of the membership fact; `{LIST}` is the list with its introducer.
    member_topic: &'static str,
    member_templates: &'static [&'static str],
    facts: &'static [QSpec],
    fillers: &'static [&'static str],
    disaster: bool,
}

const KILLED: QSpec = QSpec {
    key: "killed",
    topic: "people killed",
    dim: Dim::Count,
    lo: 14,
    hi: 2400,
    grows: true,
    templates: &[
        "{Q} people were killed, [according to|said] the {AGENCY}.",
        "The [death toll|number of dead] [rose to|stood at|reached] {Q}, the {AGENCY} said.",
        "{AGENCY_CAP} said {Q} people had died.",
        "[Officials|The authorities] [confirmed|reported] {Q} deaths [by the evening|so far|on the day of this report].",
    ],
};

const INJURED: QSpec = QSpec {
    key: "injured",
    topic: "people injured",
    dim: Dim::Count,
    lo: 40,
    hi: 7000,
    grows: true,
    templates: &[
        "[In addition,|Elsewhere,|] {Q} people were [injured|hurt|wounded].",
        "[Hospitals|Medical teams] [treated|were caring for] {Q} injured people, [officials said|according to the health ministry].",
        "The number of injured [rose to|reached|stood at] {Q}.",
    ],
};

const EARTHQUAKE: Kind = Kind {
    name: "earthquake",
    headlines: &[
        "[Powerful|Strong|Deadly] earthquake [strikes|hits|shakes] {REGION}",
        "Earthquake in {COUNTRY}: [rescuers search rubble|toll rises] in {CITY}",
        "[Quake|Earthquake] [leaves|causes] [destruction|devastation] around {CITY}",
    ],
    date_topic: "date of the earthquake",
    date_templates: &[
        "[A powerful|A strong|A shallow] earthquake [struck|hit|shook] {REGION} {DATE}, [flattening|toppling|damaging] [buildings|homes] in {CITY}.",
        "The earthquake [struck|hit] {DATE}, [shortly before noon|in the early morning|in the afternoon].",
        "The quake that [hit|struck] {CITY} {DATE} [was the strongest|was the deadliest] in {COUNTRY} for [decades|a generation].",
    ],
    member_topic: "countries in the rescue alliance",
    member_templates: &[
        "[Rescue teams|Search teams] from the {ORG}, {LIST}, [arrived|landed] in {CITY}.",
        "The {ORG}, {LIST}, [sent|dispatched] [rescue teams|sniffer dogs and rescuers] to {COUNTRY}.",
    ],
    facts: &[
        QSpec {
            key: "magnitude",
            topic: "magnitude of the earthquake",
            dim: Dim::Magnitude,
            lo: 55,
            hi: 82,
            grows: false,
            templates: &[
                "The {SEISMO} [measured|put|rated] the quake at magnitude {Q}.",
                "[It|The earthquake] had a magnitude of {Q}, [according to|said] the {SEISMO}.",
                "The {SEISMO} [recorded|reported] a magnitude of {Q}.",
            ],
        },
        QSpec {
            key: "epicentre-distance",
            topic: "distance of the epicentre from the city",
            dim: Dim::Distance,
            lo: 15,
            hi: 110,
            grows: false,
            templates: &[
                "[Its|The] epicentre [lay|was] {Q} {DIR} of {CITY}.",
                "The epicentre was [located|situated] {Q} {DIR} of {CITY}, [at a shallow depth|in a rural district].",
            ],
        },
        QSpec {
            key: "depth",
            topic: "depth of the earthquake",
            dim: Dim::Depth,
            lo: 8,
            hi: 60,
            grows: false,
            templates: &[
                "The quake [struck|occurred|originated] at a depth of {Q}.",
                "[Seismologists|Experts] said the [rupture|quake] was {Q} deep.",
            ],
        },
        KILLED,
        INJURED,
        QSpec {
            key: "buildings-destroyed",
            topic: "buildings destroyed",
            dim: Dim::Count,
            lo: 150,
            hi: 24000,
            grows: false,
            templates: &[
                "{Q} buildings were [destroyed|flattened|reduced to rubble].",
                "The {AGENCY} said {Q} [houses|buildings] had [collapsed|been destroyed].",
            ],
        },
        QSpec {
            key: "aid",
            topic: "emergency aid pledged",
            dim: Dim::Money,
            lo: 5,
            hi: 480,
            grows: false,
            templates: &[
                "The {DONOR} [pledged|promised|announced] {Q} in [emergency aid|relief funds].",
                "[Donors|The {DONOR}] [committed|pledged] {Q} [for reconstruction|in aid].",
            ],
        },
    ],
    fillers: &[
        "[Aftershocks|Several aftershocks] [rattled|shook] {CITY} [through the night|for hours], [sending residents into the streets|keeping people outdoors].",
        "The {LANDMARK} of {CITY}, [built|completed] in {YEAR}, [collapsed|was badly damaged].",
        "[Seismologists|Experts] [said|noted] that {REGION} lies on [an active fault|a major fault line].",
        "[Rescuers|Rescue workers] [used|worked with] [sniffer dogs|their bare hands] to [search|dig through] the rubble.",
        "[Tremors|The shaking] [were|was] felt as far away as {CITY2}.",
        "[Landslides|Rockfalls] [blocked|cut] [several roads|mountain roads] [north|outside] of {CITY}.",
    ],
    disaster: true,
};

const FLOOD: Kind = Kind {
    name: "flood",
    headlines: &[
        "[Floods|Flash floods] [sweep|devastate] {REGION}",
        "[Thousands|Many] [flee|evacuated] as {RIVER} [bursts its banks|floods] {CITY}",
        "Flooding in {COUNTRY}: [toll rises|rescue efforts continue]",
    ],
    date_topic: "date the river burst its banks",
    date_templates: &[
        "The {RIVER} [burst its banks|overflowed] {DATE} after [days of heavy rain|torrential rain].",
        "Floodwaters [entered|reached|swept into] {CITY} {DATE}, [officials said|witnesses said].",
    ],
    member_topic: "countries sending rescue boats",
    member_templates: &[
        "The {ORG}, {LIST}, [sent|dispatched] [boats and rescuers|rescue teams] to {REGION}.",
        "[Teams|Rescuers] from the {ORG}, {LIST}, [joined|helped] the [rescue effort|evacuation].",
    ],
    facts: &[
        QSpec {
            key: "evacuated",
            topic: "people evacuated",
            dim: Dim::Count,
            lo: 1200,
            hi: 180000,
            grows: false,
            templates: &[
                "{Q} people were [evacuated|moved to safety] from [low-lying areas|their homes].",
                "The {AGENCY} said it had evacuated {Q} residents.",
            ],
        },
        KILLED,
        QSpec {
            key: "area-flooded",
            topic: "area flooded",
            dim: Dim::Area,
            lo: 20,
            hi: 900,
            grows: false,
            templates: &[
                "[Water covered|Floods submerged] {Q} of [farmland|land] in {REGION}.",
                "[Satellite images|Aerial surveys] showed {Q} under water.",
            ],
        },
        QSpec {
            key: "homes-damaged",
            topic: "homes damaged",
            dim: Dim::Count,
            lo: 300,
            hi: 30000,
            grows: false,
            templates: &[
                "{Q} homes were [damaged|flooded|swept away], the {AGENCY} said.",
                "[Officials|The authorities] [counted|reported] {Q} damaged homes.",
            ],
        },
        QSpec {
            key: "boats",
            topic: "rescue boats deployed",
            dim: Dim::Count,
            lo: 6,
            hi: 240,
            grows: false,
            templates: &[
                "[The army|Soldiers] [deployed|sent] {Q} [boats|rescue boats] to [reach|evacuate] stranded families.",
                "{Q} [boats|rescue boats] were [deployed|in use] on the flooded streets.",
            ],
        },
        QSpec {
            key: "aid",
            topic: "emergency aid pledged",
            dim: Dim::Money,
            lo: 3,
            hi: 300,
            grows: false,
            templates: &[
                "The {DONOR} [pledged|promised|released] {Q} in [emergency aid|relief funds].",
                "[Donors|The {DONOR}] [committed|pledged] {Q} for [the flood victims|reconstruction].",
            ],
        },
    ],
    fillers: &[
        "[Heavy rain|Torrential rain] [fell|had fallen] [for days|for a week] [across|over] {REGION}.",
        "[Residents|Families] [climbed onto|took refuge on] [rooftops|the upper floors] to [escape|wait out] the water.",
        "[Forecasters|The weather service] [warned|said] that more rain was expected [later in the week|over the weekend].",
        "[Crops|Harvests] [were ruined|were lost] across [large parts|much] of {REGION}.",
        "The {RIVER} [rose|had risen] to its highest level since {YEAR2}.",
        "[Drinking water|Clean water] was [in short supply|scarce] in {CITY}.",
    ],
    disaster: true,
};

const WILDFIRE: Kind = Kind {
    name: "wildfire",
    headlines: &[
        "[Wildfire|Forest fire] [rages|spreads] near {CITY}",
        "[Thousands flee|Residents flee] as fire [sweeps|tears] through {REGION}",
        "Firefighters battle [blaze|wildfire] in {COUNTRY}",
    ],
    date_topic: "date the fire broke out",
    date_templates: &[
        "The fire [broke out|started] {DATE} [in dry scrubland|in a pine forest] [outside|near] {CITY}.",
        "[Fanned by strong winds|Driven by hot winds], the blaze [that began|which started] {DATE} [spread quickly|moved fast].",
    ],
    member_topic: "countries sending firefighting aircraft",
    member_templates: &[
        "[Aircraft|Water bombers] from the {ORG}, {LIST}, [joined|helped] the [effort|firefighting effort].",
        "The {ORG}, {LIST}, [sent|dispatched] [planes|firefighting aircraft] to {COUNTRY}.",
    ],
    facts: &[
        QSpec {
            key: "area-burned",
            topic: "area burned",
            dim: Dim::Area,
            lo: 10,
            hi: 800,
            grows: false,
            templates: &[
                "The [fire|blaze] has [burned|scorched|destroyed] {Q} of [forest|woodland and scrub].",
                "[Officials|The fire service] said {Q} had [burned|been destroyed].",
            ],
        },
        QSpec {
            key: "firefighters",
            topic: "firefighters deployed",
            dim: Dim::Count,
            lo: 80,
            hi: 3200,
            grows: false,
            templates: &[
                "{Q} firefighters were [deployed|battling the flames|at work].",
                "The fire service [deployed|sent] {Q} firefighters [to the area|to the front line].",
            ],
        },
        QSpec {
            key: "evacuated",
            topic: "people evacuated",
            dim: Dim::Count,
            lo: 500,
            hi: 60000,
            grows: false,
            templates: &[
                "{Q} people were [evacuated|ordered to leave] from [villages|homes] near {CITY}.",
                "[Police|The authorities] [evacuated|moved] {Q} residents [to safety|from the area].",
            ],
        },
        QSpec {
            key: "homes-destroyed",
            topic: "homes destroyed",
            dim: Dim::Count,
            lo: 12,
            hi: 2500,
            grows: false,
            templates: &[
                "{Q} homes were [destroyed|burned down|lost to the flames].",
                "The {AGENCY} said the fire had destroyed {Q} homes.",
            ],
        },
        QSpec {
            key: "fire-distance",
            topic: "distance of the fire front from the city",
            dim: Dim::Distance,
            lo: 4,
            hi: 40,
            grows: false,
            templates: &[
                "The fire front was {Q} {DIR} of {CITY} [on the day of this report|by nightfall].",
                "[Flames|The blaze] came within {Q} of {CITY}.",
            ],
        },
        QSpec {
            key: "aircraft",
            topic: "aircraft fighting the fire",
            dim: Dim::Count,
            lo: 4,
            hi: 40,
            grows: false,
            templates: &[
                "{Q} [aircraft|planes and helicopters] [dropped water|were deployed] on the flames.",
                "[Officials|The fire service] said {Q} aircraft were [involved|in use].",
            ],
        },
    ],
    fillers: &[
        "[Temperatures|Daytime temperatures] [exceeded|topped] 40 degrees [for a week|for several days].",
        "[Smoke|A thick haze] [hung over|covered] {CITY} and [schools were closed|flights were delayed].",
        "[Investigators|Police] [said|suspected] the fire [may have been started deliberately|was caused by a power line].",
        "[Villagers|Residents] [fought the flames|tried to save their homes] with [garden hoses|buckets].",
        "[Strong winds|Gusty winds] [pushed|carried] [embers|sparks] [across the valley|over the motorway].",
        "[Scientists|Climate experts] [linked|connected] the [fire season|fires] to [longer droughts|rising temperatures].",
    ],
    disaster: true,
};

const STORM: Kind = Kind {
    name: "storm",
    headlines: &[
        "[Storm|Cyclone|Typhoon] [batters|slams] {REGION}",
        "{STORM} [makes landfall|hits] near {CITY}",
        "[Deadly|Powerful] storm [leaves trail of destruction|cuts power] in {COUNTRY}",
    ],
    date_topic: "date the storm made landfall",
    date_templates: &[
        "{STORM} made landfall near {CITY} {DATE}, [bringing|with] [torrential rain|heavy rain and storm surges].",
        "The storm [reached|hit] the coast of {REGION} {DATE}.",
    ],
    member_topic: "countries sending relief teams",
    member_templates: &[
        "The {ORG}, {LIST}, [sent|flew in] [relief teams|emergency supplies].",
        "[Relief|Aid] from the {ORG}, {LIST}, [arrived|was on its way] in {CITY}.",
    ],
    facts: &[
        QSpec {
            key: "wind-speed",
            topic: "maximum wind speed",
            dim: Dim::Speed,
            lo: 110,
            hi: 260,
            grows: false,
            templates: &[
                "[Winds|Gusts] of up to {Q} [tore roofs off|uprooted trees|lashed the coast].",
                "{STORM} [brought|packed] winds of {Q}, [according to|said] the {METEO}.",
            ],
        },
        KILLED,
        QSpec {
            key: "without-power",
            topic: "households without power",
            dim: Dim::Count,
            lo: 8000,
            hi: 1500000,
            grows: false,
            templates: &[
                "{Q} [households|homes] were [left without power|without electricity].",
                "The power company said {Q} [customers|households] had lost electricity.",
            ],
        },
        QSpec {
            key: "evacuated",
            topic: "people evacuated",
            dim: Dim::Count,
            lo: 2000,
            hi: 400000,
            grows: false,
            templates: &[
                "[Authorities|Officials] [evacuated|moved] {Q} people [before the storm|from coastal areas].",
                "{Q} people [spent the night|sheltered] in [evacuation centres|schools and churches].",
            ],
        },
        QSpec {
            key: "damage",
            topic: "estimated damage",
            dim: Dim::Money,
            lo: 20,
            hi: 900,
            grows: false,
            templates: &[
                "[Insurers|Analysts] [estimated|put] the damage at {Q}.",
                "The {AGENCY} [estimated|said] the storm caused {Q} in damage.",
            ],
        },
    ],
    fillers: &[
        "[Storm surges|Waves] [flooded|swamped] [coastal villages|the seafront] [near|around] {CITY}.",
        "The {METEO} [downgraded|weakened] {STORM} to a tropical storm [as it moved inland|later in the day].",
        "[Fishermen|Boat owners] were [told|ordered] to stay in port.",
        "[Fallen trees|Debris] [blocked|littered] [roads|the main roads] across {REGION}.",
        "[Ports|The port] of {CITY} [was closed|remained closed] [for two days|until the storm passed].",
        "[Forecasters|The {METEO}] had [warned|issued warnings] [days in advance|well before landfall].",
    ],
    disaster: true,
};

const UNREST: Kind = Kind {
    name: "unrest",
    headlines: &[
        "[Protests|Unrest] [spread|erupt] in {COUNTRY}",
        "[Clashes|Violence] in {CITY} as [protests grow|anger grows]",
        "{COUNTRY} [imposes curfew|declares emergency] after [riots|unrest] in {CITY}",
    ],
    date_topic: "date the protests began",
    date_templates: &[
        "[Protests|Demonstrations] [began|broke out] in {CITY} {DATE} over [rising fuel prices|a rise in food prices].",
        "The [unrest|protests], which [started|began] {DATE}, [spread|quickly spread] to other cities.",
    ],
    member_topic: "members of the security alliance",
    member_templates: &[
        "The {ORG}, {LIST}, [agreed to send|sent] [troops|peacekeepers] to {COUNTRY}.",
        "[Troops|Soldiers] from the {ORG}, {LIST}, [arrived|were deployed] in {CITY}.",
    ],
    facts: &[
        QSpec {
            key: "protesters",
            topic: "protesters in the main square",
            dim: Dim::Count,
            lo: 1500,
            hi: 60000,
            grows: false,
            templates: &[
                "{Q} [protesters|demonstrators] [gathered|rallied] in the main square of {CITY}.",
                "[Police|Organisers] [estimated|put] the crowd at {Q}.",
            ],
        },
        QSpec {
            key: "detained",
            topic: "people detained",
            dim: Dim::Count,
            lo: 60,
            hi: 9000,
            grows: true,
            templates: &[
                "The {AGENCY} said {Q} people had been [detained|arrested].",
                "[Police|Security forces] [detained|arrested] {Q} people, [according to|said] the {AGENCY}.",
            ],
        },
        KILLED,
        QSpec {
            key: "officers-injured",
            topic: "police officers injured",
            dim: Dim::Count,
            lo: 12,
            hi: 600,
            grows: false,
            templates: &[
                "{Q} police officers were [injured|hurt] in the clashes.",
                "The {AGENCY} said {Q} [officers|members of the security forces] had been injured.",
            ],
        },
        QSpec {
            key: "troops",
            topic: "foreign troops deployed",
            dim: Dim::Count,
            lo: 400,
            hi: 5000,
            grows: false,
            templates: &[
                "[The alliance|The bloc] [deployed|sent] {Q} troops [to {COUNTRY}|to guard key sites].",
                "[A force of {Q} foreign troops was deployed|{Q} foreign troops were deployed] [to protect government buildings|at the airport of {CITY}].",
            ],
        },
    ],
    fillers: &[
        "[Protesters|Demonstrators] [set fire to|stormed] the [mayor's office|regional administration building] in {CITY}.",
        "The government [resigned|was dismissed] [amid the unrest|as the protests grew].",
        "A [curfew|night-time curfew] was [imposed|declared] in {CITY} and [the capital|several other cities].",
        "[Internet access|Mobile internet] was [cut|blocked] [across the country|nationwide] [for several days|for days].",
        "[Rights groups|Human rights organisations] [called for|demanded] an [independent investigation|inquiry] into the [killings|use of force].",
        "[Shops|Banks] in {CITY} were [looted|attacked] [overnight|during the night].",
        "The [price of fuel|fuel price] had [doubled|risen sharply] [at the start of the year|in January].",
    ],
    disaster: false,
};

const SUMMIT: Kind = Kind {
    name: "summit",
    headlines: &[
        "[Leaders|Heads of government] [meet|gather] in {CITY} for {ORG} summit",
        "{ORG} summit [opens|closes] in {CITY} with [pledges|promises] on [security|climate]",
        "{CITY} summit: {ORG} [agrees|announces] new [fund|plan]",
    ],
    date_topic: "opening of the summit",
    date_templates: &[
        "The summit [opened|began] in {CITY} {DATE} [with a dinner|with a welcome ceremony] for the leaders.",
        "[Leaders|Delegations] [arrived|gathered] in {CITY} {DATE} for the [opening session|start of the summit].",
    ],
    member_topic: "members of the bloc",
    member_templates: &[
        "The {ORG}, {LIST}, [met|gathered] [for two days|for the first time in a year].",
        "[Leaders|Heads of government] of the {ORG}, {LIST}, [signed|adopted] a [joint declaration|final communiqué].",
    ],
    facts: &[
        QSpec {
            key: "pledge",
            topic: "fund announced at the summit",
            dim: Dim::MoneyBn,
            lo: 1,
            hi: 60,
            grows: false,
            templates: &[
                "[Leaders|The members] [agreed|announced] a fund of {Q} [for climate adaptation|for infrastructure].",
                "The [new|joint] fund [will be worth|amounts to] {Q}, [officials said|according to the communiqué].",
            ],
        },
        QSpec {
            key: "delegates",
            topic: "delegates attending",
            dim: Dim::Count,
            lo: 800,
            hi: 9000,
            grows: false,
            templates: &[
                "{Q} delegates [attended|took part].",
                "The organisers said {Q} delegates had [registered|come to {CITY}].",
            ],
        },
        QSpec {
            key: "security-officers",
            topic: "police deployed for the summit",
            dim: Dim::Count,
            lo: 1500,
            hi: 22000,
            grows: false,
            templates: &[
                "[Police|The authorities] [deployed|mobilised] {Q} [officers|police officers] [to guard the venue|for the summit].",
                "{Q} police officers were [on duty|deployed] in {CITY}.",
            ],
        },
        QSpec {
            key: "leaders",
            topic: "heads of government attending",
            dim: Dim::Count,
            lo: 8,
            hi: 44,
            grows: false,
            templates: &[
                "{Q} heads of [state and government|government] [attended|were present].",
                "[Leaders of|The heads of] {Q} countries [attended|took part in] the [talks|meeting].",
            ],
        },
        QSpec {
            key: "readiness",
            topic: "forces placed at high readiness",
            dim: Dim::Count,
            lo: 5000,
            hi: 300000,
            grows: false,
            templates: &[
                "The bloc [agreed|decided] to place {Q} troops at high readiness.",
                "[Members|The allies] [will keep|committed] {Q} troops [at high readiness|ready to deploy].",
            ],
        },
    ],
    fillers: &[
        "[Protesters|Demonstrators] [marched|rallied] [through|in] {CITY} [against the summit|as the leaders met].",
        "The [host|{COUNTRY}] [government|prime minister] [called|described] the summit [a success|historic].",
        "[Talks|Negotiations] [ran late|went on late into the night] [over|on] the [final text|wording of the declaration].",
        "The next summit [will be held|is due to take place] in {CITY2} in {NEXTYEAR}.",
        "[Observers|Diplomats] [said|noted] that [divisions|disagreements] [remained|persisted] over [trade|energy policy].",
        "The [venue|conference centre] was [sealed off|closed to traffic] [for three days|during the meeting].",
        "[Several|A number of] [leaders|delegations] [held|had] [bilateral meetings|talks] on the sidelines.",
    ],
    disaster: false,
};

const KINDS: &[&Kind] = &[&EARTHQUAKE, &FLOOD, &WILDFIRE, &STORM, &UNREST, &SUMMIT];

/// Background sentences for disasters; each event draws its own subset and fills in its names.
const DISASTER_FILLERS: &[&str] = &[
    "[Residents|Witnesses|People] in {CITY} described scenes of [chaos|panic|confusion] as [emergency services|rescue workers] arrived.",
    "{OTITLE} {OFFICIAL} [said|told reporters] that the government would [do everything it could|spare no effort] to help those affected.",
    "[Schools|Government offices|Most shops] in {CITY} [remained closed|stayed shut] [the next day|for several days].",
    "The {NGO} [said|reported] that its [teams|volunteers|staff] were [distributing|handing out] [food, water and blankets|tents and medical supplies].",
    "[Television footage|Video shared online|Images on state television] showed [damaged buildings|streets strewn with debris] in {CITY}.",
    "President {PRESIDENT} [declared|announced] a [state of emergency|period of national mourning] in {REGION}.",
    "[Mobile phone networks|Telephone lines|Internet connections] were [cut|disrupted] across parts of {REGION} for several hours.",
    "The [main road|highway] between {CITY} and {CITY2} was [closed|blocked], [slowing|hampering] the [delivery of aid|arrival of help].",
    "{HOSPITAL} in {CITY} [said it was|reported being] [overwhelmed|stretched to capacity].",
    "[Neighbouring countries|Several governments|Foreign governments] [offered|pledged] [assistance|help] to {COUNTRY}.",
    "{CITY}, [a city of|home to] {POP} people, is the [largest city|main commercial centre] of {REGION}.",
    "[Opposition politicians|Critics of the government|Local activists] [accused|criticised] the authorities [of responding too slowly|over the slow response].",
    "[Officials|The authorities] [warned|cautioned] that the figures could [change|be revised] as [more information arrived|reports came in from remote areas].",
    "[Many|Hundreds of] families spent the night [outdoors|in the open|in temporary shelters], [afraid to return home|fearing the worst].",
    "{OFFICIAL2}, a [spokesperson|spokesman] for the {AGENCY}, said that [conditions remained difficult|the situation was under control].",
    "The Red Cross in {COUNTRY} [appealed for|called for] [blood donations|volunteers].",
    "[Flights|Several flights] to and from {CITY} were [cancelled|suspended|diverted].",
    "[Markets|Banks|Petrol stations] [reopened|opened again] in parts of {CITY} [by the weekend|later in the week].",
    "[Aid agencies|Humanitarian groups] [said|warned] that [reaching|access to] [remote villages|outlying districts] [remained difficult|was a challenge].",
    "The {AGENCY} [set up|opened] a [hotline|crisis centre] for [relatives|families] [seeking information|looking for news].",
    "[Police|Security forces] [patrolled|were deployed in] the streets of {CITY} [to prevent looting|to keep order].",
    "[Analysts|Economists] [said|estimated] that [the disruption|the damage] would [weigh on|hurt] the economy of {REGION}.",
    "The United Nations [said|announced] it was [ready to help|monitoring the situation closely].",
    "[Volunteers|Local people] [joined|helped] [rescue teams|emergency workers] [in clearing debris|to clear the streets].",
    "The {CITY2} [office|branch] of the {NGO} [sent|dispatched] [a convoy|trucks] [carrying|loaded with] supplies.",
    "The last time {REGION} [suffered|experienced] a disaster on this scale was in {YEAR2}.",
    "[Electricity|Power] was [restored|gradually restored] to [most|much] of {CITY} [within two days|over the following days].",
    "{OTITLE} {OFFICIAL} [visited|toured] the [worst-hit areas|affected districts] around {CITY}.",
    "[Engineers|Inspectors] [began|started] [checking|inspecting] [bridges|schools and hospitals] for [damage|cracks].",
    "[Insurance companies|Insurers] [said|expected] [claims|payouts] to [be high|run into the millions].",
];

/// Background sentences for political events.
const POLITICAL_FILLERS: &[&str] = &[
    "{OTITLE} {OFFICIAL} [said|told reporters] that the government [was in control|would restore order].",
    "President {PRESIDENT} [addressed the nation|spoke on television] [on the second day|late in the evening].",
    "[Opposition leaders|Critics] [accused|criticised] the government [of heavy-handedness|over its response].",
    "[Foreign ministers|Several governments] [called for|urged] [restraint|calm] [on all sides|from all parties].",
    "[Television footage|Video shared online] showed [crowds|large crowds] in the centre of {CITY}.",
    "{OFFICIAL2}, a [spokesperson|spokesman] for the {AGENCY}, [declined to comment|gave no details] on the [figures|numbers].",
    "The United Nations [said|announced] it was [monitoring the situation closely|following events closely].",
    "[Analysts|Observers] [said|noted] that [tensions|frustration] had been [building|growing] for [months|years].",
    "[Flights|Several flights] to and from {CITY} were [cancelled|suspended|delayed].",
    "{CITY}, [a city of|home to] {POP} people, is the [largest city|main commercial centre] of {REGION}.",
    "[Markets|Banks|Shops] in {CITY} [reopened|opened again] [by the weekend|later in the week].",
    "[State television|Official media] [described|called] the events [a coup attempt|an attack on the state].",
    "[Journalists|Reporters] [said|complained] they had [limited access|little access] to {CITY}.",
    "The [national currency|stock market] [fell|dropped] [sharply|to a record low] [on the news|that week].",
    "The last [comparable|similar] [unrest|crisis] in {COUNTRY} was in {YEAR2}.",
    "[Economists|Analysts] [warned|said] that [the crisis|the turmoil] would [hurt|weigh on] [investment|growth].",
    "[Diplomats|Western diplomats] [said|noted] that [Moscow|Beijing|Washington] was [watching closely|keeping a low profile].",
    "The {NGO} [said|reported] that [its staff|its volunteers] were [safe|unharmed].",
    "[Residents|People] in {CITY} [queued|lined up] for [bread|fuel|cash] [as shops reopened|after the curfew was lifted].",
    "{OTITLE} {OFFICIAL} [thanked|praised] the [security forces|police] for [their work|their restraint].",
];

/// Sentences unique to one report: local colour with a named witness.
const COLOUR: &[&str] = &[
    "{PERSON}, a [shopkeeper|teacher|taxi driver|nurse|student] in {CITY}, said [she|he] had [never seen anything like it|lost almost everything].",
    "\"[We are still waiting for help|Nobody has told us anything|We are afraid to go home],\" said {PERSON}, [a resident of|who lives in] {CITY}.",
    "[Our correspondent|A reporter for this paper] [saw|watched] [people|families] [gathering belongings|queueing for water] in {CITY}.",
    "{PERSON}, [who runs|the owner of] a [bakery|small hotel|pharmacy] in {CITY}, [said|told us] business had [stopped|collapsed].",
    "[Local radio|A local station] [broadcast|read out] [lists of names|appeals for help] [throughout the day|every hour].",
];

// ---------------------------------------------------------------------------------------------
// Text helpers

type Vars = BTreeMap<&'static str, String>;

/// Expand `[a|b|c]` choices and `{VAR}` variables, tidy spaces and capitalise the sentence.
fn expand(t: &str, rng: &mut Rng, vars: &Vars) -> String {
    let out = expand_raw(t, rng, vars);
    // Choices that expand to nothing leave double or leading spaces.
    let s = out.split_whitespace().collect::<Vec<_>>().join(" ");
    capitalise(&s.replace(" ,", ",").replace(" .", "."))
}

fn expand_raw(t: &str, rng: &mut Rng, vars: &Vars) -> String {
    let mut out = String::with_capacity(t.len() + 32);
    let mut rest = t;
    while let Some(c) = rest.chars().next() {
        match c {
            '[' => {
                let end = rest.find(']').unwrap_or(rest.len() - 1);
                let inner = &rest[1..end];
                let opts: Vec<&str> = inner.split('|').collect();
                let choice = expand_raw(opts[rng.below(opts.len())], rng, vars);
                out.push_str(&choice);
                rest = &rest[end + 1..];
            }
            '{' => {
                let end = rest.find('}').unwrap_or(rest.len() - 1);
                let name = &rest[1..end];
                match vars.get(name) {
                    Some(v) => out.push_str(v),
                    None => panic!("template variable {name} not set"),
                }
                rest = &rest[end + 1..];
            }
            _ => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().chain(cs).collect(),
        None => String::new(),
    }
}

fn with_commas(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Round to two significant digits.
fn round2(n: u64) -> u64 {
    if n < 100 {
        return n;
    }
    let mut p = 1;
    while n / p >= 100 {
        p *= 10;
    }
    ((n + p / 2) / p) * p
}

/// A count as words where English would write it so, else None.
fn count_words(n: u64) -> Option<String> {
    match n {
        12 => Some("a dozen".to_string()),
        0..=20 => Some(SMALL_WORDS[n as usize].to_string()),
        100..=900 if n.is_multiple_of(100) => {
            Some(format!("{} hundred", SMALL_WORDS[(n / 100) as usize]))
        }
        _ => None,
    }
}

/// "1.2 million", "350,000".
fn big(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(100_000) {
        let m = n as f64 / 1e6;
        if n.is_multiple_of(1_000_000) {
            format!("{} million", n / 1_000_000)
        } else {
            format!("{m:.1} million")
        }
    } else {
        with_commas(n)
    }
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ă' => 'a',
            'é' | 'è' | 'ê' => 'e',
            'í' | 'î' => 'i',
            'ó' | 'ô' | 'ö' => 'o',
            'ú' | 'ü' => 'u',
            'ș' | 'ş' => 's',
            'ț' => 't',
            _ => c,
        };
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

// ---------------------------------------------------------------------------------------------
// Rendering of claims

/// One claim as written in one report.
#[derive(Debug, Clone)]
struct Written {
    surface: String,
    /// Form of the writing, to pick agreement traps: "digits", "words", "approx", "km", "miles"...
    form: &'static str,
    exact: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Currency {
    Usd,
    Eur,
}

fn money(amount: u64, scale: &str, cur: Currency, rng: &mut Rng) -> (String, &'static str) {
    match (cur, rng.below(3)) {
        (Currency::Usd, 0) => (format!("${amount} {scale}"), "usd-symbol"),
        (Currency::Usd, 1) => (format!("US${amount} {scale}"), "usd-prefix"),
        (Currency::Usd, _) => (format!("{amount} {scale} dollars"), "usd-words"),
        (Currency::Eur, 0) => (format!("€{amount} {scale}"), "eur-symbol"),
        (Currency::Eur, 1) => (format!("EUR {amount} {scale}"), "eur-code"),
        (Currency::Eur, _) => (format!("{amount} {scale} euros"), "eur-words"),
    }
}

/// Write the true value `v` of a quantity of dimension `dim` in one of the ways reporters do.
fn render(dim: Dim, v: u64, cur: Currency, exact_only: bool, rng: &mut Rng) -> Written {
    let w = |surface: String, form: &'static str, exact: bool| Written {
        surface,
        form,
        exact,
    };
    match dim {
        Dim::Count => {
            if !exact_only {
                if let Some(words) = count_words(v) {
                    if rng.chance(0.5) {
                        let form = if v == 12 { "dozen" } else { "words" };
                        return w(words, form, true);
                    }
                }
                if v >= 100 && rng.chance(0.35) {
                    let r = round2(v);
                    let q = if r < v {
                        *rng.pick(&["more than", "over", "at least", "about"])
                    } else if r > v {
                        *rng.pick(&["nearly", "almost", "about", "around"])
                    } else {
                        *rng.pick(&["about", "around", "roughly"])
                    };
                    return w(format!("{q} {}", big(r)), "approx", false);
                }
            }
            w(big(v), "digits", true)
        }
        Dim::Distance => {
            let km = (v as f64 * 1.609_344).round() as u64;
            match if exact_only { 0 } else { rng.below(5) } {
                0 => w(format!("{km} km"), "km", true),
                1 => w(format!("{km} kilometres"), "km", true),
                2 => w(format!("{v} miles"), "miles", true),
                3 => {
                    let r = ((km + 2) / 5) * 5;
                    let q = rng.pick(&["about", "roughly", "some"]);
                    w(format!("{q} {r} km"), "km-approx", false)
                }
                _ => {
                    let q = rng.pick(&["about", "roughly", "some"]);
                    w(format!("{q} {v} miles"), "miles-approx", false)
                }
            }
        }
        Dim::Depth => match if exact_only { 0 } else { rng.below(3) } {
            0 => w(format!("{v} km"), "km", true),
            1 => w(format!("{v} kilometres"), "km", true),
            _ => {
                let mi = (v as f64 / 1.609_344).round() as u64;
                w(format!("about {mi} miles"), "miles-approx", false)
            }
        },
        Dim::Magnitude => w(format!("{}.{}", v / 10, v % 10), "digits", true),
        Dim::Money | Dim::MoneyBn => {
            let scale = if dim == Dim::Money {
                "million"
            } else {
                "billion"
            };
            let (s, form) = money(v, scale, cur, rng);
            if !exact_only && v >= 20 && rng.chance(0.25) {
                let r = (v / 10) * 10;
                let q = if r < v { "more than" } else { "about" };
                return w(
                    format!("{q} {s}", s = money(r, scale, cur, rng).0),
                    "approx",
                    false,
                );
            }
            w(s, form, true)
        }
        Dim::Speed => {
            let mph = (v as f64 / 1.609_344).round() as u64;
            match if exact_only { 0 } else { rng.below(4) } {
                0 => w(format!("{v} km/h"), "kmh", true),
                1 => w(format!("{v} kilometres per hour"), "kmh", true),
                2 => w(format!("{mph} mph"), "mph", true),
                _ => w(format!("{mph} miles per hour"), "mph", true),
            }
        }
        Dim::Area => {
            // v is in units of 100 hectares = 1 km².
            let ha = v * 100;
            match if exact_only { 0 } else { rng.below(4) } {
                0 => w(format!("{} hectares", with_commas(ha)), "hectares", true),
                1 => w(format!("{v} square kilometres"), "sqkm", true),
                2 => w(format!("{v} km²"), "sqkm", true),
                _ => {
                    let acres = round2((ha as f64 * 2.471_054).round() as u64);
                    w(
                        format!("about {} acres", with_commas(acres)),
                        "acres",
                        false,
                    )
                }
            }
        }
    }
}

/// A wrong value for a conflict, written exactly so that no tolerance can reconcile it.
fn wrong_value(dim: Dim, v: u64, rng: &mut Rng) -> u64 {
    match dim {
        Dim::Magnitude => {
            let d = rng.range(3, 6);
            if rng.chance(0.5) && v > d + 40 {
                v - d
            } else {
                v + d
            }
        }
        _ => {
            let f = if rng.chance(0.5) {
                1.4 + rng.unit()
            } else {
                0.35 + 0.2 * rng.unit()
            };
            ((v as f64 * f).round() as u64).max(if v > 3 { 2 } else { v + 2 })
        }
    }
}

fn date_phrase(day: NaiveDate, report: NaiveDate, rng: &mut Rng) -> (String, &'static str) {
    let wd = WEEKDAYS[day.weekday().num_days_from_monday() as usize];
    let month = MONTHS[day.month0() as usize];
    let n = if (report - day).num_days() < 7 { 4 } else { 3 };
    match rng.below(n) {
        0 => (format!("on {} {month}", day.day()), "absolute"),
        1 => (format!("on {month} {}", day.day()), "absolute"),
        2 => (format!("on {wd} {} {month}", day.day()), "absolute"),
        _ => (format!("on {wd}"), "weekday"),
    }
}

fn join_list(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

// ---------------------------------------------------------------------------------------------
// Expected findings

#[derive(Debug, Serialize)]
struct ClaimRef {
    source: String,
    value: String,
}

#[derive(Debug, Serialize)]
struct Finding {
    id: String,
    kind: &'static str,
    topic: String,
    claims: Vec<ClaimRef>,
    note: String,
}

#[derive(Debug, Serialize, Default)]
struct Expected {
    conflicts: Vec<Finding>,
    agreements: Vec<Finding>,
    updates: Vec<Finding>,
}

// ---------------------------------------------------------------------------------------------
// Event generation

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ConflictKind {
    /// A different figure for a fixed quantity.
    Value,
    /// A miles figure labelled km.
    Mislabel,
    /// A growing count lower in a later (or same-day) report.
    LaterLower,
    Date,
    WrongMember,
    CountMismatch,
}

#[derive(Debug)]
struct Planned {
    kind: ConflictKind,
    /// Index into the event's facts (quantity facts), or usize::MAX for date / membership.
    fact: usize,
    deviant: usize,
    reference: usize,
}

#[derive(Debug)]
struct Report {
    stem: String,
    outlet: String,
    day: i64,
    front_matter: bool,
}

struct Event<'k> {
    kind: &'k Kind,
    vars: Vars,
    date: NaiveDate,
    currency: Currency,
    truths: Vec<u64>,
    /// Growth per day of each fact (0 for fixed facts).
    growth: Vec<f64>,
    members: Vec<String>,
    wrong_member: String,
    fillers: Vec<&'static str>,
}

impl Event<'_> {
    fn truth(&self, fact: usize, day: i64) -> u64 {
        let base = self.truths[fact] as f64;
        (base * (1.0 + self.growth[fact] * day as f64)).round() as u64
    }
}

const DATE_FACT: usize = usize::MAX - 1;
const MEMBER_FACT: usize = usize::MAX;

fn make_event(index: usize, seed: u64) -> (Event<'static>, Rng) {
    let mut rng = Rng::new(seed ^ (index as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
    let kind: &'static Kind = KINDS[rng.below(KINDS.len())];
    let (city, country, region, europe) = *rng.pick(PLACES);
    let mut city2 = *rng.pick(PLACES);
    while city2.0 == city {
        city2 = *rng.pick(PLACES);
    }
    let person = |rng: &mut Rng| format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
    let org = format!(
        "{} {} {}",
        rng.pick(ORG_A),
        rng.pick(ORG_B),
        rng.pick(ORG_C)
    );
    let date = NaiveDate::from_ymd_opt(2012, 1, 1).unwrap_or_default()
        + Duration::days(rng.range(0, 365 * 12) as i64);
    let mut vars = Vars::new();
    let year = date.year() as u64;
    vars.insert("CITY", city.to_string());
    vars.insert("CITY2", city2.0.to_string());
    vars.insert("COUNTRY", country.to_string());
    vars.insert("REGION", region.to_string());
    vars.insert("DIR", rng.pick(DIRECTIONS).to_string());
    vars.insert("ORG", org);
    vars.insert("NGO", rng.pick(NGOS).to_string());
    vars.insert("LANDMARK", rng.pick(LANDMARKS).to_string());
    vars.insert("YEAR", rng.range(1650, 1960).to_string());
    vars.insert("YEAR2", rng.range(1950, year - 2).to_string());
    vars.insert("NEXTYEAR", (year + 1).to_string());
    vars.insert(
        "POP",
        format!("about {}", with_commas(rng.range(12, 190) * 10_000)),
    );
    vars.insert("PRESIDENT", person(&mut rng));
    vars.insert("OFFICIAL", person(&mut rng));
    vars.insert("OFFICIAL2", person(&mut rng));
    vars.insert(
        "OTITLE",
        rng.pick(&["Interior Minister", "Prime Minister", "Governor", "Mayor"])
            .to_string(),
    );
    let agency = rng
        .pick(&[
            "Interior Ministry",
            "civil protection agency",
            "national disaster agency",
            "Health Ministry",
            "emergency services ministry",
        ])
        .to_string();
    vars.insert("AGENCY_CAP", capitalise(&format!("the {agency}")));
    vars.insert("AGENCY", agency);
    vars.insert(
        "SEISMO",
        rng.pick(&[
            "national seismological centre",
            "U.S. Geological Survey",
            "European-Mediterranean Seismological Centre",
        ])
        .to_string(),
    );
    vars.insert(
        "METEO",
        rng.pick(&["national weather service", "meteorological office"])
            .to_string(),
    );
    vars.insert(
        "DONOR",
        rng.pick(&[
            "World Bank",
            "European Union",
            "Asian Development Bank",
            "government",
        ])
        .to_string(),
    );
    vars.insert(
        "HOSPITAL",
        format!(
            "{} {}",
            rng.pick(&["The main", "The regional", "The university"]),
            "hospital"
        ),
    );
    vars.insert(
        "RIVER",
        format!(
            "{} river",
            rng.pick(&["Kala", "Vera", "Moro", "Tana", "Sava", "Lune", "Oro"])
        ),
    );
    vars.insert(
        "STORM",
        format!(
            "{} {}",
            rng.pick(&["Cyclone", "Typhoon", "Storm", "Hurricane"]),
            rng.pick(FIRST)
        ),
    );
    let currency = if europe { Currency::Eur } else { Currency::Usd };
    let mut truths = Vec::new();
    let mut growth = Vec::new();
    for f in kind.facts {
        let mut v = rng.range(f.lo, f.hi);
        // Make small counts sometimes a dozen, a favourite of reporters.
        if f.dim == Dim::Count && f.lo <= 12 && rng.chance(0.2) {
            v = 12;
        }
        truths.push(v);
        growth.push(if f.grows {
            0.08 + 0.2 * rng.unit()
        } else {
            0.0
        });
    }
    let mut pool: Vec<&str> = COUNTRIES.to_vec();
    rng.shuffle(&mut pool);
    let n = rng.range(4, 7) as usize;
    let members: Vec<String> = pool[..n].iter().map(|s| s.to_string()).collect();
    let wrong_member = pool[n].to_string();
    let mut fillers: Vec<&'static str> = kind.fillers.to_vec();
    fillers.extend_from_slice(if kind.disaster {
        DISASTER_FILLERS
    } else {
        POLITICAL_FILLERS
    });
    rng.shuffle(&mut fillers);
    (
        Event {
            kind,
            vars,
            date,
            currency,
            truths,
            growth,
            members,
            wrong_member,
            fillers,
        },
        rng,
    )
}

fn number_word(n: usize) -> String {
    SMALL_WORDS
        .get(n)
        .map(|s| s.to_string())
        .unwrap_or_else(|| n.to_string())
}

/// Generate event `index` (0-based) as a folder under `out`. Returns the folder name and the
/// number of bytes of report text written.
pub fn generate_event(
    index: usize,
    n_reports: usize,
    n_sentences: usize,
    seed: u64,
    out: &Path,
) -> Result<(String, usize), std::io::Error> {
    let (ev, mut rng) = make_event(index, seed);
    let kind = ev.kind;
    let city = ev.vars["CITY"].clone();
    let folder = format!("e{:04}-{}-{}", index + 1, kind.name, slug(&city));
    let dir = out.join(&folder);
    if dir.exists() {
        fs::remove_dir_all(&dir)?;
    }
    fs::create_dir_all(&dir)?;

    // Reports: outlets, dates.
    let mut reports = Vec::new();
    let mut used = BTreeMap::new();
    for _ in 0..n_reports {
        let a = rng.pick(OUTLET_A);
        let b = rng.pick(OUTLET_B);
        let base = format!("{a}-{b}");
        let k = used.entry(base.clone()).or_insert(0usize);
        *k += 1;
        let stem = if *k == 1 {
            base.clone()
        } else {
            format!("{base}-{k}")
        };
        let outlet = format!("{} {}", capitalise(a), capitalise(b));
        reports.push(Report {
            stem,
            outlet,
            day: rng.range(0, 6) as i64,
            front_matter: rng.chance(0.3),
        });
    }
    let nfacts = kind.facts.len();
    // Which report carries which fact (quantity facts, then date, then membership).
    let mut carries: Vec<Vec<bool>> = (0..n_reports)
        .map(|_| (0..nfacts + 2).map(|_| rng.chance(0.8)).collect())
        .collect();

    // Plan conflicts: 1 to 3 per event, on distinct facts, deviant and reference distinct reports.
    let mut planned: Vec<Planned> = Vec::new();
    if n_reports >= 2 {
        let n = rng.range(1, 3) as usize;
        let mut tries = 0;
        while planned.len() < n && tries < 50 {
            tries += 1;
            let ck = *rng.pick(&[
                ConflictKind::Value,
                ConflictKind::Value,
                ConflictKind::Mislabel,
                ConflictKind::LaterLower,
                ConflictKind::Date,
                ConflictKind::WrongMember,
                ConflictKind::CountMismatch,
            ]);
            let fact = match ck {
                ConflictKind::Date => DATE_FACT,
                ConflictKind::WrongMember | ConflictKind::CountMismatch => MEMBER_FACT,
                ConflictKind::Value => {
                    let c: Vec<usize> = (0..nfacts).filter(|&i| !kind.facts[i].grows).collect();
                    *rng.pick(&c)
                }
                ConflictKind::Mislabel => {
                    match (0..nfacts).find(|&i| kind.facts[i].dim == Dim::Distance) {
                        Some(i) => i,
                        None => continue,
                    }
                }
                ConflictKind::LaterLower => match (0..nfacts).find(|&i| kind.facts[i].grows) {
                    Some(i) => i,
                    None => continue,
                },
            };
            if planned.iter().any(|p| p.fact == fact) {
                continue;
            }
            let deviant = rng.below(n_reports);
            let mut reference = rng.below(n_reports);
            if ck == ConflictKind::LaterLower || ck == ConflictKind::Value {
                // The reference is the earliest report (ties: any), so "later lower" holds.
                let earliest = reports.iter().map(|r| r.day).min().unwrap_or(0);
                let cands: Vec<usize> = (0..n_reports)
                    .filter(|&i| reports[i].day == earliest && i != deviant)
                    .collect();
                if let Some(&c) = cands.first() {
                    reference = c;
                }
            }
            if reference == deviant {
                continue;
            }
            if planned.iter().any(|p| p.deviant == deviant && p.kind == ck) {
                continue;
            }
            planned.push(Planned {
                kind: ck,
                fact,
                deviant,
                reference,
            });
        }
    }
    let fact_slot = |f: usize| match f {
        DATE_FACT => nfacts,
        MEMBER_FACT => nfacts + 1,
        i => i,
    };
    for p in &planned {
        carries[p.deviant][fact_slot(p.fact)] = true;
        carries[p.reference][fact_slot(p.fact)] = true;
    }

    // Write every report, recording what each says about each fact.
    // written[report][slot] = Some(Written)
    let mut written: Vec<Vec<Option<Written>>> = vec![vec![None; nfacts + 2]; n_reports];
    let mut total_bytes = 0usize;
    let pool_size = (n_sentences + n_sentences / 4).min(ev.fillers.len());
    for (ri, rep) in reports.iter().enumerate() {
        let rdate = ev.date + Duration::days(rep.day);
        let mut vars = ev.vars.clone();
        vars.insert("PERSON", format!("{} {}", rng.pick(FIRST), rng.pick(LAST)));
        let deviation = |slot: usize| {
            planned
                .iter()
                .find(|p| fact_slot(p.fact) == slot && p.deviant == ri)
        };
        let is_reference = |slot: usize| {
            planned
                .iter()
                .any(|p| fact_slot(p.fact) == slot && p.reference == ri)
        };
        let mut facts_text: Vec<String> = Vec::new();
        let mut lead: Option<String> = None;
        for (fi, spec) in kind.facts.iter().enumerate() {
            if !carries[ri][fi] {
                continue;
            }
            let truth = ev.truth(fi, rep.day);
            let w = match deviation(fi) {
                Some(p) if p.kind == ConflictKind::Mislabel => Written {
                    surface: format!("{truth} km"),
                    form: "mislabel",
                    exact: true,
                },
                Some(p) if p.kind == ConflictKind::LaterLower => {
                    let v = ((ev.truth(fi, 0) as f64) * (0.5 + 0.2 * rng.unit())).round() as u64;
                    render(spec.dim, v.max(1), ev.currency, true, &mut rng)
                }
                Some(_) => {
                    let v = wrong_value(spec.dim, truth, &mut rng);
                    render(spec.dim, v, ev.currency, true, &mut rng)
                }
                None => render(
                    spec.dim,
                    truth,
                    ev.currency,
                    is_reference(fi) || spec.grows && rng.chance(0.6),
                    &mut rng,
                ),
            };
            vars.insert("Q", w.surface.clone());
            let s = expand(rng.pick_str(spec.templates), &mut rng, &vars);
            let mut w = w;
            if !s.contains(&w.surface) {
                // The sentence starts with the quantity: "About 1,200 people ...".
                w.surface = capitalise(&w.surface);
            }
            written[ri][fi] = Some(w);
            facts_text.push(s);
        }
        // Date fact.
        if carries[ri][nfacts] {
            let (phrase, form) = match deviation(nfacts) {
                Some(_) => {
                    let wrong = ev.date + Duration::days(if rng.chance(0.5) { 1 } else { -1 });
                    let d = if wrong > rdate {
                        ev.date - Duration::days(1)
                    } else {
                        wrong
                    };
                    let mut ph = date_phrase(d, rdate, &mut rng);
                    // Always absolute for the wrong one, so the reader can see it.
                    if ph.1 == "weekday" {
                        ph = (
                            format!("on {} {}", d.day(), MONTHS[d.month0() as usize]),
                            "absolute",
                        );
                    }
                    ph
                }
                None => date_phrase(ev.date, rdate, &mut rng),
            };
            vars.insert("DATE", phrase.clone());
            let s = expand(rng.pick_str(kind.date_templates), &mut rng, &vars);
            written[ri][nfacts] = Some(Written {
                surface: phrase,
                form,
                exact: true,
            });
            lead = Some(s);
        }
        // Membership fact.
        if carries[ri][nfacts + 1] {
            let dev = deviation(nfacts + 1).map(|p| p.kind);
            let mut names = ev.members.clone();
            let partial = dev.is_none() && !is_reference(nfacts + 1) && rng.chance(0.4);
            if partial {
                rng.shuffle(&mut names);
                let k = rng.range(2, (names.len() - 1) as u64) as usize;
                names.truncate(k);
            } else if dev == Some(ConflictKind::WrongMember) {
                let i = rng.below(names.len());
                names[i] = ev.wrong_member.clone();
            } else if dev == Some(ConflictKind::CountMismatch) {
                let i = rng.below(names.len());
                names.remove(i);
            }
            let list = join_list(&names);
            let introducer = if partial {
                rng.pick(&["which includes", "including", "whose members include"])
            } else {
                rng.pick(&["consisting of", "made up of", "whose members are"])
            };
            let mut org = ev.vars["ORG"].clone();
            if dev == Some(ConflictKind::CountMismatch) || (!partial && rng.chance(0.3)) {
                let stated = ev.members.len();
                org = format!("{}-member {org}", number_word(stated));
            }
            let text = format!("{introducer} {list}");
            vars.insert("LIST", text);
            let saved = vars.insert("ORG", org);
            let s = expand(rng.pick_str(kind.member_templates), &mut rng, &vars);
            if let Some(o) = saved {
                vars.insert("ORG", o);
            }
            written[ri][nfacts + 1] = Some(Written {
                surface: list,
                form: if partial { "partial" } else { "complete" },
                exact: !partial,
            });
            facts_text.push(s);
        }
        // Background: a report-specific draw from the event's pool, plus local colour.
        let pool = &ev.fillers[..pool_size];
        let mut idx: Vec<usize> = (0..pool.len()).collect();
        rng.shuffle(&mut idx);
        let used = 1 + facts_text.len() + usize::from(lead.is_some());
        let needed = n_sentences.saturating_sub(used);
        let mut body: Vec<String> = facts_text;
        for k in 0..needed {
            if k < idx.len() && k + 1 < needed {
                body.push(expand(pool[idx[k]], &mut rng, &vars));
            } else {
                vars.insert("PERSON", format!("{} {}", rng.pick(FIRST), rng.pick(LAST)));
                body.push(expand(rng.pick_str(COLOUR), &mut rng, &vars));
            }
        }
        rng.shuffle(&mut body);
        if let Some(l) = lead {
            body.insert(0, l);
        }
        let headline = expand(rng.pick_str(kind.headlines), &mut rng, &vars);
        let mut text = String::new();
        if rep.front_matter {
            text.push_str(&format!(
                "---\noutlet: {}\ndate: {}\ntitle: {}\n---\n\n",
                rep.outlet, rdate, headline
            ));
        } else {
            text.push_str(&format!("date {rdate}\n\n{headline}\n\n"));
        }
        let mut i = 0;
        while i < body.len() {
            let n = (1 + rng.below(3)).min(body.len() - i);
            text.push_str(&body[i..i + n].join(" "));
            text.push_str("\n\n");
            i += n;
        }
        let ext = if rep.front_matter { "md" } else { "txt" };
        fs::write(dir.join(format!("{}.{ext}", rep.stem)), &text)?;
        total_bytes += text.len();
        // Self-check: every recorded surface occurs verbatim.
        for w in written[ri].iter().flatten() {
            if !text.contains(&w.surface) {
                return Err(std::io::Error::other(format!(
                    "{folder}/{}: value {:?} not in text",
                    rep.stem, w.surface
                )));
            }
        }
    }

    // expected.json
    let mut exp = Expected::default();
    let topic_of = |slot: usize| -> (String, &'static str) {
        if slot == nfacts {
            (kind.date_topic.to_string(), "date")
        } else if slot == nfacts + 1 {
            (
                format!("{} ({})", kind.member_topic, ev.vars["ORG"]),
                "membership",
            )
        } else {
            (kind.facts[slot].topic.to_string(), "quantity")
        }
    };
    let claim = |ri: usize, slot: usize| -> ClaimRef {
        ClaimRef {
            source: reports[ri].stem.clone(),
            value: written[ri][slot]
                .as_ref()
                .map(|w| w.surface.clone())
                .unwrap_or_default(),
        }
    };
    for p in &planned {
        let slot = fact_slot(p.fact);
        let (topic, kind_s) = topic_of(slot);
        let dev = &reports[p.deviant];
        let refr = &reports[p.reference];
        let (id, note, claims) = match p.kind {
            ConflictKind::Value => (
                format!("{}-wrong-figure", topic_key(slot, kind)),
                format!("{} gives a figure no other report supports", dev.stem),
                vec![claim(p.deviant, slot), claim(p.reference, slot)],
            ),
            ConflictKind::Mislabel => (
                format!("{}-miles-as-km", topic_key(slot, kind)),
                "a miles figure labelled as km".to_string(),
                vec![claim(p.deviant, slot), claim(p.reference, slot)],
            ),
            ConflictKind::LaterLower => (
                format!("{}-later-lower", topic_key(slot, kind)),
                format!(
                    "the report of {} gives a lower count than the report of {}",
                    ev.date + Duration::days(dev.day),
                    ev.date + Duration::days(refr.day)
                ),
                vec![claim(p.deviant, slot), claim(p.reference, slot)],
            ),
            ConflictKind::Date => (
                "date-wrong-day".to_string(),
                format!("the right day is {}", ev.date),
                vec![claim(p.deviant, slot), claim(p.reference, slot)],
            ),
            ConflictKind::WrongMember => (
                "members-wrong-member".to_string(),
                format!("{} is not a member", ev.wrong_member),
                vec![claim(p.deviant, slot), claim(p.reference, slot)],
            ),
            ConflictKind::CountMismatch => (
                "members-count-mismatch".to_string(),
                format!(
                    "internal inconsistency: called a {}-member grouping but names {}",
                    number_word(ev.members.len()),
                    ev.members.len() - 1
                ),
                vec![claim(p.deviant, slot)],
            ),
        };
        exp.conflicts.push(Finding {
            id,
            kind: kind_s,
            topic,
            claims,
            note,
        });
    }
    // Agreements: per fact, the first pair of reports that write the same truth differently.
    let deviants_of = |slot: usize| -> Vec<usize> {
        planned
            .iter()
            .filter(|p| fact_slot(p.fact) == slot)
            .map(|p| p.deviant)
            .collect()
    };
    #[allow(clippy::needless_range_loop)] // `slot` indexes the inner vectors
    for slot in 0..nfacts + 2 {
        if slot < nfacts && kind.facts[slot].grows {
            continue;
        }
        let dev = deviants_of(slot);
        // A count mismatch is a deviant list whose members are right but incomplete.
        let ok: Vec<usize> = (0..n_reports)
            .filter(|r| !dev.contains(r) && written[*r][slot].is_some())
            .collect();
        let mut found = None;
        'outer: for (i, &a) in ok.iter().enumerate() {
            for &b in &ok[i + 1..] {
                let (wa, wb) = match (&written[a][slot], &written[b][slot]) {
                    (Some(x), Some(y)) => (x, y),
                    _ => continue,
                };
                if wa.form != wb.form && wa.surface != wb.surface {
                    // Prefer the interesting pairs: different units or words vs digits.
                    found = Some((a, b, wa.form, wb.form));
                    break 'outer;
                }
            }
        }
        if let Some((a, b, fa, fb)) = found {
            let (topic, kind_s) = topic_of(slot);
            exp.agreements.push(Finding {
                id: format!("{}-{}-vs-{}", topic_key(slot, kind), fa, fb),
                kind: kind_s,
                topic,
                claims: vec![claim(a, slot), claim(b, slot)],
                note: format!(
                    "the same {} written as {fa} and as {fb}",
                    if kind_s == "date" { "day" } else { "fact" }
                ),
            });
        }
    }
    // Updates: growing figures, earliest and latest exact report with different values.
    for (fi, spec) in kind.facts.iter().enumerate() {
        if !spec.grows {
            continue;
        }
        let dev = deviants_of(fi);
        let ok: Vec<usize> = (0..n_reports)
            .filter(|r| !dev.contains(r) && written[*r][fi].as_ref().is_some_and(|w| w.exact))
            .collect();
        let first = ok.iter().min_by_key(|&&r| (reports[r].day, r));
        let last = ok
            .iter()
            .max_by_key(|&&r| (reports[r].day, std::cmp::Reverse(r)));
        if let (Some(&a), Some(&b)) = (first, last) {
            if ev.truth(fi, reports[a].day) < ev.truth(fi, reports[b].day) {
                exp.updates.push(Finding {
                    id: format!("{}-rising", spec.key),
                    kind: "quantity",
                    topic: spec.topic.to_string(),
                    claims: vec![claim(a, fi), claim(b, fi)],
                    note: format!(
                        "the figure rises from the report of {} to the report of {}",
                        ev.date + Duration::days(reports[a].day),
                        ev.date + Duration::days(reports[b].day)
                    ),
                });
            }
        }
    }
    let json = serde_json::to_string_pretty(&exp).map_err(std::io::Error::other)?;
    fs::write(dir.join("expected.json"), json + "\n")?;
    Ok((folder, total_bytes))
}

fn topic_key(slot: usize, kind: &Kind) -> String {
    if slot == kind.facts.len() {
        "date".to_string()
    } else if slot == kind.facts.len() + 1 {
        "members".to_string()
    } else {
        kind.facts[slot].key.to_string()
    }
}

#[allow(clippy::print_stderr)]
fn main() -> ExitCode {
    let args = Args::parse();
    if args.reports == 0 || args.sentences == 0 {
        eprintln!("gen: --reports and --sentences must be at least 1");
        return ExitCode::from(2);
    }
    if let Err(e) = fs::create_dir_all(&args.out) {
        eprintln!("gen: cannot create {}: {e}", args.out.display());
        return ExitCode::from(2);
    }
    let mut bytes = 0;
    for i in 0..args.events {
        match generate_event(i, args.reports, args.sentences, args.seed, &args.out) {
            Ok((_, b)) => bytes += b,
            Err(e) => {
                eprintln!("gen: event {}: {e}", i + 1);
                return ExitCode::from(2);
            }
        }
    }
    eprintln!(
        "gen: wrote {} events x {} reports ({} bytes of report text) to {}",
        args.events,
        args.reports,
        bytes,
        args.out.display()
    );
    ExitCode::SUCCESS
}
