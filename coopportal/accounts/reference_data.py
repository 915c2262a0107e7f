"""Static reference data for the cooperatives portal (used by a data migration).

Sources:

* ``REGIONS`` and ``PROVINCES``: ISTAT, "Codici statistici delle unità amministrative
  territoriali: comuni, città metropolitane, province e regioni", list in force 2017-2024
  (20 regions; 107 provinces and equivalent units: metropolitan cities, free municipal
  consortia of Sicily, autonomous provinces of Trento and Bolzano, Aosta's region-province,
  Friuli-Venezia Giulia's regional decentralisation bodies with their historical codes, and
  the Sardinian units of 2016: Sassari, Nuoro, Cagliari 292, Oristano, Sud Sardegna 111).
  Province rows are ``(istat_code, sigla, name, region_code)``, ordered by region, then code.
* ``SECTORS``: the 21 sections (A-U) of the ISTAT ATECO 2007 classification of economic
  activities (Italian version of NACE Rev. 2), with short Italian and English names;
  ``SECTOR_NAMES_DE_FR``: the same sections' German and French names (NACE Rev. 2 as Eurostat
  publishes it, shortened where the official name is long).
"""

REGIONS = (
    ("01", "Piemonte"),
    ("02", "Valle d'Aosta/Vallée d'Aoste"),
    ("03", "Lombardia"),
    ("04", "Trentino-Alto Adige/Südtirol"),
    ("05", "Veneto"),
    ("06", "Friuli-Venezia Giulia"),
    ("07", "Liguria"),
    ("08", "Emilia-Romagna"),
    ("09", "Toscana"),
    ("10", "Umbria"),
    ("11", "Marche"),
    ("12", "Lazio"),
    ("13", "Abruzzo"),
    ("14", "Molise"),
    ("15", "Campania"),
    ("16", "Puglia"),
    ("17", "Basilicata"),
    ("18", "Calabria"),
    ("19", "Sicilia"),
    ("20", "Sardegna"),
)

PROVINCES = (
    # Piemonte
    ("001", "TO", "Torino", "01"),
    ("002", "VC", "Vercelli", "01"),
    ("003", "NO", "Novara", "01"),
    ("004", "CN", "Cuneo", "01"),
    ("005", "AT", "Asti", "01"),
    ("006", "AL", "Alessandria", "01"),
    ("096", "BI", "Biella", "01"),
    ("103", "VB", "Verbano-Cusio-Ossola", "01"),
    # Valle d'Aosta/Vallée d'Aoste
    ("007", "AO", "Aosta", "02"),
    # Lombardia
    ("012", "VA", "Varese", "03"),
    ("013", "CO", "Como", "03"),
    ("014", "SO", "Sondrio", "03"),
    ("015", "MI", "Milano", "03"),
    ("016", "BG", "Bergamo", "03"),
    ("017", "BS", "Brescia", "03"),
    ("018", "PV", "Pavia", "03"),
    ("019", "CR", "Cremona", "03"),
    ("020", "MN", "Mantova", "03"),
    ("097", "LC", "Lecco", "03"),
    ("098", "LO", "Lodi", "03"),
    ("108", "MB", "Monza e della Brianza", "03"),
    # Trentino-Alto Adige/Südtirol
    ("021", "BZ", "Bolzano/Bozen", "04"),
    ("022", "TN", "Trento", "04"),
    # Veneto
    ("023", "VR", "Verona", "05"),
    ("024", "VI", "Vicenza", "05"),
    ("025", "BL", "Belluno", "05"),
    ("026", "TV", "Treviso", "05"),
    ("027", "VE", "Venezia", "05"),
    ("028", "PD", "Padova", "05"),
    ("029", "RO", "Rovigo", "05"),
    # Friuli-Venezia Giulia
    ("030", "UD", "Udine", "06"),
    ("031", "GO", "Gorizia", "06"),
    ("032", "TS", "Trieste", "06"),
    ("093", "PN", "Pordenone", "06"),
    # Liguria
    ("008", "IM", "Imperia", "07"),
    ("009", "SV", "Savona", "07"),
    ("010", "GE", "Genova", "07"),
    ("011", "SP", "La Spezia", "07"),
    # Emilia-Romagna
    ("033", "PC", "Piacenza", "08"),
    ("034", "PR", "Parma", "08"),
    ("035", "RE", "Reggio nell'Emilia", "08"),
    ("036", "MO", "Modena", "08"),
    ("037", "BO", "Bologna", "08"),
    ("038", "FE", "Ferrara", "08"),
    ("039", "RA", "Ravenna", "08"),
    ("040", "FC", "Forlì-Cesena", "08"),
    ("099", "RN", "Rimini", "08"),
    # Toscana
    ("045", "MS", "Massa-Carrara", "09"),
    ("046", "LU", "Lucca", "09"),
    ("047", "PT", "Pistoia", "09"),
    ("048", "FI", "Firenze", "09"),
    ("049", "LI", "Livorno", "09"),
    ("050", "PI", "Pisa", "09"),
    ("051", "AR", "Arezzo", "09"),
    ("052", "SI", "Siena", "09"),
    ("053", "GR", "Grosseto", "09"),
    ("100", "PO", "Prato", "09"),
    # Umbria
    ("054", "PG", "Perugia", "10"),
    ("055", "TR", "Terni", "10"),
    # Marche
    ("041", "PU", "Pesaro e Urbino", "11"),
    ("042", "AN", "Ancona", "11"),
    ("043", "MC", "Macerata", "11"),
    ("044", "AP", "Ascoli Piceno", "11"),
    ("109", "FM", "Fermo", "11"),
    # Lazio
    ("056", "VT", "Viterbo", "12"),
    ("057", "RI", "Rieti", "12"),
    ("058", "RM", "Roma", "12"),
    ("059", "LT", "Latina", "12"),
    ("060", "FR", "Frosinone", "12"),
    # Abruzzo
    ("066", "AQ", "L'Aquila", "13"),
    ("067", "TE", "Teramo", "13"),
    ("068", "PE", "Pescara", "13"),
    ("069", "CH", "Chieti", "13"),
    # Molise
    ("070", "CB", "Campobasso", "14"),
    ("094", "IS", "Isernia", "14"),
    # Campania
    ("061", "CE", "Caserta", "15"),
    ("062", "BN", "Benevento", "15"),
    ("063", "NA", "Napoli", "15"),
    ("064", "AV", "Avellino", "15"),
    ("065", "SA", "Salerno", "15"),
    # Puglia
    ("071", "FG", "Foggia", "16"),
    ("072", "BA", "Bari", "16"),
    ("073", "TA", "Taranto", "16"),
    ("074", "BR", "Brindisi", "16"),
    ("075", "LE", "Lecce", "16"),
    ("110", "BT", "Barletta-Andria-Trani", "16"),
    # Basilicata
    ("076", "PZ", "Potenza", "17"),
    ("077", "MT", "Matera", "17"),
    # Calabria
    ("078", "CS", "Cosenza", "18"),
    ("079", "CZ", "Catanzaro", "18"),
    ("080", "RC", "Reggio Calabria", "18"),
    ("101", "KR", "Crotone", "18"),
    ("102", "VV", "Vibo Valentia", "18"),
    # Sicilia
    ("081", "TP", "Trapani", "19"),
    ("082", "PA", "Palermo", "19"),
    ("083", "ME", "Messina", "19"),
    ("084", "AG", "Agrigento", "19"),
    ("085", "CL", "Caltanissetta", "19"),
    ("086", "EN", "Enna", "19"),
    ("087", "CT", "Catania", "19"),
    ("088", "RG", "Ragusa", "19"),
    ("089", "SR", "Siracusa", "19"),
    # Sardegna
    ("090", "SS", "Sassari", "20"),
    ("091", "NU", "Nuoro", "20"),
    ("095", "OR", "Oristano", "20"),
    ("111", "SU", "Sud Sardegna", "20"),
    ("292", "CA", "Cagliari", "20"),
)

SECTORS = (
    ("A", "Agricoltura, silvicoltura e pesca", "Agriculture, forestry and fishing"),
    ("B", "Estrazione di minerali da cave e miniere", "Mining and quarrying"),
    ("C", "Attività manifatturiere", "Manufacturing"),
    (
        "D",
        "Fornitura di energia elettrica, gas, vapore e aria condizionata",
        "Electricity, gas, steam and air conditioning supply",
    ),
    (
        "E",
        "Fornitura di acqua, reti fognarie, gestione dei rifiuti e risanamento",
        "Water supply, sewerage, waste management and remediation",
    ),
    ("F", "Costruzioni", "Construction"),
    (
        "G",
        "Commercio all'ingrosso e al dettaglio, riparazione di autoveicoli e motocicli",
        "Wholesale and retail trade, repair of motor vehicles and motorcycles",
    ),
    ("H", "Trasporto e magazzinaggio", "Transportation and storage"),
    (
        "I",
        "Attività dei servizi di alloggio e di ristorazione",
        "Accommodation and food service activities",
    ),
    ("J", "Servizi di informazione e comunicazione", "Information and communication"),
    ("K", "Attività finanziarie e assicurative", "Financial and insurance activities"),
    ("L", "Attività immobiliari", "Real estate activities"),
    (
        "M",
        "Attività professionali, scientifiche e tecniche",
        "Professional, scientific and technical activities",
    ),
    (
        "N",
        "Noleggio, agenzie di viaggio, servizi di supporto alle imprese",
        "Administrative and support service activities",
    ),
    (
        "O",
        "Amministrazione pubblica e difesa, assicurazione sociale obbligatoria",
        "Public administration and defence, compulsory social security",
    ),
    ("P", "Istruzione", "Education"),
    ("Q", "Sanità e assistenza sociale", "Human health and social work activities"),
    (
        "R",
        "Attività artistiche, sportive, di intrattenimento e divertimento",
        "Arts, entertainment and recreation",
    ),
    ("S", "Altre attività di servizi", "Other service activities"),
    (
        "T",
        "Attività di famiglie e convivenze come datori di lavoro per personale domestico",
        "Activities of households as employers of domestic personnel",
    ),
    (
        "U",
        "Organizzazioni ed organismi extraterritoriali",
        "Activities of extraterritorial organisations and bodies",
    ),
)

SECTOR_NAMES_DE_FR = {
    "A": ("Land- und Forstwirtschaft, Fischerei", "Agriculture, sylviculture et pêche"),
    "B": ("Bergbau und Gewinnung von Steinen und Erden", "Industries extractives"),
    "C": ("Verarbeitendes Gewerbe", "Industrie manufacturière"),
    "D": (
        "Energieversorgung",
        "Production et distribution d'électricité, de gaz, de vapeur et d'air conditionné",
    ),
    "E": (
        "Wasserversorgung, Abwasser- und Abfallentsorgung, Beseitigung von Umweltverschmutzungen",
        "Production et distribution d'eau, assainissement, gestion des déchets et dépollution",
    ),
    "F": ("Baugewerbe", "Construction"),
    "G": (
        "Handel, Instandhaltung und Reparatur von Kraftfahrzeugen",
        "Commerce, réparation d'automobiles et de motocycles",
    ),
    "H": ("Verkehr und Lagerei", "Transports et entreposage"),
    "I": ("Gastgewerbe", "Hébergement et restauration"),
    "J": ("Information und Kommunikation", "Information et communication"),
    "K": (
        "Finanz- und Versicherungsdienstleistungen",
        "Activités financières et d'assurance",
    ),
    "L": ("Grundstücks- und Wohnungswesen", "Activités immobilières"),
    "M": (
        "Freiberufliche, wissenschaftliche und technische Dienstleistungen",
        "Activités spécialisées, scientifiques et techniques",
    ),
    "N": (
        "Sonstige wirtschaftliche Dienstleistungen",
        "Activités de services administratifs et de soutien",
    ),
    "O": (
        "Öffentliche Verwaltung, Verteidigung, Sozialversicherung",
        "Administration publique et défense, sécurité sociale obligatoire",
    ),
    "P": ("Erziehung und Unterricht", "Enseignement"),
    "Q": ("Gesundheits- und Sozialwesen", "Santé humaine et action sociale"),
    "R": ("Kunst, Unterhaltung und Erholung", "Arts, spectacles et activités récréatives"),
    "S": ("Sonstige Dienstleistungen", "Autres activités de services"),
    "T": (
        "Private Haushalte mit Hauspersonal, Herstellung für den Eigenbedarf",
        "Activités des ménages en tant qu'employeurs et producteurs pour usage propre",
    ),
    "U": ("Exterritoriale Organisationen und Körperschaften", "Activités extra-territoriales"),
}
