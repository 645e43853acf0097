"""Everyday queries, written from the citizen's side, with the services a social worker
would accept for each (by slug). The search test measures the share with an accepted service
among the first three results. Add every miss you find, with the services that fit.
"""

SAD = "assistenza-domiciliare-anziani-sad"
SAD_ACCREDITED = "assistenza-domiciliare-accreditata-anziani"
HOME_CARE = {SAD, SAD_ACCREDITED, "voucher-domiciliarita"}
ADDICTION = {"sportello-ascolto-dipendenze"}
PSYCHOLOGY = {"supporto-psicologico", "gruppi-auto-mutuo-aiuto"}
RENT = {"contributo-affitto", "housing-sociale-temporaneo", "accompagnamento-all-abitare"}
MONEY = {"sostegno-economico", "segretariato-sociale"}
JOB = {
    "orientamento-al-lavoro",
    "tirocini-di-inclusione",
    "servizio-inserimento-lavorativo",
    "laboratorio-occupazionale",
}
CARER_RELIEF = {"sollievo-a-domicilio", "ricoveri-di-sollievo", "centro-diurno-anziani"}
DEMENTIA = CARER_RELIEF | {"gruppi-auto-mutuo-aiuto", "assistenza-notturna"}
LANGUAGE = {"mediazione-linguistico-culturale", "corsi-di-italiano"}

QUERIES = [
    # older people and those who look after them
    (
        "mio padre è caduto e da allora non esce più di casa",
        HOME_CARE | {"telesoccorso", "compagnia-e-commissioni", "spesa-e-farmaci-a-domicilio"},
    ),
    ("mia madre vive sola e ho paura che cada", {"telesoccorso"} | HOME_CARE),
    ("nonno non riesce più a lavarsi", HOME_CARE | {"bagno-assistito-a-domicilio"}),
    ("cerco una badante", {"sportello-assistenti-familiari"} | HOME_CARE),
    ("badanti", {"sportello-assistenti-familiari"} | HOME_CARE),
    ("mia nonna ha l'alzheimer", DEMENTIA),
    ("demente", DEMENTIA),
    ("demenza", DEMENTIA),
    ("mio marito ha il parkinson e io non ce la faccio più", CARER_RELIEF | HOME_CARE),
    ("sono stanca di assistere mia madre", CARER_RELIEF),
    ("pasti caldi per anziani", {"pasti-a-domicilio"}),
    ("non riesce più a cucinare", {"pasti-a-domicilio"}),
    ("mangiare a casa", {"pasti-a-domicilio"}),
    ("pulsante per chiamare aiuto", {"telesoccorso"}),
    ("anziana sola", HOME_CARE | {"telesoccorso", "compagnia-e-commissioni"}),
    ("solitudine", {"compagnia-e-commissioni", "gruppi-auto-mutuo-aiuto"}),
    ("qualcuno che faccia compagnia a mia zia", {"compagnia-e-commissioni"}),
    ("chi mi porta la spesa", {"spesa-e-farmaci-a-domicilio", "compagnia-e-commissioni"}),
    ("medicine a casa", {"spesa-e-farmaci-a-domicilio"}),
    ("devo andare a fare la dialisi", {"trasporto-sociale", "accompagnamento-visite-mediche"}),
    ("passaggio in ospedale", {"trasporto-sociale", "accompagnamento-visite-mediche"}),
    ("non dorme di notte", {"assistenza-notturna"}),
    ("casa di riposo per qualche settimana", {"ricoveri-di-sollievo"}),
    ("centro diurno per anziani", {"centro-diurno-anziani"}),
    ("perde la memoria", {"ginnastica-dolce-e-memoria", "centro-diurno-anziani"} | DEMENTIA),
    ("buono per pagare l'assistenza", {"voucher-domiciliarita"}),
    ("vaucher", {"voucher-domiciliarita"}),
    ("assistenza domicigliare", HOME_CARE),
    # disability
    (
        "figlio disabile",
        {
            "sostegno-disabilita-a-domicilio",
            "laboratori-tempo-libero",
            "weekend-di-autonomia",
            "centro-diurno-disabili-cdd",
        },
    ),
    (
        "disabile",
        {
            "assistenza-domiciliare-disabili",
            "sostegno-disabilita-a-domicilio",
            "centro-diurno-disabili-cdd",
            "servizio-inserimento-lavorativo",
            "laboratori-tempo-libero",
            "weekend-di-autonomia",
        },
    ),
    (
        "ragazzo autistico",
        {
            "sostegno-disabilita-a-domicilio",
            "laboratori-tempo-libero",
            "educativa-domiciliare-minori",
        },
    ),
    (
        "in carrozzina",
        {"assistenza-domiciliare-disabili", "trasporto-sociale", "accompagnamento-visite-mediche"},
    ),
    (
        "legge 104",
        {
            "assistenza-domiciliare-disabili",
            "sostegno-disabilita-a-domicilio",
            "centro-diurno-disabili-cdd",
        },
    ),
    ("invalido cerca lavoro", {"servizio-inserimento-lavorativo", "laboratorio-occupazionale"}),
    ("dopo di noi", {"weekend-di-autonomia"}),
    # addictions
    ("mio marito beve", ADDICTION),
    ("alcolista", ADDICTION),
    ("alcolismo", ADDICTION),
    ("alcol", ADDICTION),
    ("mio figlio si droga", ADDICTION),
    ("tossicodipendente", ADDICTION),
    ("gioca alle slot", {"gioco-d-azzardo"}),
    ("ludopatia", {"gioco-d-azzardo"}),
    ("debiti per il gioco", {"gioco-d-azzardo"}),
    # mental health
    ("sono depressa", PSYCHOLOGY),
    ("depressione", PSYCHOLOGY),
    ("attacchi di panico", PSYCHOLOGY),
    ("ho bisogno di parlare con uno psicologo", PSYCHOLOGY),
    ("è morto mio marito", PSYCHOLOGY),
    ("sicologo", PSYCHOLOGY),
    # families and children
    (
        "mio figlio non studia e va male a scuola",
        {"spazio-compiti", "educativa-domiciliare-minori", "assistenza-domiciliare-minori-adm"},
    ),
    ("aiuto con i compiti", {"spazio-compiti", "educativa-domiciliare-minori"}),
    ("ci stiamo separando", {"consulenza-familiare", "spazio-neutro"}),
    ("litigo sempre con mia moglie", {"consulenza-familiare"}),
    ("vedere mio figlio dopo la separazione", {"spazio-neutro", "consulenza-familiare"}),
    ("cosa fanno i bambini d'estate", {"centri-estivi"}),
    ("grest", {"centri-estivi"}),
    ("bimbo di due anni", {"spazio-gioco-prima-infanzia"}),
    (
        "figlio adolescente ribelle",
        {
            "assistenza-domiciliare-minori-adm",
            "consulenza-familiare",
            "educativa-domiciliare-minori",
        },
    ),
    # house and money
    ("non riesco a pagare l'affitto", RENT),
    ("mi hanno dato lo sfratto", RENT),
    ("sfrattato", RENT),
    ("cerco casa", RENT),
    ("non arrivo a fine mese", MONEY),
    ("non riesco a pagare le bollette", MONEY),
    ("soldi", MONEY),
    ("povertà", MONEY | {"contributo-affitto"}),
    ("poveri", MONEY | {"contributo-affitto"}),
    # work
    ("ho perso il lavoro", JOB),
    ("disoccupato", JOB),
    ("scrivere il curriculum", {"orientamento-al-lavoro"}),
    ("lavoro", JOB | {"sportello-assistenti-familiari"}),
    # people who came from abroad
    ("non parlo italiano", LANGUAGE),
    ("imparare l'italiano", {"corsi-di-italiano"}),
    ("traduttore", {"mediazione-linguistico-culturale"}),
    ("permesso di soggiorno", LANGUAGE | {"segretariato-sociale"}),
    ("I need help with rent", RENT),
    # not knowing where to start
    ("a chi mi rivolgo", {"segretariato-sociale"}),
    ("assistente sociale", {"segretariato-sociale"}),
]
