"""The demo district's content, as plain data an editor can read and change.

The municipalities come from `district-tradate.csv`; everything else lives here. The
cooperatives, their people, phone numbers and VAT numbers are invented (each name says it is
an example); emails use example.org. The loader in `catalogue/demo.py` turns these
structures into snippets and pages, looking each one up by its slug.
"""

from datetime import date, time

# Approximate coordinates of each town centre (latitude, longitude), by cadastral code.
TOWN_CENTRES = {
    "C273": ("45.724000", "8.864000"),  # Castelseprio
    "C300": ("45.752600", "8.872500"),  # Castiglione Olona
    "E104": ("45.740500", "8.861000"),  # Gornate Olona
    "E665": ("45.705800", "8.871100"),  # Lonate Ceppino
    "L319": ("45.710800", "8.907800"),  # Tradate
    "L703": ("45.775600", "8.888600"),  # Vedano Olona
    "L733": ("45.738000", "8.899000"),  # Venegono Inferiore
    "L734": ("45.756100", "8.898300"),  # Venegono Superiore
}

NEEDS = [
    ("anziani", "Anziani", "it-user", "Aiuto a casa, pasti, compagnia e sollievo per chi assiste."),
    ("disabilita", "Disabilità", "it-hearing", "Sostegno a domicilio, centri diurni, autonomia."),
    (
        "minori-famiglia",
        "Minori e famiglia",
        "it-star-outline",
        "Educativa, doposcuola, centri estivi, sostegno ai genitori.",
    ),
    ("salute-mentale", "Salute mentale", "it-comment", "Ascolto, supporto psicologico, gruppi."),
    ("lavoro", "Lavoro", "it-tool", "Orientamento, tirocini, inserimento lavorativo."),
    ("casa", "Casa", "it-key", "Contributi per l'affitto, housing sociale, accompagnamento."),
    (
        "poverta-inclusione",
        "Povertà e inclusione",
        "it-card",
        "Sostegno economico, mediazione, corsi di italiano.",
    ),
    ("dipendenze", "Dipendenze", "it-help-circle", "Ascolto e percorsi per alcol, droghe, gioco."),
]

# (slug, name, ages of the group: from, to; None: any)
AUDIENCES = [
    ("anziani-over-65", "Anziani over 65", 65, None),
    ("persone-con-disabilita", "Persone con disabilità", None, None),
    ("famiglie-con-minori", "Famiglie con figli minori", 16, 65),
    ("bambini-e-ragazzi", "Bambini e ragazzi", None, 17),
    ("giovani-adulti", "Giovani e adulti", 14, 64),
    ("caregiver", "Familiari che assistono (caregiver)", None, None),
    ("persone-in-difficolta", "Persone e famiglie in difficoltà economica", None, None),
    ("cittadini-stranieri", "Cittadini stranieri", None, None),
]

MORNING = (time(9), time(12, 30))
AFTERNOON = (time(14), time(17, 30))

SOCIAL_POINTS = [
    {
        "slug": "tradate",
        "title": "Social Point di Tradate",
        "municipality": "L319",
        "intro": "Lo sportello principale dell'Ambito, nel palazzo comunale.",
        "address": "Piazza Mazzini 6",
        "latitude": "45.710900",
        "longitude": "8.907600",
        "phone": "0331 000 101",
        "email": "socialpoint.tradate@example.org",
        # (weekday 0 = lunedì, opens, closes)
        "hours": [
            (0, *MORNING),
            (1, *MORNING),
            (1, *AFTERNOON),
            (3, *MORNING),
            (3, *AFTERNOON),
            (4, *MORNING),
        ],
        "closures": [
            (date(2026, 12, 8), "Immacolata Concezione"),
            (date(2026, 12, 24), "Vigilia di Natale"),
        ],
        "languages": ["it", "en", "fr", "ar"],
        "accessibility": "Ingresso senza gradini da via Volta, ascensore, bagno accessibile, "
        "due posti auto riservati davanti al municipio.",
    },
    {
        "slug": "castiglione-olona",
        "title": "Social Point di Castiglione Olona",
        "municipality": "C300",
        "intro": "Presso i servizi sociali del Comune, al piano terra.",
        "address": "Via Cesare Battisti 4",
        "latitude": "45.752400",
        "longitude": "8.872800",
        "phone": "0331 000 102",
        "email": "socialpoint.castiglione@example.org",
        "hours": [(0, *AFTERNOON), (2, *MORNING), (4, *MORNING)],
        "closures": [(date(2026, 12, 8), "Immacolata Concezione")],
        "languages": ["it", "ro", "uk"],
        "accessibility": "Ingresso con rampa, sportello al piano terra.",
    },
    {
        "slug": "venegono-inferiore",
        "title": "Social Point di Venegono Inferiore",
        "municipality": "L733",
        "intro": "Nella sala civica accanto alla biblioteca.",
        "address": "Via Aldo Moro 2",
        "latitude": "45.737700",
        "longitude": "8.898500",
        "phone": "0331 000 103",
        "email": "socialpoint.venegono@example.org",
        "hours": [(1, *MORNING), (3, *AFTERNOON), (5, time(9), time(12))],
        "closures": [(date(2026, 12, 26), "Santo Stefano")],
        "languages": ["it", "sq", "es"],
        "accessibility": "Ingresso senza gradini, bagno accessibile, anello magnetico per "
        "persone con protesi acustiche.",
    },
    {
        "slug": "vedano-olona",
        "title": "Social Point di Vedano Olona",
        "municipality": "L703",
        "intro": "Presso la Casa delle associazioni, vicino alla stazione.",
        "address": "Via Nino Bixio 10",
        "latitude": "45.775200",
        "longitude": "8.887900",
        "phone": "0331 000 104",
        "email": "socialpoint.vedano@example.org",
        "hours": [(0, *MORNING), (2, *AFTERNOON), (4, *AFTERNOON)],
        "closures": [(date(2026, 12, 31), "Chiusura di fine anno")],
        "languages": ["it", "en", "ur"],
        "accessibility": "Sportello al primo piano con ascensore; su richiesta l'operatore "
        "riceve al piano terra.",
    },
]

HOW_TO_BOOK = (
    "<p>Puoi presentarti negli orari di apertura senza appuntamento. Per le pratiche più "
    "lunghe (registrazione al portale, domande di contributo) è meglio prenotare per "
    "telefono o per email: l'operatore ti dice quali documenti portare.</p>"
)

# The Ufficio di Piano first; then the 14 sample cooperatives. `accredited` is the expiry
# date of the accreditation for the home-care call (None: not accredited).
PROVIDERS = [
    {
        "slug": "ufficio-di-piano",
        "title": "Ufficio di Piano – Comune di Tradate",
        "legal_name": "Comune di Tradate – Ufficio di Piano dell'Ambito di Tradate",
        "kind": "municipality",
        "municipality": "L319",
        "address": "Piazza Mazzini 6",
        "phone": "0331 000 100",
        "email": "ufficiodipiano@example.org",
        "description": "L'Ufficio di Piano coordina i servizi sociali degli 8 comuni "
        "dell'Ambito: programma gli interventi, gestisce i bandi e i voucher, accredita le "
        "cooperative e risponde dei servizi pubblici del distretto.",
        "accredited": None,
    },
]

COOPERATIVES = [
    (
        "aurora",
        "Aurora",
        "L319",
        "Via Monte Grappa 14",
        "assistenza domiciliare agli anziani e alle loro famiglie",
        date(2027, 12, 31),
    ),
    (
        "girasole",
        "Girasole",
        "C300",
        "Via Roma 21",
        "interventi educativi per bambini, ragazzi e famiglie",
        date(2027, 6, 30),
    ),
    (
        "arcobaleno",
        "Arcobaleno",
        "L733",
        "Via Matteotti 8",
        "servizi diurni e domiciliari per persone con disabilità",
        date(2027, 12, 31),
    ),
    (
        "il-ponte",
        "Il Ponte",
        "L703",
        "Via Galilei 3",
        "orientamento e inserimento lavorativo di persone fragili",
        None,
    ),
    (
        "la-quercia",
        "La Quercia",
        "L734",
        "Via Papa Giovanni XXIII 5",
        "centro diurno e sollievo per anziani",
        date(2026, 12, 31),
    ),
    (
        "sentieri",
        "Sentieri",
        "L319",
        "Via Carducci 30",
        "ascolto e sostegno nella salute mentale",
        None,
    ),
    (
        "il-faro",
        "Il Faro",
        "E665",
        "Via Diaz 12",
        "prevenzione e accompagnamento nelle dipendenze",
        None,
    ),
    (
        "mosaico",
        "Mosaico",
        "L319",
        "Corso Bernacchi 41",
        "mediazione culturale e inclusione dei cittadini stranieri",
        None,
    ),
    (
        "orizzonti",
        "Orizzonti",
        "E104",
        "Via Marconi 7",
        "autonomia e vita indipendente delle persone con disabilità",
        date(2027, 12, 31),
    ),
    (
        "la-rondine",
        "La Rondine",
        "C300",
        "Via Mazzini 16",
        "trasporti, accompagnamenti e consegne a domicilio",
        None,
    ),
    (
        "il-seme",
        "Il Seme",
        "L319",
        "Via XXV Aprile 9",
        "servizi per l'infanzia, doposcuola e centri estivi",
        date(2027, 6, 30),
    ),
    (
        "insieme",
        "Insieme",
        "L703",
        "Via Verdi 25",
        "consulenza familiare e sostegno ai genitori",
        None,
    ),
    (
        "valle-olona",
        "Valle Olona",
        "C273",
        "Via Castelvecchio 2",
        "housing sociale e accompagnamento all'abitare",
        None,
    ),
    (
        "primavera",
        "Primavera",
        "L733",
        "Via Manzoni 18",
        "sollievo e assistenza notturna per anziani non autosufficienti",
        date(2027, 12, 31),
    ),
]

# «Tempi di attivazione»: days from an accepted quote to the first session, as the
# accredited cooperatives say (optional: two of them leave it empty).
START_WITHIN_DAYS = {"aurora": 5, "girasole": 10, "arcobaleno": 7, "primavera": 3, "orizzonti": 14}

for number, (slug, name, town, address, focus, accredited) in enumerate(COOPERATIVES, 1):
    PROVIDERS.append(
        {
            "slug": f"cooperativa-{slug}",
            "title": f"Cooperativa {name} (esempio)",
            "legal_name": f"{name} Società Cooperativa Sociale Onlus (ente di esempio)",
            "kind": "social_cooperative",
            "municipality": town,
            "address": address,
            "phone": f"0331 000 2{number:02d}",
            "email": f"info@{slug}.example.org",
            "website": f"https://{slug}.example.org",
            "vat_number_seed": number,
            "description": f"Cooperativa sociale di esempio che si occupa di {focus} nei "
            "comuni dell'Ambito di Tradate. Ente fittizio, creato per mostrare il portale.",
            "accredited": accredited,
            "start_within_days": START_WITHIN_DAYS.get(slug),
        }
    )

# How a citizen gets each kind of service: steps, documents and timing shared by services
# that follow the same route. A service may add documents or replace the timing.
ROUTES = {
    "social": {
        "funding": "public",
        "steps": [
            "Prendi appuntamento con l'assistente sociale del tuo Comune, oppure passa da un "
            "Social Point o invia la richiesta da questo portale.",
            "Nel colloquio racconti la situazione; se serve, l'assistente sociale fa una "
            "visita a domicilio.",
            "L'assistente sociale concorda con te il progetto: cosa, quanto e per quanto tempo.",
            "Ricevi la comunicazione scritta con l'esito e la data di inizio del servizio.",
        ],
        "documents": [
            ("Documento d'identità valido", ""),
            ("Tessera sanitaria", "Della persona che riceve il servizio."),
        ],
        "timing": "<p>Il primo colloquio viene fissato entro 10 giorni lavorativi dalla "
        "richiesta. Il servizio si attiva di norma entro 30 giorni dalla firma del progetto.</p>",
        "how_to_access": "<p>Se non riesci a usare il portale, un operatore del Social Point "
        "compila la richiesta con te.</p>",
        "conditions": "<p>Il servizio è regolato dal regolamento d'Ambito per l'accesso ai "
        "servizi sociali. Puoi rinunciare in qualsiasi momento avvisando l'assistente "
        "sociale.</p>",
    },
    "voucher": {
        "funding": "accredited",
        "steps": [
            "Chiedi il voucher per la domiciliarità al tuo Comune, a un Social Point o da "
            "questo portale.",
            "L'assistente sociale valuta il bisogno e stabilisce il valore del voucher.",
            "Scegli l'ente accreditato che preferisci tra quelli indicati nella pagina.",
            "Concordi con l'ente giorni e orari e firmi il patto di servizio.",
        ],
        "documents": [
            ("Documento d'identità valido", ""),
            ("Attestazione ISEE in corso di validità", "ISEE socio-sanitario, se richiesto."),
            ("Tessera sanitaria", ""),
        ],
        "timing": "<p>La valutazione avviene entro 15 giorni lavorativi. Dopo la scelta "
        "dell'ente, il servizio parte entro 7 giorni. Il voucher vale 6 mesi ed è "
        "rinnovabile.</p>",
        "how_to_access": "<p>Con il voucher paghi solo la quota a tuo carico, se prevista; il "
        "resto lo paga il Comune direttamente all'ente. Puoi anche acquistare il servizio "
        "privatamente, alla tariffa indicata.</p>",
        "conditions": "<p>Gli enti accreditati rispettano gli standard del Bando per la "
        "domiciliarità dell'Ambito (personale qualificato, sostituzioni garantite, "
        "reclami gestiti entro 15 giorni).</p>",
    },
    "direct": {
        "funding": "private",
        "steps": [
            "Contatta l'ente per telefono o per email, oppure invia la richiesta da questo "
            "portale.",
            "Fissi un primo colloquio gratuito per capire di cosa hai bisogno.",
            "L'ente ti propone un programma e il preventivo dei costi.",
            "Se sei d'accordo, firmi l'accordo e si parte.",
        ],
        "documents": [("Documento d'identità valido", "")],
        "timing": "<p>L'ente risponde entro 3 giorni lavorativi e fissa il primo colloquio "
        "entro due settimane.</p>",
        "how_to_access": "",
        "conditions": "<p>Le condizioni (disdetta, pagamento, privacy) sono scritte "
        "nell'accordo che firmi con l'ente.</p>",
    },
    "enrol": {
        "funding": "private",
        "steps": [
            "Leggi il programma e le date sul sito dell'ente o in questa pagina.",
            "Iscriviti da questo portale o all'ente entro la scadenza indicata.",
            "Ricevi la conferma con il calendario e le informazioni pratiche.",
            "Paga la quota prima dell'inizio, con bonifico o al primo incontro.",
        ],
        "documents": [
            ("Modulo di iscrizione", "Lo trovi all'ente o lo compili online."),
            ("Attestazione ISEE", "Solo se chiedi la quota ridotta."),
        ],
        "timing": "<p>Le iscrizioni chiudono 15 giorni prima dell'inizio o quando i posti "
        "sono esauriti.</p>",
        "how_to_access": "",
        "conditions": "<p>La quota non è rimborsabile dopo l'inizio, salvo malattia "
        "certificata.</p>",
    },
}

ALL_POINTS = ["tradate", "castiglione-olona", "venegono-inferiore", "vedano-olona"]

ISEE_NOTE = "Quota calcolata in base all'ISEE: esente sotto 6.000 €, poi a scaglioni."

# One dict per service. Keys beyond title/provider/route/summary/description/outcome are
# optional: delivery (h = a domicilio, p = presso l'ente, s = Social Point, r = a distanza),
# municipalities (cadastral codes; omitted = all), points (Social Points that help;
# omitted = all four for public and voucher services, none otherwise).
SERVICES = [
    # --- Ufficio di Piano: public services of the district --------------------------------
    {
        "slug": "segretariato-sociale",
        "title": "Segretariato sociale e orientamento",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["poverta-inclusione", "anziani", "minori-famiglia", "disabilita"],
        "audiences": ["persone-in-difficolta", "giovani-adulti", "anziani-over-65"],
        "summary": "Un primo ascolto gratuito per capire quali servizi e contributi fanno per "
        "te e come chiederli.",
        "description": "L'assistente sociale ascolta la tua situazione, ti informa sui servizi "
        "dell'Ambito e sui contributi di Comune, Regione e INPS, e ti aiuta a preparare le "
        "domande. È la porta d'ingresso a tutti gli altri servizi sociali.",
        "outcome": "Informazioni chiare su cosa puoi chiedere, a chi e con quali documenti; se "
        "serve, l'avvio della domanda per il servizio giusto.",
        "costs": [("free", None, "", "")],
        "delivery": "psr",
        "languages": ["it", "en", "fr", "ar"],
    },
    {
        "slug": "assistenza-domiciliare-anziani-sad",
        "title": "Assistenza domiciliare anziani (SAD)",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["anziani"],
        "audiences": ["anziani-over-65", "caregiver"],
        "summary": "Operatori socio-assistenziali a casa tua per l'igiene personale, la cura "
        "della casa e la compagnia, quando non riesci più da solo.",
        "description": "Il SAD aiuta le persone anziane a restare a casa propria il più a "
        "lungo possibile. Gli operatori (ASA e OSS) aiutano nell'igiene personale, nella "
        "preparazione dei pasti, nelle piccole pulizie, nelle commissioni e tengono i "
        "contatti con il medico e la famiglia.",
        "outcome": "Da 2 a 10 ore di assistenza a settimana, secondo il progetto concordato "
        "con l'assistente sociale.",
        "costs": [
            ("income_based", None, "ora di assistenza", ISEE_NOTE),
            (
                "per_hour",
                "18.00",
                "ora di assistenza",
                "Tariffa piena, con ISEE oltre 25.000 € o senza ISEE.",
            ),
        ],
        "min_age": 65,
        "eligibility": "<p>Persone anziane non autosufficienti o parzialmente autosufficienti, "
        "anche con un familiare convivente.</p>",
        "extra_documents": [
            ("Attestazione ISEE socio-sanitario", "Per la quota ridotta."),
            ("Certificato del medico curante", "Sulla situazione di salute."),
        ],
        "delivery": "h",
        "languages": ["it", "ro"],
    },
    {
        "slug": "pasti-a-domicilio",
        "title": "Pasti a domicilio",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["anziani", "disabilita"],
        "audiences": ["anziani-over-65", "persone-con-disabilita"],
        "summary": "Un pranzo caldo consegnato a casa dal lunedì al sabato, anche con diete "
        "per diabete o difficoltà a masticare.",
        "description": "Il pasto è preparato dalla cucina centralizzata dell'Ambito e "
        "consegnato tra le 11.30 e le 12.30 in contenitori termici. Il menù cambia ogni "
        "settimana ed è approvato da una dietista; su prescrizione medica sono disponibili "
        "diete speciali. Chi consegna il pasto controlla anche che vada tutto bene.",
        "outcome": "Un pasto completo (primo, secondo, contorno, pane e frutta) nei giorni "
        "scelti, da uno a sei a settimana.",
        "costs": [
            ("fixed", "6.50", "pasto", "Tariffa piena."),
            (
                "income_based",
                None,
                "pasto",
                "Con ISEE sotto 12.000 € il pasto costa da 2,50 a 5,00 €.",
            ),
        ],
        "min_age": 65,
        "isee_max": None,
        "eligibility": "<p>Anche persone sotto i 65 anni con disabilità o in convalescenza, "
        "su valutazione dell'assistente sociale.</p>",
        "timing": "<p>Il servizio parte entro 7 giorni dalla richiesta. Per sospendere la "
        "consegna basta avvisare entro le 10 del giorno prima.</p>",
        "delivery": "h",
    },
    {
        "slug": "trasporto-sociale",
        "title": "Trasporto sociale",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["anziani", "disabilita"],
        "audiences": ["anziani-over-65", "persone-con-disabilita"],
        "summary": "Accompagnamento in auto o pulmino attrezzato a visite, terapie e centri "
        "diurni per chi non può muoversi da solo.",
        "description": "Volontari e autisti delle cooperative accompagnano le persone che non "
        "hanno una rete familiare a visite mediche, terapie, esami e centri diurni, negli "
        "ospedali di Tradate, Varese e Saronno. I mezzi con pedana trasportano anche chi usa "
        "la carrozzina.",
        "outcome": "Andata e ritorno con un accompagnatore che resta con te, se serve, durante "
        "la visita.",
        "costs": [
            ("fixed", "3.00", "viaggio nel distretto", ""),
            ("fixed", "8.00", "viaggio fuori distretto", "Varese, Saronno, Gallarate."),
        ],
        "timing": "<p>Prenota almeno 5 giorni lavorativi prima del viaggio.</p>",
        "delivery": "h",
    },
    {
        "slug": "telesoccorso",
        "title": "Telesoccorso",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["anziani"],
        "audiences": ["anziani-over-65", "caregiver"],
        "summary": "Un pulsante da portare al collo per chiamare aiuto 24 ore su 24 se cadi o "
        "ti senti male in casa.",
        "description": "Il dispositivo è collegato a una centrale operativa sempre attiva: "
        "premendo il pulsante parli con un operatore, che chiama i tuoi familiari o il 118. "
        "Una volta a settimana la centrale ti telefona per sapere come stai.",
        "outcome": "Il dispositivo installato a casa e il collegamento con la centrale, "
        "per tutto il tempo che ti serve.",
        "costs": [("per_month", "10.00", "mese", "Gratuito con ISEE sotto 8.000 €.")],
        "min_age": 65,
        "delivery": "hr",
    },
    {
        "slug": "voucher-domiciliarita",
        "title": "Voucher per la domiciliarità",
        "provider": "ufficio-di-piano",
        "route": "voucher",
        "funding": "public",
        "needs": ["anziani", "disabilita", "minori-famiglia"],
        "audiences": [
            "anziani-over-65",
            "persone-con-disabilita",
            "famiglie-con-minori",
            "caregiver",
        ],
        "summary": "Un buono del Comune per pagare l'assistenza a domicilio di un ente "
        "accreditato che scegli tu.",
        "description": "Con il Bando per la domiciliarità l'Ambito accredita le cooperative che "
        "rispettano standard di qualità. Il voucher copre, in tutto o in parte, le ore di "
        "assistenza domiciliare, educativa o di sollievo: tu scegli l'ente, il Comune lo "
        "paga direttamente.",
        "outcome": "Un voucher mensile da 150 a 600 €, in base al bisogno e all'ISEE, da "
        "spendere presso gli enti accreditati.",
        "costs": [
            ("free", None, "", "Il voucher non costa nulla: copre il costo del servizio scelto.")
        ],
        "isee_max": "30000.00",
        "extra_documents": [
            ("Verbale di invalidità o certificazione di disabilità", "Se presente.")
        ],
        "delivery": "hs",
        "languages": ["it", "en", "ro", "uk"],
    },
    {
        "slug": "assistenza-domiciliare-minori-adm",
        "title": "Assistenza domiciliare minori (ADM)",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["minori-famiglia"],
        "audiences": ["famiglie-con-minori", "bambini-e-ragazzi"],
        "summary": "Un educatore a casa per aiutare genitori e figli nei momenti difficili, "
        "su progetto dei servizi sociali.",
        "description": "L'ADM sostiene le famiglie con figli minori quando ci sono difficoltà "
        "educative, di relazione o di organizzazione. L'educatore lavora con i ragazzi e con "
        "i genitori, tiene i contatti con la scuola e accompagna la famiglia verso "
        "un'autonomia maggiore.",
        "outcome": "Da 3 a 8 ore a settimana di intervento educativo, con verifiche ogni tre "
        "mesi insieme alla famiglia.",
        "costs": [("free", None, "", "")],
        "max_age": 17,
        "delivery": "h",
        "languages": ["it", "ar", "sq"],
    },
    {
        "slug": "contributo-affitto",
        "title": "Contributo per l'affitto",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["casa", "poverta-inclusione"],
        "audiences": ["persone-in-difficolta", "famiglie-con-minori"],
        "summary": "Un aiuto economico per pagare l'affitto o evitare lo sfratto, per chi ha "
        "un contratto regolare nel distretto.",
        "description": "Il contributo, finanziato dalla Regione e dai Comuni dell'Ambito, "
        "aiuta le famiglie in affitto sul mercato privato che faticano a pagare il canone, "
        "anche per una perdita di lavoro o una malattia. Il contributo viene versato al "
        "proprietario.",
        "outcome": "Fino a 4 mensilità di affitto, con un massimo di 3.000 € all'anno.",
        "costs": [("free", None, "", "")],
        "min_age": 18,
        "isee_max": "26000.00",
        "eligibility": "<p>Contratto di affitto registrato da almeno un anno; nessun alloggio "
        "di proprietà adeguato in Lombardia.</p>",
        "extra_documents": [
            ("Attestazione ISEE ordinario", ""),
            ("Contratto di affitto registrato", ""),
            ("Ricevute degli ultimi tre mesi di affitto", ""),
        ],
        "timing": "<p>Le domande si presentano durante l'apertura del bando annuale "
        "(di solito da marzo a maggio). La graduatoria esce entro 60 giorni dalla "
        "chiusura.</p>",
        "delivery": "sr",
    },
    {
        "slug": "sostegno-economico",
        "title": "Sostegno economico per famiglie in difficoltà",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["poverta-inclusione"],
        "audiences": ["persone-in-difficolta"],
        "summary": "Contributi una tantum o mensili per bollette, spese scolastiche e spese "
        "urgenti, dentro un progetto con l'assistente sociale.",
        "description": "Il contributo non è solo un aiuto economico: fa parte di un progetto "
        "che punta a uscire dalla difficoltà, con impegni concordati (ricerca di lavoro, "
        "corsi, gestione del bilancio familiare). Chi ha diritto all'Assegno di inclusione "
        "viene aiutato anche a chiederlo.",
        "outcome": "Un contributo da 100 a 500 € al mese per un massimo di 6 mesi, o il "
        "pagamento diretto di una spesa urgente.",
        "costs": [("free", None, "", "")],
        "min_age": 18,
        "isee_max": "9360.00",
        "extra_documents": [
            ("Attestazione ISEE ordinario", ""),
            ("Bollette o spese da pagare", "Se chiedi un aiuto per una spesa precisa."),
        ],
        "delivery": "s",
        "languages": ["it", "en", "fr", "ar", "ur", "wo"],
    },
    {
        "slug": "tutela-minori",
        "title": "Servizio tutela minori e famiglia",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["minori-famiglia"],
        "audiences": ["famiglie-con-minori", "bambini-e-ragazzi"],
        "summary": "Assistenti sociali e psicologi che proteggono i bambini e sostengono i "
        "genitori, anche su incarico del Tribunale.",
        "description": "L'équipe d'Ambito (assistenti sociali, psicologi ed educatori) "
        "interviene quando un bambino o un ragazzo è in una situazione di rischio o quando "
        "il Tribunale per i minorenni lo chiede. Lavora con la famiglia per rafforzare le "
        "capacità dei genitori, e in casi gravi organizza l'affido o l'accoglienza.",
        "outcome": "Un progetto di protezione e sostegno, con incontri regolari e verifiche "
        "condivise con la famiglia quando è possibile.",
        "costs": [("free", None, "", "")],
        "max_age": 17,
        "delivery": "hp",
        "points": [],
    },
    {
        "slug": "sportello-assistenti-familiari",
        "title": "Sportello assistenti familiari",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["anziani", "lavoro"],
        "audiences": ["caregiver", "anziani-over-65", "cittadini-stranieri"],
        "summary": "Aiuto per trovare e assumere in regola una badante, e per chi cerca "
        "lavoro come assistente familiare.",
        "description": "Lo sportello tiene un elenco di assistenti familiari con formazione "
        "verificata, aiuta le famiglie a scegliere e a preparare il contratto, e informa sui "
        "contributi regionali per chi assume in regola. Chi cerca lavoro può iscriversi "
        "all'elenco e frequentare un corso gratuito.",
        "outcome": "Una rosa di candidate o candidati, il contratto di lavoro pronto da "
        "firmare e le informazioni sui contributi.",
        "costs": [("free", None, "", "")],
        "residence": False,
        "delivery": "s",
        "languages": ["it", "ro", "uk", "es"],
    },
    {
        "slug": "servizio-inserimento-lavorativo",
        "title": "Servizio inserimento lavorativo (SIL)",
        "provider": "ufficio-di-piano",
        "route": "social",
        "needs": ["lavoro", "disabilita"],
        "audiences": ["persone-con-disabilita", "giovani-adulti"],
        "summary": "Percorsi personalizzati verso il lavoro per persone con disabilità o in "
        "carico ai servizi, con tirocini in azienda.",
        "description": "Gli operatori del SIL conoscono le aziende del territorio e le "
        "cooperative di tipo B. Valutano con te capacità e interessi, cercano un tirocinio "
        "adatto e ti accompagnano nei primi mesi, anche verso l'assunzione con il "
        "collocamento mirato (legge 68/1999).",
        "outcome": "Un tirocinio da 3 a 12 mesi con indennità mensile, tutor in azienda e "
        "verifiche regolari.",
        "costs": [("free", None, "", "")],
        "min_age": 16,
        "max_age": 64,
        "eligibility": "<p>Persone con invalidità civile almeno del 46% o seguite dai servizi "
        "sociali o sanitari.</p>",
        "extra_documents": [
            ("Verbale di invalidità civile", "Se presente."),
            ("Curriculum", "Anche semplice: ti aiutiamo a scriverlo."),
        ],
        "delivery": "p",
    },
    # --- Cooperative Aurora: home care for the elderly (accredited) ------------------------
    {
        "slug": "assistenza-domiciliare-accreditata-anziani",
        "title": "Assistenza domiciliare accreditata per anziani",
        "provider": "cooperativa-aurora",
        # Free choice: two more accredited cooperatives deliver it, shown side by side.
        "partners": ["cooperativa-primavera", "cooperativa-la-quercia"],
        "route": "voucher",
        "needs": ["anziani"],
        "audiences": ["anziani-over-65", "caregiver"],
        "summary": "Operatori qualificati a casa tua, con il voucher del Comune o a "
        "pagamento, anche la sera e il sabato.",
        "description": "La cooperativa garantisce lo stesso operatore nel tempo, sostituzioni "
        "in caso di assenza e una coordinatrice raggiungibile al telefono. Gli interventi "
        "comprendono igiene personale, alzata e messa a letto, aiuto nei pasti e nella cura "
        "della casa.",
        "outcome": "Le ore di assistenza concordate nel patto di servizio, dal lunedì al "
        "sabato dalle 7 alle 21.",
        "costs": [
            ("per_hour", "21.50", "ora", "Tariffa privata, IVA inclusa."),
            (
                "income_based",
                None,
                "ora",
                "Con il voucher paghi solo l'eventuale quota a tuo carico, secondo l'ISEE.",
            ),
        ],
        "min_age": 65,
        "delivery": "h",
        "languages": ["it", "ro", "es"],
        "municipalities": ["L319", "E665", "C273", "E104"],
    },
    {
        "slug": "bagno-assistito-a-domicilio",
        "title": "Bagno assistito a domicilio",
        "provider": "cooperativa-aurora",
        "route": "direct",
        "needs": ["anziani", "disabilita"],
        "audiences": ["anziani-over-65", "persone-con-disabilita"],
        "summary": "Due operatori ti aiutano a fare il bagno o la doccia in sicurezza, con "
        "ausili portati a casa.",
        "description": "Il servizio è pensato per chi non riesce più a lavarsi da solo in "
        "sicurezza. Gli operatori portano gli ausili necessari (sedia girevole, sollevatore) "
        "e insegnano ai familiari come fare tra un intervento e l'altro.",
        "outcome": "Un bagno completo di circa un'ora, con cadenza settimanale o quindicinale.",
        "costs": [("per_session", "28.00", "intervento", "")],
        "delivery": "h",
        "municipalities": ["L319", "E665", "C273", "E104", "L733"],
    },
    {
        "slug": "compagnia-e-commissioni",
        "title": "Compagnia e piccole commissioni",
        "provider": "cooperativa-aurora",
        "route": "direct",
        "needs": ["anziani"],
        "audiences": ["anziani-over-65", "caregiver"],
        "summary": "Qualcuno che passa a trovarti, ti accompagna a fare la spesa o in posta e "
        "fa due passi con te.",
        "description": "Un servizio leggero contro la solitudine: un operatore o un volontario "
        "formato passa a casa, fa compagnia, aiuta con la spesa, le ricette in farmacia, le "
        "bollette e le piccole commissioni.",
        "outcome": "Una o più visite a settimana di almeno un'ora, con la stessa persona.",
        "costs": [("per_hour", "16.00", "ora", "")],
        "residence": False,
        "delivery": "h",
        "points": ["tradate"],
    },
    # --- Cooperativa Girasole: children and families (accredited) -------------------------
    {
        "slug": "educativa-domiciliare-minori",
        "title": "Educativa domiciliare minori",
        "provider": "cooperativa-girasole",
        "route": "voucher",
        "needs": ["minori-famiglia"],
        "audiences": ["famiglie-con-minori", "bambini-e-ragazzi"],
        "summary": "Un educatore a casa per sostenere il bambino nei compiti, nelle relazioni "
        "e nell'autonomia, con il voucher del Comune.",
        "description": "L'educatore incontra il bambino o il ragazzo a casa o nel quartiere, "
        "lavora sugli obiettivi concordati con la famiglia e con la scuola (organizzazione "
        "dello studio, gestione delle emozioni, tempo libero) e fa il punto con i genitori "
        "ogni mese.",
        "outcome": "Da 2 a 6 ore a settimana di intervento educativo, per un anno scolastico.",
        "costs": [
            ("per_hour", "24.00", "ora", "Tariffa privata."),
            (
                "income_based",
                None,
                "ora",
                "Con il voucher la quota dipende dall'ISEE della famiglia.",
            ),
        ],
        "min_age": 3,
        "max_age": 17,
        "delivery": "h",
        "languages": ["it", "ar", "fr"],
    },
    {
        "slug": "spazio-compiti",
        "title": "Spazio compiti e doposcuola",
        "provider": "cooperativa-girasole",
        "route": "enrol",
        "needs": ["minori-famiglia"],
        "audiences": ["bambini-e-ragazzi", "famiglie-con-minori"],
        "summary": "Pomeriggi di studio assistito in piccoli gruppi per i ragazzi delle "
        "elementari e delle medie.",
        "description": "Educatori e volontari aiutano i ragazzi a fare i compiti, a "
        "organizzare lo studio e a recuperare le lacune. Dopo i compiti c'è spazio per il "
        "gioco. I gruppi sono di massimo 8 ragazzi per educatore.",
        "outcome": "Due o tre pomeriggi a settimana, dalle 14.30 alle 17, da ottobre a maggio.",
        "costs": [
            ("per_month", "60.00", "mese", ""),
            ("income_based", None, "mese", "Quota ridotta a 20 € con ISEE sotto 10.000 €."),
        ],
        "min_age": 6,
        "max_age": 14,
        "delivery": "p",
        "municipalities": ["C300", "E104", "C273"],
        "points": ["castiglione-olona"],
    },
    {
        "slug": "spazio-neutro",
        "title": "Spazio neutro per incontri protetti",
        "provider": "cooperativa-girasole",
        "route": "social",
        "needs": ["minori-famiglia"],
        "audiences": ["famiglie-con-minori", "bambini-e-ragazzi"],
        "summary": "Un luogo tutelato dove bambini e genitori separati si incontrano con un "
        "educatore presente.",
        "description": "Lo spazio neutro permette di mantenere o ricostruire il rapporto tra "
        "un bambino e un genitore che non vive con lui, quando il Tribunale o i servizi lo "
        "ritengono necessario. Gli incontri avvengono in una stanza accogliente, con un "
        "educatore che osserva e aiuta.",
        "outcome": "Incontri di un'ora, con la frequenza stabilita dal progetto, e relazioni "
        "periodiche ai servizi.",
        "costs": [("free", None, "", "A carico dei servizi sociali dell'Ambito.")],
        "max_age": 17,
        "delivery": "p",
        "points": [],
    },
    # --- Cooperativa Arcobaleno: disability (accredited) ----------------------------------
    {
        "slug": "centro-diurno-disabili-cdd",
        "title": "Centro diurno disabili (CDD)",
        "provider": "cooperativa-arcobaleno",
        "route": "social",
        "funding": "public",
        "needs": ["disabilita"],
        "audiences": ["persone-con-disabilita", "caregiver"],
        "summary": "Un centro aperto tutto il giorno per adulti con disabilità grave, con "
        "attività educative, riabilitative e di socializzazione.",
        "description": "Il CDD accoglie fino a 30 persone dal lunedì al venerdì. Educatori, "
        "infermieri e fisioterapisti propongono laboratori, attività motorie, uscite sul "
        "territorio e cura della persona. Il trasporto da casa è organizzato dal centro.",
        "outcome": "La frequenza al centro dalle 9 alle 16, con pranzo e trasporto compresi.",
        "costs": [
            (
                "income_based",
                None,
                "mese",
                "Retta da 0 a 400 € al mese secondo l'ISEE "
                "socio-sanitario; il resto lo pagano Comune e Regione.",
            )
        ],
        "min_age": 18,
        "max_age": 64,
        "eligibility": "<p>Disabilità grave certificata (legge 104/1992, articolo 3 comma 3).</p>",
        "extra_documents": [
            ("Verbale di invalidità e certificazione legge 104", ""),
            ("Attestazione ISEE socio-sanitario", ""),
        ],
        "timing": "<p>Dopo la valutazione c'è un periodo di prova di un mese. Se i posti sono "
        "esauriti, entri in lista d'attesa: ti diciamo la posizione.</p>",
        "delivery": "p",
    },
    {
        "slug": "sostegno-disabilita-a-domicilio",
        "title": "Sostegno educativo a domicilio per persone con disabilità",
        "provider": "cooperativa-arcobaleno",
        "route": "voucher",
        "needs": ["disabilita"],
        "audiences": ["persone-con-disabilita", "caregiver", "famiglie-con-minori"],
        "summary": "Un educatore a casa o fuori casa per lavorare sull'autonomia e dare "
        "respiro alla famiglia.",
        "description": "L'intervento si adatta all'età e ai bisogni: dai bambini, con giochi e "
        "attività per la comunicazione, agli adulti, con l'uso dei mezzi pubblici, la spesa, "
        "la gestione del denaro. L'educatore lavora in accordo con la neuropsichiatria o il "
        "servizio disabili dell'ASST.",
        "outcome": "Da 2 a 8 ore a settimana, anche nel fine settimana.",
        "costs": [
            ("per_hour", "23.00", "ora", "Tariffa privata."),
            ("income_based", None, "ora", "Con il voucher la quota dipende dall'ISEE."),
        ],
        "extra_documents": [("Verbale di invalidità o certificazione legge 104", "")],
        "delivery": "h",
        "languages": ["it", "sgn"],
    },
    {
        "slug": "laboratori-tempo-libero",
        "title": "Laboratori di tempo libero per ragazzi con disabilità",
        "provider": "cooperativa-arcobaleno",
        "route": "enrol",
        "needs": ["disabilita", "minori-famiglia"],
        "audiences": ["persone-con-disabilita", "bambini-e-ragazzi"],
        "summary": "Teatro, cucina, musica e sport il sabato pomeriggio, insieme ad altri ragazzi.",
        "description": "I laboratori sono un'occasione per stare con i coetanei, scoprire "
        "nuove passioni e dare ai genitori qualche ora libera. Ogni gruppo ha un educatore "
        "ogni tre ragazzi e, se serve, un operatore dedicato.",
        "outcome": "Un pomeriggio a settimana da ottobre a giugno, con la festa finale.",
        "costs": [("per_month", "45.00", "mese", "")],
        "min_age": 11,
        "max_age": 25,
        "residence": False,
        "delivery": "p",
        "points": ["venegono-inferiore"],
    },
    # --- Cooperativa Il Ponte: work --------------------------------------------------------
    {
        "slug": "tirocini-di-inclusione",
        "title": "Tirocini di inclusione sociale",
        "provider": "cooperativa-il-ponte",
        "route": "social",
        "funding": "public",
        "needs": ["lavoro", "poverta-inclusione"],
        "audiences": ["giovani-adulti", "persone-in-difficolta"],
        "summary": "Un'esperienza in azienda o in cooperativa, con indennità e tutor, per "
        "ripartire dopo un periodo difficile.",
        "description": "Il tirocinio di inclusione è pensato per chi è lontano dal lavoro da "
        "molto tempo o ha fragilità personali. Il tutor della cooperativa cerca l'azienda, "
        "prepara il progetto e ti segue ogni settimana.",
        "outcome": "Un tirocinio di 20 ore a settimana per 6 mesi, con un'indennità di "
        "350 € al mese.",
        "costs": [("free", None, "", "")],
        "min_age": 18,
        "max_age": 64,
        "delivery": "p",
        "languages": ["it", "en", "fr"],
    },
    {
        "slug": "orientamento-al-lavoro",
        "title": "Orientamento al lavoro e bilancio di competenze",
        "provider": "cooperativa-il-ponte",
        "route": "direct",
        "funding": "public",
        "needs": ["lavoro"],
        "audiences": ["giovani-adulti", "cittadini-stranieri"],
        "summary": "Colloqui per capire cosa sai fare, scrivere il curriculum e preparare un "
        "colloquio di lavoro.",
        "description": "Un orientatore ti aiuta a mettere in fila esperienze e competenze, "
        "anche quelle non scritte su un diploma, a scrivere un curriculum efficace e a "
        "cercare offerte sui canali giusti. Sono previste simulazioni di colloquio.",
        "outcome": "Quattro incontri individuali e un curriculum pronto da inviare.",
        "costs": [("free", None, "", "Finanziato dall'Ambito per i residenti.")],
        "min_age": 16,
        "delivery": "pr",
        "languages": ["it", "en", "fr", "es"],
        "points": ["vedano-olona", "tradate"],
    },
    {
        "slug": "laboratorio-occupazionale",
        "title": "Laboratorio occupazionale",
        "provider": "cooperativa-il-ponte",
        "route": "social",
        "funding": "public",
        "needs": ["lavoro", "disabilita", "salute-mentale"],
        "audiences": ["persone-con-disabilita", "giovani-adulti"],
        "summary": "Attività di assemblaggio, legatoria e orto in un laboratorio protetto, per "
        "imparare un ritmo di lavoro.",
        "description": "Il laboratorio accoglie persone che non sono ancora pronte per un "
        "tirocinio in azienda. Si lavora su commesse vere, con orari e regole, accompagnati "
        "da educatori e maestri d'arte.",
        "outcome": "Frequenza da 2 a 5 mattine a settimana, con un piccolo incentivo economico.",
        "costs": [
            (
                "per_month",
                "30.00",
                "mese",
                "Contributo per il pasto; esente con ISEE sotto 6.000 €.",
            )
        ],
        "min_age": 18,
        "delivery": "p",
        "municipalities": ["L703", "L734", "L733"],
    },
    # --- Cooperativa La Quercia: elderly (accredited) ------------------------------------
    {
        "slug": "sollievo-a-domicilio",
        "title": "Sollievo a domicilio per chi assiste un anziano",
        "provider": "cooperativa-la-quercia",
        "route": "voucher",
        "needs": ["anziani"],
        "audiences": ["caregiver", "anziani-over-65"],
        "summary": "Qualche ora di sostituzione a casa per il familiare che assiste: per "
        "riposare, fare una visita, uscire.",
        "description": "Il sollievo (respite) sostiene chi si prende cura ogni giorno di una "
        "persona anziana non autosufficiente o con demenza. Un operatore formato resta con la "
        "persona mentre il familiare si prende il suo tempo.",
        "outcome": "Fino a 8 ore a settimana di sostituzione, anche in blocchi di mezza giornata.",
        "costs": [
            ("per_hour", "20.00", "ora", "Tariffa privata."),
            ("income_based", None, "ora", "Con il voucher la quota dipende dall'ISEE."),
        ],
        "min_age": 65,
        "delivery": "h",
        "municipalities": ["L734", "L733", "C300", "L703"],
    },
    {
        "slug": "centro-diurno-anziani",
        "title": "Centro diurno integrato per anziani",
        "provider": "cooperativa-la-quercia",
        "route": "social",
        "funding": "public",
        "needs": ["anziani"],
        "audiences": ["anziani-over-65", "caregiver"],
        "summary": "Un centro aperto di giorno con assistenza, infermiere, fisioterapia e "
        "attività, per chi non può restare solo a casa.",
        "description": "Il centro accoglie anziani parzialmente non autosufficienti dal lunedì "
        "al venerdì. Offre colazione, pranzo e merenda, cura della persona, controllo della "
        "terapia, ginnastica e laboratori di memoria. È accreditato con Regione Lombardia.",
        "outcome": "Frequenza a giornata intera o mezza giornata, da 2 a 5 giorni a settimana.",
        "costs": [
            ("fixed", "38.00", "giornata", "Retta giornaliera intera."),
            ("fixed", "24.00", "mezza giornata", ""),
            (
                "income_based",
                None,
                "giornata",
                "Il Comune integra la retta con ISEE sotto 15.000 €.",
            ),
        ],
        "min_age": 65,
        "delivery": "p",
    },
    {
        "slug": "ginnastica-dolce-e-memoria",
        "title": "Ginnastica dolce e memoria per over 65",
        "provider": "cooperativa-la-quercia",
        "route": "enrol",
        "needs": ["anziani"],
        "audiences": ["anziani-over-65"],
        "summary": "Due mattine a settimana di movimento e giochi per la memoria, in gruppo, "
        "con un fisioterapista.",
        "description": "Il corso aiuta a mantenere l'equilibrio, la forza e l'agilità, e "
        "allena la memoria con esercizi e giochi. È anche un modo per conoscere persone "
        "nuove.",
        "outcome": "Due incontri di un'ora a settimana, da ottobre a maggio.",
        "costs": [("per_month", "25.00", "mese", "")],
        "min_age": 65,
        "residence": False,
        "is_active": False,
        "inactive_reason": "Il corso è al completo fino a maggio: le iscrizioni per il "
        "prossimo anno aprono a settembre.",
        "delivery": "p",
        "points": ["venegono-inferiore"],
    },
    # --- Cooperativa Sentieri: mental health ----------------------------------------------
    {
        "slug": "supporto-psicologico",
        "title": "Supporto psicologico individuale",
        "provider": "cooperativa-sentieri",
        "route": "direct",
        "needs": ["salute-mentale"],
        "audiences": ["giovani-adulti", "caregiver"],
        "summary": "Colloqui con uno psicologo per affrontare ansia, lutti, stress o un "
        "momento difficile, anche online.",
        "description": "Gli psicologi della cooperativa offrono un percorso breve di sostegno "
        "(fino a 10 colloqui) per adulti e ragazzi dai 14 anni. Se serve un percorso più "
        "lungo o una cura, ti aiutano a rivolgerti al Centro psico-sociale o al consultorio.",
        "outcome": "Un primo colloquio gratuito e poi colloqui settimanali di 50 minuti, in "
        "presenza o in videochiamata.",
        "costs": [
            ("per_session", "35.00", "colloquio", ""),
            (
                "income_based",
                None,
                "colloquio",
                "15 € con ISEE sotto 15.000 €, grazie al fondo dell'Ambito.",
            ),
        ],
        "min_age": 14,
        "residence": False,
        "delivery": "pr",
        "languages": ["it", "en", "es"],
        "points": ["tradate"],
    },
    {
        "slug": "gruppi-auto-mutuo-aiuto",
        "title": "Gruppi di auto mutuo aiuto",
        "provider": "cooperativa-sentieri",
        "route": "direct",
        "funding": "public",
        "needs": ["salute-mentale", "anziani"],
        "audiences": ["caregiver", "giovani-adulti"],
        "summary": "Incontri tra persone che vivono la stessa fatica: familiari di persone con "
        "demenza, lutto, ansia.",
        "description": "Nei gruppi di auto mutuo aiuto ci si ascolta e ci si sostiene a "
        "vicenda, con un facilitatore formato. I gruppi attivi sono tre: familiari di persone "
        "con demenza, elaborazione del lutto, ansia e attacchi di panico.",
        "outcome": "Un incontro ogni due settimane, la sera, in un gruppo di 8-12 persone.",
        "costs": [("free", None, "", "")],
        "residence": False,
        "min_age": 18,
        "delivery": "p",
        "points": ["tradate", "vedano-olona"],
    },
    {
        "slug": "residenzialita-leggera",
        "title": "Residenzialità leggera per la salute mentale",
        "provider": "cooperativa-sentieri",
        "route": "social",
        "funding": "public",
        "needs": ["salute-mentale", "casa"],
        "audiences": ["giovani-adulti"],
        "summary": "Appartamenti condivisi con il sostegno di educatori, per persone seguite "
        "dal Centro psico-sociale.",
        "description": "Gli appartamenti ospitano 2 o 3 persone che stanno costruendo la "
        "propria autonomia dopo un percorso di cura. Gli educatori passano ogni giorno e "
        "aiutano nella gestione della casa, del denaro e dei rapporti con il vicinato.",
        "outcome": "Un posto in appartamento per un progetto di 12-24 mesi, con verifiche "
        "ogni sei mesi.",
        "costs": [
            ("per_month", "250.00", "mese", "Quota per vitto e utenze."),
            ("income_based", None, "mese", "Ridotta in base al reddito personale."),
        ],
        "min_age": 18,
        "eligibility": "<p>Serve la proposta del Centro psico-sociale (CPS) che ti segue.</p>",
        "delivery": "p",
        "points": [],
    },
    # --- Cooperativa Il Faro: addictions --------------------------------------------------
    {
        "slug": "sportello-ascolto-dipendenze",
        "title": "Sportello di ascolto per le dipendenze",
        "provider": "cooperativa-il-faro",
        "route": "direct",
        "funding": "public",
        "needs": ["dipendenze"],
        "audiences": ["giovani-adulti", "caregiver", "famiglie-con-minori"],
        "summary": "Un colloquio riservato e gratuito per chi ha problemi con alcol, droghe o "
        "farmaci, e per i loro familiari.",
        "description": "Lo sportello è anonimo: non serve dare il tuo nome. Un educatore o uno "
        "psicologo ti ascolta, ti informa e, se vuoi, ti accompagna al SerD o a un gruppo. "
        "Anche i genitori preoccupati per un figlio sono i benvenuti.",
        "outcome": "Uno o più colloqui e, se lo desideri, l'accompagnamento a un servizio di cura.",
        "costs": [("free", None, "", "")],
        "residence": False,
        "delivery": "pr",
        "languages": ["it", "en"],
        "points": ["tradate"],
    },
    {
        "slug": "gioco-d-azzardo",
        "title": "Percorso per chi ha problemi con il gioco d'azzardo",
        "provider": "cooperativa-il-faro",
        "route": "direct",
        "funding": "public",
        "needs": ["dipendenze", "poverta-inclusione"],
        "audiences": ["giovani-adulti", "caregiver"],
        "summary": "Colloqui, gruppi e consulenza sui debiti per chi gioca troppo e per la "
        "sua famiglia.",
        "description": "Il percorso unisce il sostegno psicologico a una consulenza pratica: "
        "un esperto ti aiuta a fare il punto sui debiti, a proteggere il conto corrente e a "
        "trattare con le finanziarie. Il percorso è finanziato dal piano regionale contro il "
        "gioco d'azzardo patologico.",
        "outcome": "Dieci incontri individuali o di gruppo e una consulenza sui debiti.",
        "costs": [("free", None, "", "")],
        "min_age": 18,
        "residence": False,
        "delivery": "pr",
    },
    # --- Cooperativa Mosaico: inclusion ---------------------------------------------------
    {
        "slug": "mediazione-linguistico-culturale",
        "title": "Mediazione linguistico-culturale",
        "provider": "cooperativa-mosaico",
        "route": "direct",
        "funding": "public",
        "needs": ["poverta-inclusione", "minori-famiglia"],
        "audiences": ["cittadini-stranieri", "famiglie-con-minori"],
        "summary": "Un mediatore che parla la tua lingua ti accompagna a scuola, dal medico o "
        "agli uffici del Comune.",
        "description": "I mediatori aiutano a capire e a farsi capire: traducono nei colloqui "
        "con insegnanti, medici e assistenti sociali, e spiegano come funzionano i servizi "
        "in Italia. Il servizio si prenota anche tramite la scuola o il Social Point.",
        "outcome": "La presenza di un mediatore all'appuntamento, o una traduzione al telefono.",
        "costs": [("free", None, "", "Gratuito per i residenti: lo paga l'Ambito.")],
        "delivery": "psr",
        "languages": ["it", "ar", "ur", "wo", "sq", "ro", "uk", "zh", "fr", "en"],
    },
    {
        "slug": "corsi-di-italiano",
        "title": "Corsi di italiano per stranieri",
        "provider": "cooperativa-mosaico",
        "route": "enrol",
        "needs": ["poverta-inclusione", "lavoro"],
        "audiences": ["cittadini-stranieri"],
        "summary": "Corsi di italiano di ogni livello, anche per chi non sa leggere, con "
        "baby-sitting per le mamme.",
        "description": "I corsi vanno dall'alfabetizzazione al livello B1, utile per il "
        "permesso di soggiorno di lungo periodo e per il lavoro. Si tengono di mattina e di "
        "sera; durante le lezioni del mattino c'è uno spazio per i bambini piccoli.",
        "outcome": "Un corso di 60 ore con attestato finale di frequenza.",
        "costs": [("fixed", "20.00", "iscrizione", "Comprende il libro di testo.")],
        "min_age": 16,
        "residence": False,
        "delivery": "p",
        "languages": ["it", "ar", "en", "fr"],
        "points": ["tradate", "castiglione-olona"],
    },
    # --- Cooperativa La Rondine: transport and deliveries ---------------------------------
    {
        "slug": "accompagnamento-visite-mediche",
        "title": "Accompagnamento a visite mediche",
        "provider": "cooperativa-la-rondine",
        "route": "direct",
        "needs": ["anziani", "disabilita"],
        "audiences": ["anziani-over-65", "persone-con-disabilita"],
        "summary": "Un autista e un accompagnatore per andare a visite ed esami, anche in "
        "carrozzina, senza dipendere dai parenti.",
        "description": "Il servizio completa il trasporto sociale del Comune quando non ci "
        "sono posti o l'orario non va bene. L'accompagnatore ti aiuta all'accettazione e "
        "aspetta con te.",
        "outcome": "Andata e ritorno con attesa compresa fino a due ore.",
        "costs": [
            ("fixed", "8.00", "viaggio nel distretto", ""),
            ("fixed", "20.00", "viaggio fuori distretto", ""),
        ],
        "residence": False,
        "delivery": "h",
        "points": ["castiglione-olona"],
    },
    {
        "slug": "spesa-e-farmaci-a-domicilio",
        "title": "Spesa e farmaci a domicilio",
        "provider": "cooperativa-la-rondine",
        "route": "direct",
        "needs": ["anziani", "disabilita"],
        "audiences": ["anziani-over-65", "persone-con-disabilita"],
        "summary": "Detti la lista al telefono: la spesa e i farmaci ti arrivano a casa in "
        "giornata.",
        "description": "Chiami entro le 10, un operatore prende nota della spesa e passa in "
        "farmacia con la ricetta elettronica. Paghi alla consegna i prodotti, con lo "
        "scontrino, più il costo della consegna.",
        "outcome": "La consegna a casa nel pomeriggio dello stesso giorno, dal lunedì al sabato.",
        "costs": [("fixed", "4.00", "consegna", "Gratuita con ISEE sotto 8.000 €.")],
        "min_age": 65,
        "delivery": "h",
        "municipalities": ["C300", "L703", "E104", "C273"],
    },
    # --- Cooperativa Il Seme: childhood, summer camps (accredited) ------------------------
    {
        "slug": "centri-estivi",
        "title": "Centri estivi per bambini e ragazzi",
        "provider": "cooperativa-il-seme",
        "route": "enrol",
        "needs": ["minori-famiglia"],
        "audiences": ["bambini-e-ragazzi", "famiglie-con-minori"],
        "summary": "Da metà giugno a fine agosto: giochi, gite, piscina e compiti delle "
        "vacanze, a settimane.",
        "description": "I centri estivi si svolgono in 4 sedi dell'Ambito, dalle 8 alle 17 "
        "con pranzo. Sono accolti anche bambini con disabilità, con un educatore di supporto "
        "pagato dal Comune.",
        "outcome": "Le settimane scelte, con pranzo, merenda, gite e piscina compresi.",
        "costs": [
            ("fixed", "85.00", "settimana", "Tariffa piena, pasti compresi."),
            (
                "income_based",
                None,
                "settimana",
                "Dal 2° figlio sconto del 20%; con ISEE sotto 15.000 € la settimana costa 40 €.",
            ),
        ],
        "min_age": 3,
        "max_age": 14,
        "timing": "<p>Le iscrizioni aprono ad aprile e chiudono il 31 maggio. Le settimane "
        "vanno dal 15 giugno al 28 agosto.</p>",
        "delivery": "p",
        "languages": ["it", "en"],
    },
    {
        "slug": "spazio-gioco-prima-infanzia",
        "title": "Spazio gioco prima infanzia",
        "provider": "cooperativa-il-seme",
        "route": "enrol",
        "needs": ["minori-famiglia"],
        "audiences": ["famiglie-con-minori", "bambini-e-ragazzi"],
        "summary": "Mattine di gioco per bambini da 1 a 3 anni, con un genitore o un nonno, "
        "guidate da educatrici.",
        "description": "Lo spazio gioco è un'alternativa leggera al nido: i bambini giocano "
        "con i coetanei e gli adulti che li accompagnano si confrontano tra loro e con le "
        "educatrici.",
        "outcome": "Due o tre mattine a settimana, dalle 9.30 alle 12, da settembre a giugno.",
        "costs": [("per_month", "90.00", "mese", "")],
        "min_age": 1,
        "max_age": 3,
        "delivery": "p",
        "municipalities": ["L319", "L733", "L734"],
        "points": ["tradate"],
    },
    # --- Cooperativa Insieme: families ---------------------------------------------------
    {
        "slug": "consulenza-familiare",
        "title": "Consulenza familiare e di coppia",
        "provider": "cooperativa-insieme",
        "route": "direct",
        "needs": ["minori-famiglia", "salute-mentale"],
        "audiences": ["famiglie-con-minori", "giovani-adulti"],
        "summary": "Colloqui per coppie e genitori nei momenti di crisi, di separazione o di "
        "fatica con i figli adolescenti.",
        "description": "Consulenti familiari e psicologi aiutano a ritrovare il dialogo, a "
        "gestire una separazione mettendo al centro i figli, ad affrontare i conflitti con "
        "un figlio adolescente.",
        "outcome": "Un ciclo di 6-8 colloqui, in coppia o con un solo genitore.",
        "costs": [
            ("per_session", "40.00", "colloquio", ""),
            ("income_based", None, "colloquio", "20 € con ISEE sotto 20.000 €."),
        ],
        "min_age": 18,
        "residence": False,
        "delivery": "pr",
        "points": ["vedano-olona"],
    },
    {
        "slug": "gruppi-sostegno-genitorialita",
        "title": "Gruppi di sostegno alla genitorialità",
        "provider": "cooperativa-insieme",
        "route": "enrol",
        "funding": "public",
        "needs": ["minori-famiglia"],
        "audiences": ["famiglie-con-minori"],
        "summary": "Incontri serali per genitori di bambini piccoli e di adolescenti: regole, "
        "emozioni, schermi, scuola.",
        "description": "Ogni ciclo affronta un tema con uno psicologo e lascia spazio alle "
        "domande dei genitori. Durante gli incontri c'è un servizio di custodia per i "
        "bambini.",
        "outcome": "Un ciclo di 5 incontri serali di due ore.",
        "costs": [("free", None, "", "")],
        "residence": False,
        "is_active": False,
        "inactive_reason": "Il prossimo ciclo di incontri parte a gennaio: le iscrizioni "
        "aprono a dicembre.",
        "delivery": "p",
        "points": ["vedano-olona"],
    },
    # --- Cooperativa Valle Olona: housing -------------------------------------------------
    {
        "slug": "housing-sociale-temporaneo",
        "title": "Housing sociale temporaneo",
        "provider": "cooperativa-valle-olona",
        "route": "social",
        "funding": "public",
        "needs": ["casa", "poverta-inclusione"],
        "audiences": ["persone-in-difficolta", "famiglie-con-minori"],
        "summary": "Un alloggio a canone calmierato per un periodo, per chi ha perso la casa "
        "o rischia di perderla.",
        "description": "La cooperativa gestisce 12 alloggi arredati nei comuni dell'Ambito. "
        "Chi entra firma un patto: un canone sostenibile, la ricerca di una casa stabile e "
        "incontri regolari con un educatore.",
        "outcome": "Un alloggio per un periodo da 6 a 18 mesi e l'accompagnamento verso una "
        "casa stabile.",
        "costs": [
            ("per_month", "200.00", "mese", "Canone comprensivo di spese."),
            ("income_based", None, "mese", "Il canone si riduce fino a 80 € in base all'ISEE."),
        ],
        "min_age": 18,
        "isee_max": "16000.00",
        "extra_documents": [
            ("Attestazione ISEE ordinario", ""),
            ("Eventuale provvedimento di sfratto", ""),
        ],
        "delivery": "p",
    },
    {
        "slug": "accompagnamento-all-abitare",
        "title": "Accompagnamento all'abitare",
        "provider": "cooperativa-valle-olona",
        "route": "direct",
        "funding": "public",
        "needs": ["casa"],
        "audiences": ["persone-in-difficolta", "cittadini-stranieri", "giovani-adulti"],
        "summary": "Aiuto a cercare casa in affitto, a capire il contratto e a chiedere i "
        "contributi.",
        "description": "Un operatore ti aiuta a cercare annunci, a presentarti ai proprietari, "
        "a leggere il contratto e a conoscere i diritti e i doveri dell'inquilino. Se serve, "
        "fa da garante con l'agenzia per la locazione dell'Ambito.",
        "outcome": "Incontri individuali fino alla firma del contratto, e una verifica dopo "
        "tre mesi.",
        "costs": [("free", None, "", "")],
        "delivery": "ps",
        "languages": ["it", "ar", "en", "fr"],
    },
    # --- Cooperativa Orizzonti: disability (accredited) -----------------------------------
    {
        "slug": "assistenza-domiciliare-disabili",
        "title": "Assistenza domiciliare per persone con disabilità",
        "provider": "cooperativa-orizzonti",
        "route": "voucher",
        "needs": ["disabilita"],
        "audiences": ["persone-con-disabilita", "caregiver"],
        "summary": "Operatori a casa per la cura della persona, gli spostamenti e la vita "
        "quotidiana, con il voucher del Comune.",
        "description": "Gli operatori, formati sull'uso degli ausili e sulla movimentazione, "
        "aiutano nell'igiene, nei trasferimenti letto-carrozzina, nei pasti e nelle uscite. "
        "Il progetto è costruito con la persona, secondo il modello di vita indipendente.",
        "outcome": "Le ore concordate nel patto di servizio, dal lunedì alla domenica.",
        "costs": [
            ("per_hour", "22.00", "ora", "Tariffa privata."),
            ("income_based", None, "ora", "Con il voucher la quota dipende dall'ISEE."),
        ],
        "min_age": 18,
        "extra_documents": [("Verbale di invalidità o certificazione legge 104", "")],
        "delivery": "h",
        "languages": ["it", "ro", "sgn"],
    },
    {
        "slug": "weekend-di-autonomia",
        "title": "Weekend di autonomia per giovani con disabilità",
        "provider": "cooperativa-orizzonti",
        "route": "enrol",
        "needs": ["disabilita"],
        "audiences": ["persone-con-disabilita", "caregiver"],
        "summary": "Un fine settimana al mese in un appartamento, con educatori, per "
        "allenarsi a vivere lontano dai genitori.",
        "description": "Piccoli gruppi di 4 giovani passano il weekend insieme: fanno la "
        'spesa, cucinano, escono la sera. È un primo passo verso il "dopo di noi" e un '
        "sollievo per le famiglie.",
        "outcome": "Un weekend al mese, dal venerdì sera alla domenica pomeriggio.",
        "costs": [
            ("fixed", "120.00", "weekend", "Vitto e attività compresi."),
            (
                "income_based",
                None,
                "weekend",
                'Fondo "dopo di noi": quota ridotta con ISEE sotto 25.000 €.',
            ),
        ],
        "min_age": 18,
        "max_age": 40,
        "delivery": "p",
    },
    # --- Cooperativa Primavera: respite and night care (accredited) -----------------------
    {
        "slug": "ricoveri-di-sollievo",
        "title": "Ricoveri di sollievo",
        "provider": "cooperativa-primavera",
        "route": "social",
        "funding": "public",
        "needs": ["anziani"],
        "audiences": ["caregiver", "anziani-over-65"],
        "summary": "Un breve soggiorno in struttura per l'anziano, quando chi lo assiste ha "
        "bisogno di una pausa o di curarsi.",
        "description": "La cooperativa mette a disposizione 4 posti in una comunità alloggio "
        "per soggiorni da una a quattro settimane. L'anziano riceve assistenza giorno e "
        "notte, e il familiare può riposare, curarsi o partire sereno.",
        "outcome": "Un soggiorno da 7 a 28 giorni all'anno, con assistenza continuativa.",
        "costs": [
            ("fixed", "75.00", "giorno", "Retta giornaliera."),
            (
                "income_based",
                None,
                "giorno",
                "Il Comune integra la retta con ISEE socio-sanitario sotto 20.000 €.",
            ),
        ],
        "min_age": 65,
        "timing": "<p>Prenota almeno 30 giorni prima; per le urgenze (ricovero del "
        "familiare) il posto viene trovato entro 3 giorni.</p>",
        "delivery": "p",
    },
    {
        "slug": "assistenza-notturna",
        "title": "Assistenza notturna a domicilio",
        "provider": "cooperativa-primavera",
        "route": "voucher",
        "needs": ["anziani", "disabilita"],
        "audiences": ["anziani-over-65", "caregiver"],
        "summary": "Un operatore a casa di notte, per chi si sveglia spesso o non può restare "
        "solo, con il voucher del Comune.",
        "description": "L'operatore arriva la sera, aiuta nella messa a letto, veglia e "
        "interviene durante la notte, prepara la colazione al mattino. È pensato per le "
        "famiglie che di giorno ce la fanno ma di notte non riescono più a riposare.",
        "outcome": "Da una a sette notti a settimana, dalle 21 alle 7.",
        "costs": [
            ("per_hour", "19.00", "ora", "Tariffa privata; una notte intera costa 150 €."),
            ("income_based", None, "ora", "Con il voucher la quota dipende dall'ISEE."),
        ],
        "min_age": 65,
        "delivery": "h",
        "languages": ["it", "ro", "uk"],
        "municipalities": ["L733", "L734", "L319", "L703"],
    },
]

# Services the editors put on the home page, in order.
FEATURED_SERVICES = [
    "assistenza-domiciliare-anziani-sad",
    "voucher-domiciliarita",
    "educativa-domiciliare-minori",
    "supporto-psicologico",
    "centri-estivi",
    "pasti-a-domicilio",
]

# Guides: a StreamField body as (block type, value) pairs and the services they point to.
GUIDES = [
    {
        "slug": "come-registrarsi-al-portale",
        "title": "Come registrarsi al portale",
        "summary": "Cosa serve per creare il tuo profilo e chiedere i servizi online, da solo "
        "o con l'aiuto di un Social Point.",
        "body": [
            (
                "paragraph",
                "<p>Con il profilo sul portale puoi chiedere i servizi dell'Ambito, "
                "seguire le tue richieste e ricevere le risposte senza andare in Comune.</p>",
            ),
            ("heading", {"text": "Cosa ti serve"}),
            (
                "paragraph",
                "<ul><li>il tuo codice fiscale;</li><li>un indirizzo email o un "
                "numero di cellulare;</li><li>il Comune dove sei residente.</li></ul>",
            ),
            ("heading", {"text": "I passi"}),
            (
                "steps",
                {
                    "steps": [
                        "Apri il portale e scegli «Registrati» in alto a destra.",
                        "Scrivi nome, cognome, codice fiscale, data di nascita e Comune.",
                        "Leggi l'informativa sulla privacy e dai il consenso.",
                        "Apri il messaggio che ricevi per email e conferma l'indirizzo.",
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Non hai un'email o non te la senti?",
                    "text": "<p>Vai in un Social Point con un documento d'identità e la "
                    "tessera sanitaria: l'operatore ti registra e ti consegna le "
                    "credenziali.</p>",
                },
            ),
            (
                "question_answer",
                {
                    "question": "Posso registrare un mio familiare?",
                    "answer": "<p>Sì, se ti ha delegato: porta al Social Point "
                    "la delega firmata e una copia del suo documento.</p>",
                },
            ),
        ],
        "related": ["segretariato-sociale", "voucher-domiciliarita"],
    },
    {
        "slug": "come-funziona-il-voucher-per-la-domiciliarita",
        "title": "Come funziona il voucher per la domiciliarità",
        "summary": "Chi può averlo, quanto vale e come si sceglie l'ente accreditato che "
        "presta l'assistenza a casa.",
        "body": [
            (
                "paragraph",
                "<p>Il voucher è un buono del Comune che paga, in tutto o in parte, "
                "l'assistenza a domicilio di un ente accreditato. Sei tu a scegliere l'ente.</p>",
            ),
            ("heading", {"text": "Chi può chiederlo"}),
            (
                "paragraph",
                "<p>Le persone residenti nell'Ambito di Tradate che hanno bisogno di "
                "aiuto a casa: anziani, persone con disabilità, famiglie con figli minori. "
                "L'ISEE non deve superare 30.000 €.</p>",
            ),
            ("heading", {"text": "Come si ottiene"}),
            (
                "steps",
                {
                    "steps": [
                        "Fai la richiesta online, in un Social Point o in Comune.",
                        "L'assistente sociale valuta il bisogno e fissa il valore del voucher.",
                        "Scegli l'ente accreditato nell'elenco degli enti del portale.",
                        "Firmi il patto di servizio con l'ente e l'assistenza parte.",
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Attenzione alla scadenza",
                    "text": "<p>Il voucher vale 6 mesi. Un mese prima della scadenza "
                    "l'assistente sociale ti contatta per il rinnovo.</p>",
                },
            ),
            (
                "question_answer",
                {
                    "question": "Posso cambiare ente?",
                    "answer": "<p>Sì, con un preavviso di 15 giorni, scrivendo "
                    "all'assistente sociale.</p>",
                },
            ),
            (
                "question_answer",
                {
                    "question": "E se l'ente che voglio non è accreditato?",
                    "answer": "<p>Il voucher si usa solo con gli enti "
                    "accreditati; puoi sempre acquistare il servizio "
                    "privatamente.</p>",
                },
            ),
        ],
        "related": [
            "voucher-domiciliarita",
            "assistenza-domiciliare-accreditata-anziani",
            "educativa-domiciliare-minori",
            "sollievo-a-domicilio",
        ],
    },
    {
        "slug": "cosa-fa-un-social-point",
        "title": "Cosa fa un Social Point",
        "summary": "Gli sportelli dove un operatore ti aiuta a registrarti, a chiedere un "
        "servizio e a seguire la pratica.",
        "body": [
            (
                "paragraph",
                "<p>I Social Point sono sportelli dei Comuni dell'Ambito. Sono "
                "pensati per chi non usa internet, per chi non parla bene l'italiano e per chi "
                "preferisce parlare con una persona.</p>",
            ),
            ("heading", {"text": "Cosa puoi fare al Social Point"}),
            (
                "paragraph",
                "<ul><li>registrarti al portale e ricevere le credenziali;</li>"
                "<li>chiedere un servizio con l'aiuto di un operatore;</li><li>sapere a che "
                "punto è una richiesta;</li><li>avere informazioni su contributi e "
                "bandi.</li></ul>",
            ),
            (
                "callout",
                {
                    "kind": "info",
                    "title": "Dove sono",
                    "text": "<p>A Tradate, Castiglione Olona, Venegono Inferiore e Vedano "
                    "Olona. Orari e indirizzi sono nella sezione Social Point.</p>",
                },
            ),
            (
                "question_answer",
                {
                    "question": "Serve l'appuntamento?",
                    "answer": "<p>No, ma per le pratiche lunghe conviene "
                    "prenotare per telefono.</p>",
                },
            ),
            (
                "question_answer",
                {
                    "question": "Parlano altre lingue?",
                    "answer": "<p>Ogni Social Point indica le lingue parlate; "
                    "su richiesta è presente un mediatore culturale.</p>",
                },
            ),
        ],
        "related": ["segretariato-sociale", "mediazione-linguistico-culturale"],
    },
    {
        "slug": "come-seguire-una-richiesta",
        "title": "Come seguire una richiesta",
        "summary": "Cosa vogliono dire gli stati di una richiesta e cosa fare se la risposta "
        "tarda.",
        "body": [
            (
                "paragraph",
                "<p>Ogni richiesta ha un numero, ad esempio RW-2026-000042, e uno "
                "stato che trovi nella tua area personale.</p>",
            ),
            ("heading", {"text": "Gli stati della richiesta"}),
            (
                "steps",
                {
                    "steps": [
                        "Inviata: la richiesta è arrivata all'Ambito.",
                        "In valutazione: un operatore la sta leggendo e può contattarti.",
                        "Assegnata: è stata affidata all'ente che presta il servizio.",
                        "Accettata e in corso: l'ente ti ha contattato e il servizio è partito.",
                        "Completata: il servizio è concluso.",
                    ]
                },
            ),
            (
                "callout",
                {
                    "kind": "warning",
                    "title": "Nessuna risposta dopo 10 giorni?",
                    "text": "<p>Scrivi all'Ufficio di Piano indicando il numero della "
                    "richiesta, o passa da un Social Point.</p>",
                },
            ),
            (
                "question_answer",
                {
                    "question": "Posso ritirare una richiesta?",
                    "answer": "<p>Sì, finché l'ente non l'ha accettata: trovi il "
                    "pulsante «Ritira» nella pagina della richiesta.</p>",
                },
            ),
        ],
        "related": ["segretariato-sociale"],
    },
]

# «Parole usate dai cittadini»: how people who ask for help name what they live, as a
# social worker hears it at the desk (illnesses, conditions, life events, misspellings, the
# words of people who came from abroad). Searched with the titles, never shown.
NEED_WORDS = {
    "anziani": "vecchio, vecchia, vecchi, nonno, nonna, nonni, mamma anziana, papà anziano, "
    "padre anziano, madre anziana, pensionato, pensionata, terza età, non autosufficiente, "
    "invecchiamento, fragile, fragilità, vive solo, vive sola, solitudine, caduta, "
    "Alzheimer, alzaimer, demenza senile, Parkinson, ictus, badante, anzziani, old people",
    "disabilita": "handicap, handicappato, invalido, invalidità, disabile, carrozzina, "
    "sedia a rotelle, cieco, non vedente, sordo, non udente, autismo, autistico, sindrome di "
    "Down, ritardo mentale, disabilità intellettiva, paralisi, legge 104, accompagnamento, "
    "disabilita, disability",
    "minori-famiglia": "figli, figlio, figlia, bambino, bambini, bimbo, neonato, ragazzo, "
    "ragazza, adolescente, genitori, mamma, papà, famiglia, scuola, compiti, asilo, "
    "separazione, divorzio, affido, children, kids",
    "salute-mentale": "depressione, depresso, ansia, attacchi di panico, stress, esaurimento, "
    "psicologo, psichiatra, disturbo, bipolare, schizofrenia, lutto, tristezza, "
    "non dormo, insonnia, suicidio, crisi, mental health",
    "lavoro": "disoccupato, disoccupata, disoccupazione, licenziato, licenziata, perso il "
    "lavoro, cerco lavoro, impiego, occupazione, curriculum, cv, stage, tirocinio, "
    "centro per l'impiego, job, work, lavorare",
    "casa": "affitto, sfratto, sfrattato, alloggio, appartamento, casa popolare, Aler, "
    "senza casa, senzatetto, homeless, bollette, mutuo, padrone di casa, housing, abitazione",
    "poverta-inclusione": "povero, povertà, poveri, soldi, non arrivo a fine mese, debiti, "
    "bollette, assegno di inclusione, reddito di cittadinanza, pacco alimentare, mangiare, "
    "straniero, immigrato, permesso di soggiorno, money, help",
    "dipendenze": "alcol, alcool, alcolista, alcolizzato, alcolismo, beve, bere, ubriaco, "
    "droga, droghe, drogato, cocaina, eroina, cannabis, canne, tossicodipendente, "
    "tossicodipendenza, SerD, Sert, gioco d'azzardo, slot, gratta e vinci, scommesse, "
    "ludopatia, dipendenza, farmaci, fumo",
}

AUDIENCE_WORDS = {
    "anziani-over-65": "anziano, anziana, vecchio, vecchia, nonno, nonna, pensionato, "
    "over 65, terza età",
    "persone-con-disabilita": "disabile, disabili, invalido, invalida, handicappato, carrozzina",
    "famiglie-con-minori": "genitori, mamma, papà, figli, famiglia, famiglie",
    "bambini-e-ragazzi": "bambino, bambina, bimbo, bimbi, ragazzo, ragazza, adolescente, "
    "minorenne, figlio, figlia",
    "giovani-adulti": "giovane, adulto, adulta, ragazzo, ragazza",
    "caregiver": "familiare, figlio che assiste, figlia che assiste, moglie, marito, "
    "assisto mia madre, assisto mio padre, prendersi cura",
    "persone-in-difficolta": "povero, povera, difficoltà economiche, senza soldi, disoccupato",
    "cittadini-stranieri": "straniero, straniera, immigrato, immigrata, extracomunitario, "
    "profugo, rifugiato, migrante, foreigner, étranger",
}

SERVICE_WORDS = {
    "segretariato-sociale": "assistente sociale, servizi sociali, a chi mi rivolgo, "
    "informazioni, non so cosa fare, orientamento, aiuto, pratiche, domanda, bonus, INPS, "
    "assistenta sociale, help desk",
    "assistenza-domiciliare-anziani-sad": "badante del comune, aiuto in casa, lavarsi, "
    "igiene personale, pulizie, non ce la fa da solo, vive solo, non esce di casa, "
    "allettato, anziano solo, OSS, ASA, assistenza domicigliare, home care",
    "pasti-a-domicilio": "pranzo, mangiare, cibo, pasto caldo, non cucina più, non riesce a "
    "cucinare, dieta, diabete, diabetico, masticare, meals, food",
    "trasporto-sociale": "passaggio, macchina, auto, accompagnamento, non guida, ospedale, "
    "dialisi, chemioterapia, terapie, visite, pulmino, carrozzina, transport",
    "telesoccorso": "caduta, cadere, caduto, cade, è caduto, cadute, allarme, pulsante, "
    "emergenza, malore, sola in casa, solo in casa, braccialetto, telesocorso, "
    "teleassistenza, vive solo",
    "voucher-domiciliarita": "buono, bonus, contributo, pagare la badante, aiuto economico "
    "per l'assistenza, vaucher, vocher, buono servizio",
    "assistenza-domiciliare-minori-adm": "educatore, figlio difficile, problemi con i figli, "
    "figlio che non ubbidisce, genitori in difficoltà, adolescente ribelle",
    "contributo-affitto": "affitto, non riesco a pagare l'affitto, sfratto, morosità, "
    "canone, padrone di casa, bonus affitto, afitto, rent",
    "sostegno-economico": "soldi, non arrivo a fine mese, bollette, luce, gas, spese, "
    "debiti, povertà, povero, contributo economico, sussidio, assegno, aiuto economico, "
    "money",
    "tutela-minori": "tribunale, maltrattamento, violenza sui bambini, abuso, affido, "
    "protezione dei bambini, allontanamento",
    "sportello-assistenti-familiari": "badante, badanti, colf, assumere una badante, "
    "cercare una badante, contratto badante, lavoro come badante, caregiver familiare, "
    "assistente familiare, badande",
    "servizio-inserimento-lavorativo": "lavoro per disabili, collocamento mirato, "
    "categorie protette, invalidità, cerco lavoro, legge 68",
    "assistenza-domiciliare-accreditata-anziani": "badante, aiuto in casa, lavarsi, "
    "alzarsi dal letto, mettere a letto, igiene, vive solo, non esce di casa, operatrice, "
    "assistenza a casa",
    "bagno-assistito-a-domicilio": "lavarsi, doccia, vasca, igiene, non riesce a lavarsi, "
    "bagno, pulizia personale",
    "compagnia-e-commissioni": "solitudine, solo, sola, isolato, nessuno con cui parlare, "
    "compagnia, non esce più di casa, non esce di casa, spesa, posta, passeggiata, "
    "volontario, lonely",
    "educativa-domiciliare-minori": "educatore, compiti, figlio iperattivo, ADHD, DSA, "
    "dislessia, problemi a scuola, bocciato",
    "spazio-compiti": "doposcuola, compiti, studiare, ripetizioni, aiuto compiti, "
    "scuola media, elementari, homework",
    "spazio-neutro": "incontri protetti, papà separato, mamma separata, vedere i figli, "
    "separazione, divorzio, affido, tribunale",
    "centro-diurno-disabili-cdd": "centro diurno, disabile grave, disabilità grave, "
    "dopo la scuola, cosa fa di giorno, CDD, centro per disabili",
    "sostegno-disabilita-a-domicilio": "educatore, autismo, autistico, sindrome di Down, "
    "figlio disabile, autonomia",
    "laboratori-tempo-libero": "tempo libero, sabato, attività, sport, teatro, musica, "
    "figlio disabile, ragazzo disabile, divertimento, amici",
    "tirocini-di-inclusione": "tirocinio, borsa lavoro, ricominciare, lavoro, stage, "
    "uscito dal carcere, ex detenuto",
    "orientamento-al-lavoro": "curriculum, cv, cerco lavoro, colloquio di lavoro, "
    "disoccupato, licenziato, perso il lavoro, cercare lavoro, job, trovare lavoro",
    "laboratorio-occupazionale": "laboratorio protetto, lavoretti, occupazione, disabile, fragile",
    "sollievo-a-domicilio": "sollievo, stanco, stanca, esaurito, non ce la faccio più, "
    "pausa, riposo, sostituto, assisto mia madre, assisto mio padre, demenza, Alzheimer, "
    "respite, caregiver",
    "centro-diurno-anziani": "centro diurno, CDI, di giorno, Alzheimer, demenza, "
    "non può stare solo, anziano solo, socializzazione",
    "ginnastica-dolce-e-memoria": "ginnastica, memoria, movimento, attività fisica, "
    "perdita di memoria, dimentica, smemorato, corso per anziani",
    "supporto-psicologico": "psicologo, psicologa, ansia, depressione, depresso, depressa, "
    "stress, lutto, attacchi di panico, tristezza, piango sempre, non dormo, insonnia, "
    "psicoterapia, terapia, sicologo, psychologist",
    "gruppi-auto-mutuo-aiuto": "gruppo, auto aiuto, mutuo aiuto, lutto, morto, vedova, "
    "vedovo, Alzheimer, demenza, ansia, panico, condividere",
    "residenzialita-leggera": "CPS, psichiatria, malattia mentale, schizofrenia, "
    "bipolare, appartamento, comunità",
    "sportello-ascolto-dipendenze": "alcol, alcool, alcolista, alcolizzato, beve troppo, "
    "bere, ubriaco, droga, drogato, cocaina, eroina, canne, cannabis, tossicodipendente, "
    "SerD, Sert, figlio che si droga, marito che beve, farmaci, alcolismo",
    "gioco-d-azzardo": "slot, slot machine, macchinette, gratta e vinci, scommesse, "
    "ludopatia, gioca troppo, debiti di gioco, casinò, poker online, azardo, gambling",
    "mediazione-linguistico-culturale": "traduttore, interprete, traduzione, non parlo "
    "italiano, lingua, arabo, albanese, rumeno, ucraino, cinese, straniero, immigrato, "
    "mediatore, translator, interprète",
    "corsi-di-italiano": "imparare l'italiano, scuola di italiano, lingua italiana, "
    "alfabetizzazione, permesso di soggiorno, straniero, immigrato, corso di lingua, "
    "italian course, cours d'italien, italiano per stranieri",
    "accompagnamento-visite-mediche": "visita, ospedale, esami, medico, accompagnare, "
    "dialisi, chemioterapia, autista, passaggio, carrozzina",
    "spesa-e-farmaci-a-domicilio": "spesa, farmacia, medicine, medicinali, farmaci, "
    "consegna, non esce di casa, non esce più di casa, supermercato, ricetta",
    "centri-estivi": "estate, vacanze, centro estivo, grest, campo estivo, piscina, "
    "bambini d'estate, summer camp",
    "spazio-gioco-prima-infanzia": "nido, asilo nido, bimbo piccolo, neonato, gioco, "
    "prima infanzia, mamma, nonno",
    "consulenza-familiare": "coppia, litigi, crisi di coppia, separazione, divorzio, "
    "marito, moglie, figlio adolescente, consultorio, consulente familiare",
    "gruppi-sostegno-genitorialita": "genitori, mamma, papà, figli, regole, educare, "
    "adolescenti, smartphone, schermi",
    "housing-sociale-temporaneo": "senza casa, perso la casa, sfratto, sfrattato, "
    "alloggio, casa temporanea, dormire, senzatetto, homeless, emergenza abitativa",
    "accompagnamento-all-abitare": "cercare casa, trovare casa, affitto, contratto, "
    "agenzia, padrone di casa, appartamento, casa in affitto",
    "assistenza-domiciliare-disabili": "badante, aiuto in casa, lavarsi, carrozzina, "
    "disabile, invalido, vita indipendente, tetraplegico, paraplegico, SLA, sclerosi",
    "weekend-di-autonomia": "dopo di noi, autonomia, vivere da solo, fine settimana, "
    "figlio disabile, ragazzo disabile",
    "ricoveri-di-sollievo": "ricovero, RSA, casa di riposo, sollievo, vacanza, ferie, "
    "badante in ferie, pausa, struttura, ospizio",
    "assistenza-notturna": "notte, di notte, non dorme, si sveglia, badante di notte, "
    "veglia, insonnia, demenza, Alzheimer",
}
