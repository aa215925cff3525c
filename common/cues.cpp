#include "cues.hpp"

#include <initializer_list>
#include <iterator>

namespace depeche::cues {

// The words of a space-separated literal (views into it: it lives forever).
WordSet words_of(std::string_view list) {
    WordSet words;
    for (std::size_t pos = 0; pos < list.size();) {
        std::size_t space = list.find(' ', pos);
        if (space == std::string_view::npos) space = list.size();
        if (space > pos) words.insert(list.substr(pos, space - pos));
        pos = space + 1;
    }
    return words;
}

// True when `w` ends with one of the space-separated `endings` and keeps at
// least three letters before it.
bool ends_with_any(std::string_view w, std::string_view endings) {
    for (std::size_t pos = 0; pos < endings.size();) {
        std::size_t space = endings.find(' ', pos);
        if (space == std::string_view::npos) space = endings.size();
        const std::string_view e = endings.substr(pos, space - pos);
        if (!e.empty() && w.size() > e.size() + 2 && w.substr(w.size() - e.size()) == e) return true;
        pos = space + 1;
    }
    return false;
}

Endings::Endings(std::string_view endings) {
    for (std::size_t pos = 0; pos < endings.size();) {
        std::size_t space = endings.find(' ', pos);
        if (space == std::string_view::npos) space = endings.size();
        const std::string_view e = endings.substr(pos, space - pos);
        if (!e.empty()) by_last_[static_cast<unsigned char>(e.back())].push_back(e);
        pos = space + 1;
    }
}

bool Endings::match(std::string_view w) const {
    if (w.empty()) return false;
    // Compared from the end, byte by byte: the last byte is known to match and
    // most endings differ in the one before, where memcmp cost a call each.
    for (std::string_view e : by_last_[static_cast<unsigned char>(w.back())]) {
        if (w.size() <= e.size() + 2) continue;
        std::size_t k = e.size() - 1;
        const std::size_t shift = w.size() - e.size();
        while (k > 0 && e[k - 1] == w[shift + k - 1]) --k;
        if (k == 0) return true;
    }
    return false;
}

// "le président", "la ministre", "le chef" ... before a person's name.
const WordSet& role_nouns() {
    static const WordSet words = words_of(
        "president presidente ministre chef cheffe secretaire ambassadeur ambassadrice directeur directrice "
        "patron patronne pdg senateur senatrice depute deputee maire colonel capitaine commandant juge "
        "procureur procureure avocat avocate roi reine prince princesse pape chancelier chanceliere candidat "
        "candidate leader dirigeant dirigeante commissaire gouverneur ecrivain ecrivaine auteur autrice "
        "acteur actrice chanteur chanteuse entraineur selectionneur joueur joueuse footballeur journaliste "
        "photographe realisateur realisatrice cineaste philosophe historien historienne economiste chercheur "
        "chercheuse professeur docteur eveque archeveque cardinal imam rabbin abbe militant militante "
        "opposant opposante dissident dissidente fondateur fondatrice emir cheikh sultan ayatollah monsieur "
        "madame homologue successeur predecesseur conseiller conseillere rapporteur porte parole champion "
        "championne pilote cycliste coureur nageur nageuse tennisman boxeur sprinteur attaquant gardien "
        "general marechal amiral lieutenant sergent president-directeur vice premier premiere "
        // Artists and the accused, whom reports name by their occupation or status.
        "rappeur rappeuse compositeur compositrice musicien musicienne pianiste violoniste guitariste bassiste "
        "peintre sculpteur sculptrice architecte styliste couturier couturiere accuse accusee prevenu prevenue");
    return words;
}

// "le groupe", "la société", "l'opérateur", "le quotidien" ... before an organisation.
const WordSet& org_nouns() {
    static const WordSet words = words_of(
        "groupe societe entreprise parti quotidien journal hebdomadaire mensuel magazine operateur "
        "constructeur banque chaine agence syndicat organisation mouvement compagnie geant club equipe firme "
        "fabricant distributeur editeur assureur laboratoire association fondation ong cabinet fonds holding "
        "filiale enseigne marque startup site radio television institut ecurie formation alliance federation "
        "confederation reseau plateforme application transporteur armateur brasseur industriel minier "
        "petrolier gazier chimiste equipementier siderurgiste voyagiste hebergeur studio label");
    return words;
}

// A capitalised first word that opens an organisation name: "Banque de France",
// "Agence France-Presse", "Ministère de l'Intérieur".
const WordSet& org_heads() {
    static const WordSet words = words_of(
        "academie agence banque ministere conseil cour commission federation organisation office institut universite "
        "union parti front mouvement association comite fondation syndicat groupe caisse compagnie societe "
        "tribunal assemblee armee eglise chambre autorite direction observatoire ecole bureau forum alliance "
        "ligue conference confederation fonds centre haut haute");
    return words;
}

// "le ministère de l'Intérieur", "l'équipe de France", "le parquet de Paris"
// (the public prosecution of a court, as the wire names it when it opens an inquiry).
const WordSet& lower_org_heads() {
    static const WordSet words = words_of("ministere ministeres equipe selection parquet");
    return words;
}

// "le pape François", "la reine Margrethe", "l'émir Tamim".
const WordSet& sovereign_titles() {
    static const WordSet words = words_of("pape roi reine prince princesse emir sultan empereur imperatrice tsar");
    return words;
}

bool is_person_title(std::string_view w) {
    // Beyond the role nouns: nobility, address, clergy and offices that name a
    // person in the wire's and the old press's usage.
    static const WordSet extra = words_of(
        "empereur imperatrice tsar tsarine duc duchesse archiduc archiduchesse comte comtesse vicomte "
        "vicomtesse marquis marquise baron baronne chevalier infant infante lord lady sir dame don dona "
        "mademoiselle maitre monseigneur prefet prefete consul recteur doyen batonnier notaire pasteur cure "
        "vicaire adjudant brigadier caporal inspecteur professeure docteure");
    // Prefixes of a title, not titles alone: "porte-parole", "vice-président", "Premier ministre".
    if (w == "porte" || w == "premier" || w == "premiere" || w == "vice") return false;
    return role_nouns().count(w) != 0 || extra.count(w) != 0;
}

bool is_title_prefix(std::string_view w) {
    static const WordSet words = words_of("vice ex sous co contre porte premier premiere ancien ancienne futur future");
    return words.count(w) != 0;
}

// Places people go or live in: "l'aéroport Charles-de-Gaulle", "la ville de Nancy".
const WordSet& place_nouns() {
    static const WordSet words = words_of(
        "aeroport gare stade rue avenue boulevard pont quai hopital palais musee lycee college eglise "
        "cathedrale basilique chateau parc prison station autoroute tunnel port camp hotel theatre cimetiere "
        "centrale ile mont lac fleuve riviere vallee golfe detroit canal massif region province departement "
        "ville capitale commune village quartier banlieue district centre nord sud est ouest environs abords "
        "peripherie pres localite agglomeration metropole territoire frontiere site base");
    return words;
}

// Natural features whose name follows them: "la mer Noire", "l'océan Pacifique".
// The noun belongs to the place name.
const WordSet& geo_nouns() {
    static const WordSet words = words_of(
        "ocean mer mont monts lac golfe detroit cap ile iles fleuve riviere desert massif chaine canal baie "
        "archipel peninsule vallee plaine plateau bassin glacier volcan pic cordillere foret estuaire delta "
        "atoll col");
    return words;
}

// What may follow a place inside its name: "Amérique centrale", "Europe du Nord".
bool is_geo_adjective(std::string_view w) {
    static const WordSet words = words_of(
        "centrale central latine occidentale occidental orientale oriental septentrionale septentrional "
        "meridionale meridional subsaharienne australe austral equatoriale equatorial");
    return words.count(w) != 0;
}

// Acronyms that are common nouns, not organisations: "le PIB", "l'ADN", "une ONG".
bool is_common_acronym(std::string_view w) {
    static const WordSet words = words_of(
        "pib adn ong dj tv pme tpe tva sms pdg ceo vih sida ovni hlm rer tgv suv gps pc cd dvd irm qi rsa "
        "smic cdi cdd bd hd ko ok vip sdf rh ttc ht km kg mw kw gw cv faq pdf usb ia ogm ivg pma gpa avc "
        "ovnis ap jc bp cp ce1 ce2 cm1 cm2 gmt utc csg crds cice isf ifi imc sim tnt");
    return words.count(w) != 0;
}

// Adjectives that follow the head of an organisation's name: "Ligue
// nationale", "Banque mondiale", "Parti socialiste", "Conseil constitutionnel".
bool is_org_adjective(std::string_view w) {
    static const Endings endings(
        "al ale aux ales el elle els elles iste istes ique iques aire aires ier iere if ive ien ienne "
        "ais aise ain aine and ande een eenne eme ois oise");
    return endings.match(w);
}

bool is_compass(std::string_view w) {
    return w == "nord" || w == "sud" || w == "est" || w == "ouest";
}

// Vessels and craft carry people's names but are not people:
// "le porte-avions Charles-de-Gaulle".
const WordSet& vehicle_nouns() {
    static const WordSet words = words_of(
        "navire fregate paquebot croiseur destroyer cargo chalutier yacht voilier vaisseau sonde satellite "
        "fusee lanceur navette batiment submersible remorqueur ferry");
    return words;
}

// Verbs of saying around a person subject: "a déclaré Hammond", "Hammond estime".
const WordSet& speech_verbs() {
    static const WordSet words = words_of(
        "declare indique dit affirme ajoute explique estime souligne precise confie insiste raconte temoigne "
        "martele ironise repond repondu assure poursuit poursuivi conclut conclu juge observe rappelle releve "
        "commente deplore regrette denonce reconnait reconnu avertit averti previent prevenu tweete ecrit "
        "admet admis promet promis declarait disait");
    return words;
}

// Words of business near a company subject: "Orange a racheté", "le chiffre d'affaires d'Orange".
const WordSet& business_words() {
    static const WordSet words = words_of(
        "rachete rachat chiffre benefice benefices resultats salaries employes emploie licencie licenciements "
        "abonnes clients actionnaires filiale filiales cotee dividende dividendes usine usines action actions "
        "bourse fusion");
    return words;
}

// A party member named by the party: "la démocrate Nancy Pelosi", "l'écologiste
// Yannick Jadot". Only a cue with an article right before it (see Scanner::before).
const WordSet& party_nouns() {
    static const WordSet words = words_of(
        "democrate republicain republicaine socialiste ecologiste centriste communiste travailliste gaulliste "
        "conservateur conservatrice insoumis insoumise frontiste souverainiste independantiste");
    return words;
}

// Streets, venues and events: what follows them is their name, not a place
// ("la rue Gaston-Gallimard", "le stade Maracana", "le prix Goncourt"). The
// gazetteer still wins ("le stade de France" is no venue called France).
const WordSet& venue_nouns() {
    static const WordSet words = words_of(
        "rue avenue boulevard quai allee impasse chaussee autoroute route stade salle arena gymnase piscine "
        "velodrome hippodrome theatre cinema musee basilique cathedrale eglise chapelle mosquee synagogue temple "
        "lycee college hopital clinique prix festival trophee tournoi");
    return words;
}

// Streets, squares and monuments: with the name that follows they make one
// place, named whole ("la place de la Concorde", "le château de Versailles",
// "la tour Eiffel", "la rue Gaston-Gallimard"), as newspapers and the HIPE and
// CoNLL conventions have it. Institutions in buildings (hôpital, lycée) and
// events (prix, festival) are not here.
const WordSet& site_nouns() {
    static const WordSet words = words_of(
        "rue avenue boulevard quai allee impasse place esplanade square pont porte chateau palais abbaye "
        "cathedrale basilique eglise chapelle mosquee synagogue tour jardin jardins parc stade theatre musee gare "
        "aeroport halle cimetiere");
    return words;
}

// Words that make a dispatch a sports report, where sides go by nicknames
// ("les All Blacks"). Not "victoire" nor "coupe": elections and budgets have them too.
const WordSet& sports_words() {
    static const WordSet words = words_of(
        "match matchs finale finales championnat championnats rugby football basket basketball hockey handball "
        "volley baseball selectionneur entraineur penalty mondial tournoi");
    return words;
}

bool is_building_noun(std::string_view w) {
    static const WordSet words =
        words_of("house palace hall street square road avenue lane castle abbey tower bridge gardens garden");
    return words.count(w) != 0;
}

bool is_venue_tail(std::string_view w) {
    static const WordSet words = words_of("stadium arena center centre theatre theater park dome");
    return words.count(w) != 0;
}

bool is_press_tail(std::string_view w) {
    static const WordSet words = words_of("hebdo magazine times post journal tribune gazette herald mail");
    return words.count(w) != 0;
}

bool is_company_tail(std::string_view w) {
    static const WordSet words = words_of(
        "motors motor group holding holdings inc corp corporation ltd llc plc gmbh ag airlines airways "
        "industries technologies pharmaceuticals pharma electronics entertainment studios records "
        "communications telecom partners capital investments bank insurance");
    return words.count(w) != 0;
}

bool is_federal_body(std::string_view w) {
    // Not "Bundesland" (a state, a common noun) nor its plural "Bundesländer".
    return w.size() > 8 && w.substr(0, 6) == "bundes" && w.substr(0, 10) != "bundesland";
}

bool is_church_noun(std::string_view w) {
    static const WordSet words = words_of("cathedrale basilique eglise chapelle abbatiale collegiale");
    return words.count(w) != 0;
}

// Nationalities the demonym endings miss ("serbe", "afghan", "argentin",
// "libyen"), singular and plural.
namespace {
bool other_nationality(std::string_view w) {
    static const WordSet words = words_of(
        "russe russes turc turcs turque turques grec grecs grecque grecques belge belges suisse suisses kurde "
        "kurdes britannique britanniques tcheque tcheques slovaque slovaques serbe serbes croate croates slovene "
        "slovenes bulgare bulgares moldave moldaves bielorusse bielorusses letton lettons lettone lettones "
        "tchetchene tchetchenes turkmene turkmenes afghan afghans afghane afghanes birman birmans birmane "
        "birmanes kazakh kazakhs kazakhe kazakhes ouzbek ouzbeks ouzbeke ouzbekes libyen libyens libyenne "
        "libyennes nigerian nigerians nigeriane nigerianes kenyan kenyans kenyane kenyanes argentin argentins "
        "argentine argentines philippin philippins philippine philippines chypriote chypriotes montenegrin "
        "montenegrins montenegrine montenegrines kosovar kosovars kosovare kosovares qatari qataris qatarie "
        "qataries emirati emiratis emiratie emiraties monegasque monegasques");
    return words.count(w) != 0;
}
}  // namespace

bool is_demonym(std::string_view w) {
    static const Endings endings(
        "ain aine ains aines ais aise aises ien ienne iens iennes ois oise oises and ande ands "
        "andes ol ole ols oles een eenne ite ites");
    return endings.match(w) || other_nationality(w);
}

// A nationality adjective in the singular, lower case, after the name of a
// body: "le Sénat espagnol", "l'Académie suédoise", "le Congrès américain".
// The demonym endings, less the adverbs, verbs and adjectives that share them
// and can follow a subject's name ("le Sénat désormais", "la Cour demande").
bool is_nationality_adjective(std::string_view w) {
    static const Endings endings("ain aine ais aise ien ienne ois oise and ande ol ole een eenne");
    static const WordSet other = words_of(
        "demain jamais desormais toutefois parfois autrefois demande demandent commande controle quotidien "
        "quotidienne ancien ancienne prochain prochaine certain certaine humain humaine soutien entretien "
        "lointain lointaine mondain souverain souveraine vilain urbain urbaine romain romaine chretien "
        "chretienne moyen moyenne europeen europeenne grand grande");
    if (other.count(w)) return false;
    return endings.match(w) || (other_nationality(w) && w != "kurde" && w != "kurdes");
}

bool is_roman_ordinal(std::string_view text) {
    // The numeral is the word's leading numeral letters, and the rest is one
    // of the ordinal suffixes, whole: "XIXe", "XIXème", "Ier", "Ire". Most
    // capitals stop at the first letter.
    constexpr std::string_view numerals = "IVXLCDM";
    if (text.empty() || numerals.find(text[0]) == std::string_view::npos) return false;
    std::size_t k = 1;
    while (k < text.size() && numerals.find(text[k]) != std::string_view::npos) ++k;
    // One letter only for I, V, X: "Ve République", but "Le", "De", "Me" are words.
    if (k == 1 && text[0] != 'I' && text[0] != 'V' && text[0] != 'X') return false;
    const std::string_view suffix = text.substr(k);
    for (std::string_view s : {"e", "eme", "\xC3\xA8me", "er", "re", "\xC3\xA8re"})
        if (suffix == s) return true;
    return false;
}

// Adjectives between a cue noun and the name: "le président américain",
// "le groupe jihadiste". Nationalities are too many to list: their endings
// are enough here.
bool adjective_like(std::string_view w) {
    static const WordSet words = words_of(
        "ancien ancienne nouveau nouvelle ex futur future actuel actuelle sortant sortante adjoint adjointe "
        "delegue deleguee russe turc turque grec grecque belge suisse kurde arabe afghan afghane democrate "
        "conservateur conservatrice liberal liberale radical rebelle chiite sunnite interimaire honoraire "
        "emerite d etat francais");
    static const Endings endings(
        "ain aine ains aines ais aise aises ien ienne iens iennes ique iques and ande ands andes ois "
        "oise oises ol ole ols oles een eenne iste istes in ine");
    if (words.count(w)) return true;
    return endings.match(w);
}

bool is_name_particle(std::string_view w) {
    static const WordSet words =
        words_of("de du des la le van von der den di da del della dos das do ben bin ibn el al y ter");
    return words.count(w) != 0;
}

bool is_english_particle(std::string_view w) {
    return w == "the" || w == "of" || w == "and" || w == "for";
}

bool is_hyphen_particle(std::string_view w) {
    static const WordSet words = words_of("de du des la le les sur sous en lez aux au et");
    return words.count(w) != 0;
}

bool is_roman_numeral(std::string_view w) {
    for (char c : w)
        if (c != 'i' && c != 'v' && c != 'x' && c != 'l' && c != 'c' && c != 'd' && c != 'm') return false;
    return !w.empty();
}

std::uint16_t scan_gap(std::string_view g) {
    if (g.size() == 1 && g[0] == ' ') return kSpace;  // between most tokens
    std::uint16_t flags = 0;
    int newlines = 0;
    for (std::size_t i = 0; i < g.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(g[i]);
        if (c < 0x80) {
            switch (c) {
                case ' ':
                case '\t':
                case '\r':
                    flags |= kSpace;
                    break;
                case '\n':
                    flags |= kSpace;
                    if (++newlines > 1) flags |= kParagraph;
                    break;
                case '-':
                    flags |= kHyphen;
                    break;
                case '.':
                    flags |= kDot | kStop;
                    break;
                case '!':
                case '?':
                case ';':
                    flags |= kStop;
                    break;
                case ',':
                    flags |= kComma;
                    break;
                case '"':
                    flags |= kQuote;
                    break;
                case '(':
                case '[':
                    flags |= kParenOpen;
                    break;
                case ')':
                case ']':
                    flags |= kParenClose;
                    break;
                case ':':
                    flags |= kColon;
                    break;
                default:
                    flags |= kOther;
                    break;
            }
            continue;
        }
        const std::string_view rest = g.substr(i);
        auto is = [&](std::string_view seq) { return rest.substr(0, seq.size()) == seq; };
        if (is("\xC2\xA0") || is("\xE2\x80\xAF") || is("\xE2\x80\x89")) {
            flags |= kSpace;  // no-break, narrow no-break and thin spaces
        } else if (is("\xE2\x80\x90") || is("\xE2\x80\x91")) {
            flags |= kHyphen;
        } else if (is("\xE2\x80\xA6")) {
            flags |= kStop;  // …
        } else if (is("\xC2\xAB") || is("\xC2\xBB") || is("\xE2\x80\x9C") || is("\xE2\x80\x9D")) {
            flags |= kQuote;  // « » “ ”
        } else {
            flags |= kOther;
        }
        while (i + 1 < g.size() && (static_cast<unsigned char>(g[i + 1]) & 0xC0) == 0x80) ++i;
    }
    return flags;
}

// The folded elision of a token ("d", "l", "qu"), from its bytes before the apostrophe.
std::string_view elided_particle(std::string_view elided) {
    // The one-letter particles first (kOneLetter of them).
    static constexpr std::string_view kParticles[] = {"l", "d",  "j",     "m",      "n",      "s",     "t",
                                                      "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"};
    constexpr std::size_t kOneLetter = 8;
    static_assert(kParticles[kOneLetter - 1].size() == 1 && kParticles[kOneLetter].size() > 1);
    std::size_t n = 0;
    char lower[8];
    for (char c : elided) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) || n == sizeof lower) break;
        lower[n++] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    const std::string_view p(lower, n);
    // Most elisions are one letter ("l'", "d'"): found without comparing strings.
    if (n == 1) {
        for (std::size_t k = 0; k < kOneLetter; ++k)
            if (kParticles[k][0] == lower[0]) return kParticles[k];
        return {};
    }
    for (std::size_t k = kOneLetter; k < std::size(kParticles); ++k)
        if (p == kParticles[k]) return kParticles[k];
    return {};
}

std::string collapse_spaces(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char c : s) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) out.push_back(' ');
        space = false;
        out.push_back(c);
    }
    return out;
}

}  // namespace depeche::cues
