// The words of French date expressions and the tense of a clause: the grammar's word table (months,
// weekdays, units, numbers, cue words, each with its role), abbreviated months and ordinals, the word lists
// that tell a future from a past, and the Scanner's reading of the tense around a date (clause_tense).
#include "dates_detail.hpp"

#include <array>
#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

// The month and weekday names, the number words and the cue words below are
// hard-coded: they are the closed grammar of French date expressions (like
// the stop word list), not a lexicon that grows, and the rules need each one
// with its role ("dernier" after a weekday, "mi" before a month). Locale data
// (CLDR) would add nothing the rules could use.

namespace depeche::dates_detail {

// ---- the grammar ------------------------------------------------------------

namespace {
std::uint32_t length_bit(std::size_t n) {
    return std::uint32_t{1} << (n < 31 ? n : 31);
}

// The grammar's words in an open-addressing table hashed on the length and three bytes (about 130 words in
// 512 slots; the cue lists below use it too). Nearly every token is no date word: a word can only be one when some
// entry has its first byte and its length, and some entry its last byte and its length, which answers most without
// hashing. The third of all tokens that pass ("de", "des", "est", "une"...) cost a multiply and a comparison or two,
// where std::unordered_map hashed the whole word (Murmur) and walked a bucket: lookup() went from 80 to about 30
// instructions a call.
class WordTable {
public:
    // Room for `capacity` words at most (slots: a power of two, at least twice as many).
    explicit WordTable(std::size_t capacity) {
        std::size_t n = 16;
        while (n < 2 * capacity) n *= 2;
        slots_.resize(n);
        mask_ = n - 1;
    }

    void add(std::string_view word, Word value) {
        std::size_t slot = hash(word);
        for (; !slots_[slot].word.empty(); slot = (slot + 1) & mask_)
            if (slots_[slot].word == word) return;  // the first role given stays
        slots_[slot] = {word, value};
        first_[static_cast<unsigned char>(word.front())] |= length_bit(word.size());
        last_[static_cast<unsigned char>(word.back())] |= length_bit(word.size());
        if (2 * ++size_ > slots_.size()) throw std::logic_error("dates: a word table is too full");
    }

    // The first and last byte tests of find, for the inline lookup().
    WordBits bits() const {
        WordBits b{};
        for (std::size_t c = 0; c < 256; ++c) b.first[c] = first_[c], b.last[c] = last_[c];
        return b;
    }

    // `word` is not empty.
    const Word* find(std::string_view word) const {
        const std::size_t n = word.size();
        const std::uint32_t bit = length_bit(n);
        if (!(first_[static_cast<unsigned char>(word.front())] & bit) ||
            !(last_[static_cast<unsigned char>(word.back())] & bit))
            return nullptr;
        for (std::size_t slot = hash(word);; slot = (slot + 1) & mask_) {
            const Slot& s = slots_[slot];
            if (s.word.empty()) return nullptr;
            if (s.word.size() == n && equal(s.word.data(), word.data(), n)) return &s.value;
        }
    }

private:
    struct Slot {
        std::string_view word;
        Word value{};
    };

    std::size_t hash(std::string_view word) const {
        const auto byte = [&](std::size_t k) { return static_cast<std::size_t>(static_cast<unsigned char>(word[k])); };
        const std::size_t n = word.size();
        return ((((byte(0) * 31 + byte(n / 2)) * 31 + byte(n - 1) + n * 0x9E3779B1u) * 0x9E3779B1u) >> 7) & mask_;
    }

    // Words of a dozen bytes: a loop is cheaper than a call to memcmp.
    static bool equal(const char* a, const char* b, std::size_t n) {
        for (std::size_t k = 0; k < n; ++k)
            if (a[k] != b[k]) return false;
        return true;
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::array<std::uint32_t, 256> first_{}, last_{};
    std::size_t size_ = 0;
};

// The cue word lists below, on the same table (std::unordered_set hashed each word whole).
class WordSet {
public:
    WordSet(std::initializer_list<std::string_view> words) : table_(words.size()) {
        for (std::string_view w : words) table_.add(w, Word{});
    }
    bool count(std::string_view word) const { return !word.empty() && table_.find(word) != nullptr; }

private:
    WordTable table_;
};

WordTable make_grammar() {
    WordTable words(200);
    // Values from `first`, `step` apart: add(Kind::month, 1, 1, {...}) numbers the months.
    auto add = [&](Kind kind, int first, int step, std::initializer_list<const char*> names) {
        for (const char* name : names) words.add(name, Word{kind, first}), first += step;
    };
    add(Kind::month, 1, 1,
        {"janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
         "decembre"});
    add(Kind::weekday, 1, 1, {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"});
    add(Kind::relative_day, 0, 0, {"aujourd'hui", "aujourdhui"});
    add(Kind::relative_day, -1, 0, {"hier"});
    add(Kind::relative_day, 1, 0, {"demain"});
    add(Kind::unit, day_unit, 0, {"jour", "jours"});
    add(Kind::unit, week_unit, 0, {"semaine", "semaines"});
    add(Kind::unit, month_unit, 0, {"mois"});
    add(Kind::unit, year_unit, 0, {"an", "ans", "annee", "annees"});
    add(Kind::last, 0, 0, {"dernier", "derniere", "derniers", "dernieres", "passe", "passee"});
    add(Kind::next, 0, 0, {"prochain", "prochaine", "prochains", "prochaines"});
    add(Kind::demonstrative, 0, 0, {"ce", "cet", "cette"});
    add(Kind::modifier, 0, 0, {"debut", "fin", "mi", "courant"});
    add(Kind::range_open, 0, 0, {"du", "de", "entre"});
    add(Kind::ordinal, 1, 1, {"premier", "deuxieme", "troisieme", "quatrieme"});
    add(Kind::ordinal, 2, 0, {"second"});
    add(Kind::season, 1, 1, {"printemps", "ete", "automne", "hiver"});
    add(Kind::quarter_code, 1, 1, {"t1", "t2", "t3", "t4"});
    add(Kind::quarter_code, 11, 1, {"s1", "s2"});
    add(Kind::number, 1, 0, {"un", "une"});
    add(Kind::number, 2, 1,
        {"deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze",
         "quinze", "seize"});
    add(Kind::number, 20, 10, {"vingt", "trente", "quarante", "cinquante", "soixante"});
    add(Kind::number, 100, 0, {"cent"});
    add(Kind::il, 0, 0, {"il"});
    add(Kind::dans, 0, 0, {"dans"});
    add(Kind::holiday, 0, 0,
        {"noel", "paques", "toussaint", "assomption", "ascension", "pentecote", "halloween", "thanksgiving", "nouvel",
         "saint", "fete"});
    add(Kind::holiday_lead, 0, 0, {"veille", "lendemain", "surlendemain", "reveillon", "soir", "nuit", "matin"});
    add(Kind::weekend, 0, 0, {"week", "weekend"});
    add(Kind::century, 0, 0, {"siecle"});
    return words;
}

// Built when the program loads (from literals only, and no static initialiser looks a date word up):
// a function-local static put its guard and its builder's stack frame in every call of lookup().
const WordTable kGrammar = make_grammar();

}  // namespace

const WordBits kGrammarBits = kGrammar.bits();

const Word* lookup_in_table(std::string_view folded) {
    return kGrammar.find(folded);
}

// Abbreviated months, only taken after a day number ("12 sept. 2015", "3 Sept"; see Scanner::month_at for
// when the full stop may be missing): "sept" alone is the number seven. "jan" and "sep", the short forms of
// listings and tables, too.
int month_abbreviation(std::string_view folded) {
    static const std::unordered_map<std::string_view, int> kAbbr = {{"janv", 1}, {"jan", 1},  {"fev", 2},  {"fevr", 2},
                                                                    {"avr", 4},  {"juil", 7}, {"sept", 9}, {"sep", 9},
                                                                    {"oct", 10}, {"nov", 11}, {"dec", 12}};
    auto it = kAbbr.find(folded);
    return it == kAbbr.end() ? 0 : it->second;
}

// Ordinal of a quarter or half: "premier", "1er", "2e", "2ème", "dernier"
// (the last one: only with an explicit year).
int period_ordinal(std::string_view f) {
    if (f == "premier" || f == "premiere" || f == "1er" || f == "1re" || f == "1ere") return 1;
    if (f == "deuxieme" || f == "second" || f == "seconde" || f == "2e" || f == "2eme") return 2;
    if (f == "troisieme" || f == "3e" || f == "3eme") return 3;
    if (f == "quatrieme" || f == "4e" || f == "4eme") return 4;
    if (f == "dernier" || f == "derniere") return 9;
    return 0;
}

// "12e", "12eme", "3e": 1-53 (weeks of a year); 0 otherwise.
int numbered_ordinal(std::string_view f) {
    std::size_t k = 0;
    int n = 0;
    while (k < f.size() && k < 2 && f[k] >= '0' && f[k] <= '9') n = n * 10 + (f[k++] - '0');
    if (k == 0 || (f.substr(k) != "e" && f.substr(k) != "eme")) return 0;
    return n >= 1 && n <= 53 ? n : 0;
}

// ---- tense cues around a weekday --------------------------------------------

bool is_future_word(std::string_view f) {
    static const WordSet kWords = {
        "prochain", "prochaine", "prochains", "prochaines", "doit",      "doivent",    "devra",      "devront",
        "devrait",  "devraient", "va",        "vont",       "vais",      "allons",     "aura",       "auront",
        "sera",     "seront",    "ira",       "iront",      "prevu",     "prevue",     "prevus",     "prevues",
        "attendu",  "attendue",  "attendus",  "attendues",  "programme", "programmee", "programmes", "programmees"};
    return kWords.count(f) != 0;
}

// Present tense of verbs that announce an event: "les syndicats organisent
// une manifestation jeudi" is a future Thursday.
bool is_announcing_present(std::string_view f) {
    static const WordSet kWords = {"organise",  "organisent",  "tient",   "tiennent",  "reunit",    "reunissent",
                                   "accueille", "accueillent", "recoit",  "recoivent", "manifeste", "manifestent",
                                   "ouvre",     "ouvrent",     "debute",  "debutent",  "commence",  "commencent",
                                   "appelle",   "appellent",   "rend",    "rendent",   "vote",      "votent",
                                   "entame",    "entament",    "celebre", "celebrent", "rencontre", "rencontrent"};
    return kWords.count(f) != 0;
}

// Nouns and names that look like a future ("-ra", "-ront", "-rons", "-rai").
bool is_false_future(std::string_view f) {
    static const WordSet kWords = {"camera",  "opera",    "extra",    "sahara",    "cobra",     "mantra",    "sierra",
                                   "ultra",   "contra",   "para",     "zebra",     "agora",     "tiara",     "mascara",
                                   "cholera", "angora",   "tora",     "hora",      "era",       "front",     "affront",
                                   "patrons", "environs", "citrons",  "marrons",   "escadrons", "biberons",  "perons",
                                   "larrons", "macarons", "potirons", "vignerons", "bucherons", "chaperons", "vrai",
                                   "minerai", "frai"};
    return kWords.count(f) != 0;
}

// Nouns in "-ait" that are no imperfect; "devait" announces as often as it
// reports.
bool is_false_imperfect(std::string_view f) {
    static const WordSet kWords = {"portrait", "retrait", "extrait",  "souhait",  "attrait", "bienfait",
                                   "forfait",  "parfait", "abstrait", "distrait", "devait",  "devaient"};
    return kWords.count(f) != 0;
}

// The conditional, a future seen from the past ("le vote aurait lieu
// jeudi", "les motions pourraient être examinées lundi"): "-erait" as
// written (the imperfect of "espérer" is "espérait", with its accent), and
// the irregular stems.
bool is_conditional(std::string_view word, std::string_view f) {
    static const WordSet kIrregular = {
        "serait",      "seraient",  "aurait",      "auraient", "pourrait",  "pourraient", "voudrait",
        "voudraient",  "faudrait",  "irait",       "iraient",  "ferait",    "feraient",   "viendrait",
        "viendraient", "tiendrait", "tiendraient", "verrait",  "verraient", "devrait",    "devraient"};
    if (kIrregular.count(f)) return true;
    return f.size() >= 7 && (ends_with(word, "erait") || ends_with(word, "eraient"));
}

// Nouns in "-er" and "-ir" that follow "de" or "pour" as often as an
// infinitive does.
bool is_false_infinitive(std::string_view f) {
    static const WordSet kWords = {
        "premier", "dernier", "hier",    "fer",      "mer",       "hiver",   "cancer", "dossier",  "quartier",
        "pouvoir", "avenir",  "plaisir", "loisir",   "desir",     "soir",    "espoir", "devoir",   "savoir",
        "janvier", "fevrier", "foyer",   "loyer",    "chantier",  "palmier", "acier",  "papier",   "metier",
        "pilier",  "cahier",  "sentier", "atelier",  "cuir",      "elixir",  "empire", "super",    "laser",
        "leader",  "manager", "poker",   "revolver", "hamburger", "cluster", "hacker", "sprinter", "reporter"};
    return kWords.count(f) != 0;
}

// "organisé", "organisées": the accent the folding took off tells the
// participle from the present "organise".
bool spelled_as_participle(std::string_view word) {
    for (std::string_view tail : {"é", "ée", "és", "ées"})
        if (ends_with(word, tail)) return true;
    return false;
}

// Participles of the verbs conjugated with "être" ("il est arrivé"), any
// gender and number.
bool is_etre_participle(std::string_view f) {
    static const WordSet kWords = {"arrive",   "parti",   "mort",     "ne",        "venu",    "revenu",  "devenu",
                                   "alle",     "rentre",  "tombe",    "reste",     "entre",   "sorti",   "monte",
                                   "descendu", "passe",   "retourne", "intervenu", "parvenu", "survenu", "decede",
                                   "repart",   "reparti", "redevenu", "apparu",    "disparu", "advenu"};
    if (kWords.count(f)) return true;
    for (std::string_view tail : {"s", "e", "es"})
        if (ends_with(f, tail) && kWords.count(f.substr(0, f.size() - tail.size()))) return true;
    return false;
}

bool is_participle_shape(std::string_view f) {
    static const char* const kEndings[] = {"e", "es", "i", "is", "u", "us", "it", "its", "int", "ert", "ort"};
    for (const char* e : kEndings)
        if (ends_with(f, e)) return true;
    return false;
}

// ---- the tense of a clause --------------------------------------------------

// Past or future for a date at tokens [first, last]: the nearest cue
// within a few words, in the same sentence, decides; none when there is
// none (a weekday then is past: wire copy mostly reports).
Tense Scanner::clause_tense(std::size_t first, std::size_t last, bool near) const {
    constexpr std::size_t kBack = 6, kForward = 5;
    bool back_open = true, forward_open = true;
    std::size_t comma = 0;  // the first token after a comma, forward (0: none yet)
    for (std::size_t d = 1; d <= kBack || d <= kForward; ++d) {
        if (back_open && d <= kBack) {
            if (first < d || clause_break(first - d + 1)) {
                back_open = false;
            } else if (Tense t = cue(first - d, near); t != Tense::none) {
                return t;
            } else if (inverted_past(first - d)) {
                return Tense::past;
            }
        }
        if (forward_open && d <= kForward) {
            const std::size_t k = last + d;
            if (!has(k) || clause_break(k)) {
                forward_open = false;
            } else {
                if (!comma && between(k).find(',') != std::string_view::npos) comma = k;
                // "... le 7 juillet, a précisé le ministre": the past of an
                // attribution (verb first, after a comma) is not the event's.
                const Tense t = cue(k, near);
                const bool attribution = t == Tense::past && comma && k == comma + 1 && is_verb_a(comma);
                if (t != Tense::none && !attribution) return t;
            }
        }
    }
    return Tense::none;
}

// Token k is the auxiliary of the participle `participle` in a past
// tense. "est" and "sont" make one only with a reflexive ("s'est rendu")
// or a verb conjugated with "être" ("sont arrivés"); otherwise they make
// a present passive ("les étapes sont fixées au 9 juin").
bool Scanner::is_auxiliary(std::size_t k, std::string_view participle) const {
    if (is_verb_a(k)) return true;
    if (!has(k)) return false;
    const std::string_view f = fw(k);
    if (f == "est" || f == "sont")
        return elision(k) == "s" || (k > 0 && fw(k - 1) == "se") || is_etre_participle(participle);
    static const WordSet kAux = {"ont", "avait", "avaient", "etait", "etaient", "ete", "eu", "aurait", "auraient"};
    return kAux.count(f) != 0;
}

// A word of a date expression: "dernier" after it is the date's, not the
// clause's ("l'équipe victorieuse samedi dernier, pour affronter dimanche").
bool Scanner::is_date_word(std::size_t k) const {
    const Word* w = lookup(fw(k));
    if (w) return w->kind == Kind::weekday || w->kind == Kind::month || w->kind == Kind::unit;
    return all_digits(fw(k));
}

// An infinitive after "de", "pour", "à" or a verb of intent: what is still
// to be done ("a promis de saisir la justice lundi", "pour affronter
// dimanche l'Irlande", "à partir de dimanche").
bool Scanner::infinitive_cue(std::size_t k) const {
    const std::string_view f = fw(k);
    if (f.size() < 4 || !(ends_with(f, "er") || ends_with(f, "ir")) || is_false_infinitive(f)) return false;
    const std::string e = elision(k);
    if (e == "d") return true;
    if ((!e.empty() && e != "s") || k == 0 || !spaced(k)) return false;
    static const WordSet kBefore = {"de",       "pour",       "doit",     "doivent",    "va",      "vont",
                                    "peut",     "peuvent",    "veut",     "veulent",    "compte",  "comptent",
                                    "entend",   "entendent",  "souhaite", "souhaitent", "prevoit", "prevoient",
                                    "pourrait", "pourraient", "afin",     "sans"};
    const Token& p = tok(k - 1);
    return kBefore.count(p.folded) != 0 || p.text == "\xC3\xA0" || p.text == "\xC3\x80";  // à À
}

// "à cinq jours du scrutin": counting down to an event.
bool Scanner::countdown_cue(std::size_t k) const {
    const std::string_view f = fw(k);
    if ((f != "jours" && f != "semaines") || k < 2 || !spaced(k)) return false;
    const std::string_view n = fw(k - 1);
    if (!all_digits(n) && !word_value(k - 1, Kind::number)) return false;
    const std::string_view a = tok(k - 2).text;
    if (a != "\xC3\xA0" && a != "\xC3\x80" && a != "A") return false;
    const std::string_view de = fw(k + 1);
    return (de == "de" || de == "du" || de == "des") && fw(k + 2) != "prison";
}

// "a-t-il tweeté mercredi", "a-t-elle déclaré lundi": a past with its subject
// after the auxiliary, which is an attribution ("..., a-t-il précisé"): its
// past is the date's only when the date follows it (clause_tense looks back).
bool Scanner::inverted_past(std::size_t k) const {
    const std::string_view f = fw(k);
    return k >= 3 && !tok(k).stop && !tok(k).capitalised && is_participle_shape(f) && fw(k - 2) == "t" &&
           hyphened(k - 2) && hyphened(k - 1) && is_auxiliary(k - 3, f);
}

// The tense token k gives, if any; with `near`, for a weekday, the first persons' future too.
Tense Scanner::cue(std::size_t k, bool near) const {
    const Token& t = tok(k);
    const std::string_view f = t.folded;
    if (t.capitalised || !has_letter(f)) return Tense::none;
    if (k > 0 && (has_kind(f, Kind::last) || has_kind(f, Kind::next)) && is_date_word(k - 1)) return Tense::none;
    if (countdown_cue(k)) return Tense::future;
    if (is_future_word(f) && (f.compare(0, 9, "programme") != 0 || spelled_as_participle(t.text)))
        return Tense::future;  // "programmé", not "le programme"
    if (has_kind(f, Kind::last)) return Tense::past;
    if (f == "lieu" && k > 0) {  // "a lieu" announces, "a eu lieu" reports
        if (fw(k - 1) == "eu") return Tense::past;
        if (is_verb_a(k - 1) || fw(k - 1) == "ont" || is_conditional(tok(k - 1).text, fw(k - 1))) return Tense::future;
        return Tense::none;
    }
    // Passé composé: "a annoncé", "ont déclaré", "s'est rendu", "a été tué".
    if (!t.stop && is_participle_shape(f) &&
        ((k >= 1 && is_auxiliary(k - 1, f)) || (k >= 2 && is_auxiliary(k - 2, f) && !clause_break(k - 1))))
        return Tense::past;
    if (is_conditional(t.text, f) || infinitive_cue(k)) return Tense::future;
    if (is_announcing_present(f) && !spelled_as_participle(t.text)) return Tense::future;
    // The future: "-ra", "-ront", "-rons"; for a weekday also "-rai", "-rez", the persons of quotes ("je
    // reviendrai vendredi", "vous verrez lundi"): a weekday in a quote is the days around the dispatch, but a
    // month or a day of a month there is as often one recalled ("je n'oublierai pas le 24 mars", "ce que vous
    // ne faites pas en juillet, vous ne le ferez pas en septembre").
    if (f.size() >= 4 &&
        (ends_with(f, "ra") || ends_with(f, "ront") || ends_with(f, "rons") ||
         (near && (ends_with(f, "rai") || ends_with(f, "rez")))) &&
        !is_false_future(f))
        return Tense::future;
    if (f.size() >= 5 && (ends_with(f, "ait") || ends_with(f, "aient")) && !is_false_imperfect(f)) return Tense::past;
    return Tense::none;
}

}  // namespace depeche::dates_detail
