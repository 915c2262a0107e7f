"""The demo cases of the showcase (fictional cooperatives and people, plausible stories).

Each: (title, kind, status, proposer e-mail, region code, sector code, year, months ago it was
published or submitted, organisation, summary, problem, actions, results, evidence, people,
funding, transferability, group slugs, call title starts, course title starts, staff's reason).
"""

PUBLISHED, SUBMITTED, RETURNED = "published", "submitted", "changes_requested"

CASES = [
    (
        "Officine Valtrebbia: gli operai rilevano la fonderia",
        "buyout",
        PUBLISHED,
        "socia@demo.coop",
        "08",
        "C",
        2019,
        14,
        "Officine Valtrebbia soc. coop.",
        "Quando la proprietà ha deciso di chiudere, 38 dipendenti di una fonderia del Piacentino "
        "hanno investito la propria indennità di mobilità e rilevato l'azienda come cooperativa.",
        "Nel 2018 la società che possedeva la fonderia, senza eredi disposti a proseguire, "
        "annuncia la chiusura dello stabilimento: 52 posti di lavoro a rischio in una valle dove "
        "l'industria è quasi l'unico datore di lavoro.",
        "Un gruppo di operai e due impiegati amministrativi costituisce la cooperativa con "
        "l'aiuto della centrale cooperativa regionale.\n\n- studio di fattibilità e piano "
        "industriale in quattro mesi;\n- anticipo della NASpI come capitale sociale;\n- affitto "
        "del ramo d'azienda con patto di acquisto dopo tre anni;\n- formazione dei soci sulla "
        "gestione d'impresa.",
        "L'acquisto dello stabilimento è stato perfezionato nel 2022. I soci sono oggi 41, il "
        "fatturato è tornato ai livelli precedenti la crisi e due nuovi clienti del settore "
        "ferroviario hanno portato commesse pluriennali.",
        "Bilanci 2019-2023 depositati; relazione del revisore dell'associazione cooperativa; "
        "intervista ai soci pubblicata sulla rivista della federazione.",
        "38 lavoratori fondatori, un consulente del lavoro, la centrale cooperativa regionale, "
        "la banca di credito cooperativo della valle, il Comune.",
        "Capitale dei soci (NASpI anticipata), partecipazione di un fondo mutualistico, "
        "finanziamento agevolato di un investitore istituzionale della cooperazione, mutuo "
        "della banca locale.",
        "Il percorso è ripetibile dove ci sono competenze tecniche forti tra i lavoratori e un "
        "mercato ancora vivo: il punto critico è il tempo, perché il piano va scritto prima che "
        "i clienti se ne vadano.",
        ["modello-economico"],
        ["Nuove imprese a tasso zero"],
        ["Finanza di impatto"],
        "",
    ),
    (
        "La cooperativa di comunità di Monte San Lorenzo",
        "community",
        PUBLISHED,
        "coordinatore@demo.coop",
        "08",
        "I",
        2017,
        12,
        "Cooperativa di comunità Monte San Lorenzo",
        "In un borgo dell'Appennino di 180 abitanti, i residenti hanno riaperto l'emporio, il bar "
        "e l'ostello chiusi da anni, e oggi gestiscono anche la manutenzione dei sentieri.",
        "Il paese aveva perso l'ultimo negozio e l'ufficio postale; i giovani se ne andavano e "
        "gli anziani dovevano scendere a valle per ogni necessità.",
        "Un'assemblea pubblica ha raccolto 90 soci, tra residenti ed emigrati affezionati al "
        "paese. La cooperativa ha preso in gestione dal Comune i locali dell'ex scuola, aperto un "
        "emporio con bar e un ostello da 20 posti, e firmato una convenzione per la cura del "
        "verde e dei sentieri.",
        "Sei persone lavorano stabilmente nella cooperativa, tre sono giovani rientrati in "
        "paese. L'ostello ha ospitato 2.400 pernottamenti nel 2023.",
        "Registro delle presenze dell'ostello; bilancio sociale 2023; convenzione con il Comune.",
        "90 soci residenti e non residenti, il Comune, la Pro Loco, il parco regionale.",
        "Quote dei soci, un contributo regionale per le cooperative di comunità, una raccolta "
        "fondi tra gli emigrati.",
        "Funziona dove esiste già una rete di relazioni nel paese e un ente locale disposto a "
        "concedere spazi: la convenzione pubblica dà stabilità alle entrate.",
        ["nuovi-servizi"],
        ["Contributi per attività culturali"],
        ["Laboratorio di progettazione integrata"],
        "",
    ),
    (
        "Piattaforma Consegne Eque: il delivery di proprietà dei rider",
        "digital",
        PUBLISHED,
        "socia@demo.coop",
        "03",
        "H",
        2021,
        10,
        "Consegne Eque soc. coop.",
        "Un gruppo di rider milanesi ha costruito un'app di consegne a domicilio di cui sono "
        "soci: tariffe trasparenti, turni decisi insieme, contratto di lavoro dipendente.",
        "I rider delle grandi piattaforme lavoravano a cottimo, senza tutele e con algoritmi che "
        "decidevano turni e compensi senza alcuna possibilità di confronto.",
        "La cooperativa ha sviluppato un'app con software libero insieme a una cooperativa "
        "informatica, stretto accordi con 60 esercenti di quartiere e adottato un regolamento "
        "che fissa i turni in assemblea mensile.",
        "25 rider assunti, 60 esercenti aderenti, 4.000 consegne al mese nel 2024; commissioni "
        "per i negozi inferiori di un terzo a quelle delle piattaforme commerciali.",
        "Dati di utilizzo dell'app; bilancio 2023; indagine di soddisfazione tra gli esercenti.",
        "Rider soci lavoratori, una cooperativa di sviluppo software, le associazioni dei "
        "commercianti di due municipi.",
        "Capitale dei soci, un bando per l'innovazione sociale, il prestito di una fondazione.",
        "Il codice dell'app è pubblicato con licenza libera e può essere riusato da altre città; "
        "serve un bacino di esercenti sufficiente a coprire i costi fissi.",
        ["ricerca-e-sviluppo", "nuovi-settori"],
        ["Voucher per la trasformazione digitale"],
        ["Crescere con il digitale"],
        "",
    ),
    (
        "Semi di Ritorno: una start-up cooperativa di giovani agronomi",
        "startup",
        PUBLISHED,
        "coordinatore@demo.coop",
        "16",
        "A",
        2022,
        8,
        "Semi di Ritorno soc. coop. agricola",
        "Cinque giovani laureati in agraria hanno recuperato 40 ettari di uliveti abbandonati "
        "del Salento colpiti dalla Xylella, reimpiantando varietà resistenti e colture miste.",
        "Migliaia di ettari di uliveti secchi e abbandonati, proprietari anziani senza forze per "
        "reimpiantare, giovani che emigrano per mancanza di lavoro.",
        "La cooperativa prende in comodato i terreni dai proprietari in cambio di una quota del "
        "raccolto, reimpianta ulivi di varietà resistenti alternati a legumi e ortaggi, vende "
        "con un sistema di adozione degli alberi.",
        "40 ettari recuperati, 1.200 alberi adottati da famiglie di tutta Italia, prima raccolta "
        "di legumi venduta nel 2024 ai gruppi di acquisto solidale.",
        "Registro dei contratti di comodato; fatture di vendita; rapporto dell'università "
        "partner sui suoli.",
        "Cinque soci fondatori sotto i 30 anni, 70 proprietari dei terreni, l'università, un "
        "gruppo di acquisto solidale.",
        "Il finanziamento a tasso zero per le nuove imprese, un prestito d'onore, il capitale "
        "raccolto con le adozioni.",
        "Il comodato in cambio di raccolto si adatta a ogni zona con terreni abbandonati; "
        "l'adozione a distanza richiede una buona comunicazione.",
        ["nuovi-settori"],
        ["Nuove imprese a tasso zero"],
        [],
        "",
    ),
    (
        "Sartoria Riva: dalla crisi del tessile a un marchio etico",
        "buyout",
        PUBLISHED,
        "socia@demo.coop",
        "05",
        "C",
        2016,
        20,
        "Sartoria Riva soc. coop.",
        "Ventidue sarte di un'azienda veneta in fallimento hanno rilevato i macchinari e creato "
        "un proprio marchio di abbigliamento su misura e di riparazione.",
        "Il fallimento del committente unico aveva lasciato senza lavoro operaie con trent'anni "
        "di esperienza, in un distretto dove il tessile stava chiudendo.",
        "Le lavoratrici hanno acquistato all'asta i macchinari, avviato una linea propria di "
        "capi su misura e un servizio di riparazione per i negozi della zona, imparando a "
        "vendere online.",
        "Il marchio è distribuito in 30 negozi; le socie sono 19 e la cooperativa ha assunto due "
        "apprendiste.",
        "Bilanci depositati dal 2017; contratti di distribuzione.",
        "Le socie lavoratrici, il curatore fallimentare, l'associazione cooperativa regionale.",
        "Capitale delle socie, un fondo mutualistico, il contributo regionale per il reimpiego.",
        "Il passaggio dalla lavorazione per conto terzi a un marchio proprio richiede "
        "competenze commerciali: conviene affiancare subito un tutor.",
        ["modello-economico"],
        [],
        ["Storytelling cooperativo"],
        "",
    ),
    (
        "Energia di Valle: la comunità energetica di tre paesi alpini",
        "community",
        PUBLISHED,
        "conti.pescara@demo.coop",
        "01",
        "D",
        2021,
        6,
        "Energia di Valle soc. coop.",
        "Tre comuni di montagna e 210 famiglie hanno messo insieme i tetti di scuole, stalle e "
        "case per produrre energia solare e condividerla.",
        "Bollette in forte aumento, famiglie anziane in difficoltà, edifici pubblici con tetti "
        "ampi e inutilizzati.",
        "Costituzione della cooperativa come comunità energetica rinnovabile, installazione di "
        "impianti fotovoltaici sugli edifici pubblici e privati, uno sportello per spiegare le "
        "bollette e ridurre i consumi.",
        "1,2 MW installati; risparmio medio di 180 euro all'anno per famiglia; gli incentivi "
        "sull'energia condivisa finanziano un fondo contro la povertà energetica.",
        "Dati di produzione dei contatori; rendiconto degli incentivi; verbale dell'assemblea.",
        "210 famiglie, tre Comuni, quattro aziende agricole, una cooperativa di installatori.",
        "Quote dei soci, fondi per le comunità energetiche nei piccoli comuni, mutuo della banca "
        "locale.",
        "La forma cooperativa permette a enti pubblici, famiglie e imprese di decidere insieme: "
        "serve una figura tecnica che segua le pratiche per anni.",
        ["nuovi-servizi"],
        ["Economia circolare"],
        [],
        "",
    ),
    (
        "Archivio Comune: la digitalizzazione dei servizi di una cooperativa sociale",
        "digital",
        PUBLISHED,
        "socia@demo.coop",
        "12",
        "Q",
        2020,
        5,
        "Cooperativa sociale Il Ponte",
        "Una cooperativa sociale romana ha portato online la gestione dei servizi domiciliari: "
        "turni, diari di assistenza e comunicazioni con le famiglie.",
        "Turni su carta, telefonate continue tra coordinatrici e operatrici, famiglie poco "
        "informate e ore perse a ricopiare i diari degli interventi.",
        "Scelta partecipata di uno strumento cloud, un anno di formazione per 80 operatrici "
        "con un percorso di alfabetizzazione digitale, un referente digitale per ogni équipe.",
        "Le ore di coordinamento sono scese del 30%; le famiglie ricevono un resoconto "
        "settimanale; nessuna operatrice ha lasciato il servizio per difficoltà con lo strumento.",
        "Confronto delle ore di coordinamento 2019 e 2022; questionario alle famiglie.",
        "80 operatrici, le coordinatrici, un formatore esterno, il consorzio di cooperative.",
        "Un bando regionale per lo sviluppo delle cooperative sociali, risorse proprie.",
        "Il metodo (scelta partecipata, formazione lunga, referenti di équipe) vale per "
        "qualunque servizio alla persona.",
        ["formazione"],
        ["Sviluppo e innovazione delle cooperative sociali"],
        ["Crescere con il digitale"],
        "",
    ),
    (
        "Teatro Aperto: artisti in cooperativa per un teatro di quartiere",
        "startup",
        PUBLISHED,
        "coordinatore@demo.coop",
        "15",
        "R",
        2018,
        18,
        "Teatro Aperto soc. coop.",
        "Dodici attori e tecnici napoletani hanno riaperto un cinema parrocchiale chiuso, "
        "facendone un teatro di quartiere con laboratori per le scuole.",
        "Lavoro intermittente e senza tutele per gli artisti, un quartiere senza luoghi di "
        "cultura, una sala chiusa da dieci anni.",
        "Costituzione della cooperativa, accordo di gestione con la parrocchia, ristrutturazione "
        "con il lavoro volontario dei soci, una stagione con biglietti a prezzo popolare e "
        "laboratori per dieci scuole.",
        "Dodici soci con contratto continuativo, 140 serate all'anno, 1.500 studenti nei "
        "laboratori dell'ultimo anno scolastico.",
        "Borderò SIAE; convenzioni con le scuole; bilancio 2023.",
        "Gli artisti soci, la parrocchia, le scuole del quartiere, un'associazione di genitori.",
        "Un bando europeo per la cultura, il contributo comunale, la biglietteria.",
        "Il modello si ripete dove c'è uno spazio sottoutilizzato: l'accordo di gestione lungo "
        "è la condizione per investire.",
        ["nuovi-settori"],
        ["Europa Creativa", "Contributi per attività culturali"],
        [],
        "",
    ),
    (
        "Il forno di Borgo Alto: un buyout nella panificazione",
        "buyout",
        PUBLISHED,
        "conti.pescara@demo.coop",
        "13",
        "C",
        2020,
        3,
        "Panificio Borgo Alto soc. coop.",
        "Alla pensione del titolare, i sette fornai di un panificio abruzzese hanno rilevato "
        "l'attività invece di vederla chiudere.",
        "Il titolare voleva ritirarsi e nessun familiare intendeva proseguire: il forno, unico "
        "della frazione, rischiava la chiusura.",
        "Passaggio graduale in due anni, con il titolare che ha affiancato i nuovi soci nella "
        "gestione; nuovi prodotti con grani antichi locali.",
        "Sette posti di lavoro conservati, fatturato in crescita del 15%, fornitura alle mense "
        "scolastiche del Comune.",
        "Contratto di cessione; bilanci 2021-2023.",
        "Sette fornai soci, l'ex titolare, un commercialista, la centrale cooperativa.",
        "Capitale dei soci, finanziamento di un fondo mutualistico, dilazione concordata con "
        "l'ex titolare.",
        "Il passaggio generazionale ai dipendenti funziona meglio quando è preparato per tempo "
        "con il titolare: è il caso più comune di buyout.",
        ["modello-economico"],
        [],
        [],
        "",
    ),
    (
        "Codice Comune: sviluppatori freelance in una cooperativa di piattaforma",
        "digital",
        PUBLISHED,
        "socia@demo.coop",
        "09",
        "J",
        2023,
        2,
        "Codice Comune soc. coop.",
        "Trenta sviluppatori freelance toscani hanno creato una cooperativa che vende i loro "
        "servizi con un'unica piattaforma e condivide contratti, formazione e tutele.",
        "Freelance isolati, in concorrenza al ribasso tra loro, esclusi dalle gare più grandi "
        "per mancanza di dimensione.",
        "Una piattaforma comune per preventivi e fatturazione, un fondo per le malattie e i mesi "
        "senza lavoro, la partecipazione congiunta alle gare pubbliche.",
        "Tre gare vinte insieme nel primo anno; reddito medio dei soci cresciuto del 20%.",
        "Contratti aggiudicati; rendiconto del fondo di mutualità.",
        "Trenta soci sviluppatori e designer, un consorzio di cooperative informatiche.",
        "Capitale dei soci, quote del fondo mutualistico interno.",
        "Ogni professione intellettuale frammentata può usare lo stesso schema: conta la "
        "fiducia reciproca e un regolamento chiaro sulla ripartizione dei lavori.",
        ["ricerca-e-sviluppo"],
        ["Voucher per la trasformazione digitale"],
        [],
        "",
    ),
    (
        "L'emporio solidale della Val d'Agri",
        "community",
        SUBMITTED,
        "coordinatore@demo.coop",
        "17",
        "G",
        2024,
        1,
        "Cooperativa di comunità Val d'Agri",
        "Un emporio cooperativo che vende i prodotti dei piccoli agricoltori della valle e "
        "consegna la spesa agli anziani delle frazioni.",
        "Frazioni senza negozi, anziani senza auto, piccoli produttori senza sbocchi.",
        "Apertura di un emporio nel centro del paese, un furgone per le consegne settimanali, "
        "un accordo con dodici produttori locali.",
        "Nel primo anno: 300 famiglie servite, dodici produttori con un canale di vendita stabile.",
        "",
        "Residenti soci, dodici produttori, il Comune.",
        "Quote dei soci e un contributo regionale.",
        "",
        ["nuovi-servizi"],
        [],
        [],
        "",
    ),
    (
        "App per la prenotazione dei campi sportivi comunali",
        "digital",
        RETURNED,
        "socia@demo.coop",
        "03",
        "R",
        2024,
        1,
        "Cooperativa Sport Insieme",
        "Un'app per prenotare e pagare i campi sportivi gestiti dalla cooperativa.",
        "Prenotazioni per telefono, campi vuoti per disdette non comunicate.",
        "Sviluppo di un'app di prenotazione con pagamento anticipato.",
        "Meno disdette.",
        "",
        "",
        "",
        "",
        [],
        [],
        [],
        "Il caso è promettente: aggiungete i risultati con i numeri (prenotazioni prima e dopo, "
        "disdette) e dite come è stato finanziato lo sviluppo.",
    ),
]
