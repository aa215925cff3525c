#include "match_walk.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "facet_column.hpp"

namespace depeche {
namespace {

using Node = MatchWalk::Node;
using NodePtr = std::unique_ptr<Node>;
constexpr Xapian::doccount kNoBound = std::numeric_limits<Xapian::doccount>::max();

// Xapian's default weighting, BM25Weight, with its default parameters
// (k1 = 1, k2 = 0, k3 = 1, b = 0.5, min_normlen = 0.5), no relevance set and
// every query term once (so k3 and k2 play no part), after Robertson's BM25
// as Xapian's documentation gives it, with Xapian's floor for terms in more
// than half the documents (an idf below log 2 becomes log(idf / 2 + 1)).
// Document lengths come from the facet column, not Xapian's length list.
class Bm25 {
public:
    Bm25(const Xapian::Database& db, const FacetColumn& column)
        : column_(column), documents_(db.get_doccount()), len_factor_(db.get_avlength()) {
        if (len_factor_ != 0) len_factor_ = 1 / len_factor_;
    }
    // A term's weight before its wdf and the document's length are known.
    double term_weight(Xapian::doccount termfreq) const {
        double idf = (documents_ - termfreq + 0.5) / (termfreq + 0.5);
        if (idf < 2) idf = idf * 0.5 + 1;
        return std::log(idf) * (kK1 + 1);
    }
    // Its share of document `did`'s weight.
    double part(double term_weight, Xapian::termcount wdf, Xapian::docid did) const {
        const double normlen = std::max(column_.doclength(did) * len_factor_, kMinNormlen);
        const double w = wdf;
        return term_weight * (w / (kK1 * (normlen * kB + (1 - kB)) + w));
    }

private:
    static constexpr double kK1 = 1, kB = 0.5, kMinNormlen = 0.5;
    const FacetColumn& column_;
    double documents_;
    double len_factor_;
};

// Every operator remembers its last answer, so that an operator may ask a
// child again for a target it has already passed (an AND going round its
// children) at no cost, and stops for good at its end.
class Memo : public Node {
public:
    Xapian::docid skip_to(Xapian::docid target) final {
        if (ended_) return 0;
        if (current_ >= target) return current_;
        current_ = advance(target);
        ended_ = current_ == 0;
        return current_;
    }

protected:
    Xapian::docid current() const { return current_; }

private:
    virtual Xapian::docid advance(Xapian::docid target) = 0;
    Xapian::docid current_ = 0;
    bool ended_ = false;
};

// A term's posting list ("" for every document), the leaf of every walk and
// most often its root: one call a match, the iterator always on the docid
// it remembers (read once a posting: Xapian's operator* is a call).
class Postings final : public Node {
public:
    // `bm25` null: the term only selects.
    Postings(const Xapian::Database& db, const std::string& term, const Bm25* bm25)
        : it_(db.postlist_begin(term)), end_(db.postlist_end(term)), bm25_(bm25) {
        bound = term.empty() ? db.get_doccount() : db.get_termfreq(term);
        current_ = it_ == end_ ? 0 : *it_;
        if (bm25_) term_weight_ = bm25_->term_weight(bound);
    }

    double weight() const override { return bm25_ ? bm25_->part(term_weight_, it_.get_wdf(), current_) : 0; }

    Xapian::docid skip_to(Xapian::docid target) override {
        // current_ is 0 at the end, and targets are at least 1.
        if (current_ >= target || current_ == 0) return current_;
        // The next document is the common case of a walk: a step, not a seek.
        if (current_ + 1 == target)
            ++it_;
        else
            it_.skip_to(target);
        current_ = it_ == end_ ? 0 : *it_;
        return current_;
    }

private:
    Xapian::PostingIterator it_, end_;
    Xapian::docid current_;
    const Bm25* bm25_;
    double term_weight_ = 0;
};

// Every child matches: each in turn is asked for the candidate, and a child
// that skips past it makes its answer the new candidate, until all agree.
class All final : public Memo {
public:
    explicit All(std::vector<NodePtr> children) : children_(std::move(children)) {
        std::sort(children_.begin(), children_.end(),
                  [](const NodePtr& a, const NodePtr& b) { return a->bound < b->bound; });
        bound = children_.front()->bound;
    }

private:
    Xapian::docid advance(Xapian::docid target) override {
        Xapian::docid candidate = children_[0]->skip_to(target);
        std::size_t agreed = 1;
        for (std::size_t i = 1 % children_.size(); agreed < children_.size() && candidate;
             i = (i + 1) % children_.size()) {
            const Xapian::docid at = children_[i]->skip_to(candidate);
            if (at == candidate) {
                ++agreed;
            } else {
                candidate = at;
                agreed = 1;
            }
        }
        return candidate;
    }
    double weight() const override {
        double sum = 0;
        for (const auto& c : children_) sum += c->weight();
        return sum;
    }
    std::vector<NodePtr> children_;  // the rarest first
};

// Any child matches: the smallest of their answers, kept in a heap, so that
// a step advances only the children that were on the match (an OR of the
// many spellings of a name has dozens of children).
class Any final : public Memo {
public:
    explicit Any(std::vector<NodePtr> children) : children_(std::move(children)), answers_(children_.size()) {
        bound = 0;
        for (const auto& c : children_) bound = c->bound > kNoBound - bound ? kNoBound : bound + c->bound;
    }
    // The children on the match weigh it.
    double weight() const override {
        double sum = 0;
        for (std::size_t i = 0; i < children_.size(); ++i)
            if (answers_[i] == current()) sum += children_[i]->weight();
        return sum;
    }

private:
    using Answer = std::pair<Xapian::docid, std::size_t>;  // a child's next match, the child
    Xapian::docid advance(Xapian::docid target) override {
        if (!started_) {
            started_ = true;
            for (std::size_t i = 0; i < children_.size(); ++i)
                if ((answers_[i] = children_[i]->skip_to(target))) heap_.emplace_back(answers_[i], i);
            std::make_heap(heap_.begin(), heap_.end(), std::greater<Answer>());
        }
        while (!heap_.empty() && heap_.front().first < target) {
            std::pop_heap(heap_.begin(), heap_.end(), std::greater<Answer>());
            Answer& moved = heap_.back();
            moved.first = answers_[moved.second] = children_[moved.second]->skip_to(target);
            if (moved.first)
                std::push_heap(heap_.begin(), heap_.end(), std::greater<Answer>());
            else
                heap_.pop_back();  // that child has ended
        }
        return heap_.empty() ? 0 : heap_.front().first;
    }
    std::vector<NodePtr> children_;
    std::vector<Xapian::docid> answers_;  // each child's last answer (0: ended)
    std::vector<Answer> heap_;            // the children not ended, the least answer on top
    bool started_ = false;
};

// The first child matches and the other does not.
class Except final : public Memo {
public:
    Except(NodePtr kept, NodePtr excluded) : kept_(std::move(kept)), excluded_(std::move(excluded)) {
        bound = kept_->bound;
    }
    double weight() const override { return kept_->weight(); }

private:
    Xapian::docid advance(Xapian::docid target) override {
        Xapian::docid at = kept_->skip_to(target);
        while (at && excluded_->skip_to(at) == at) at = kept_->skip_to(at + 1);
        return at;
    }
    NodePtr kept_, excluded_;
};

// The first child's matches, weighed also by the others that match them
// (AND_MAYBE, weighed: unweighed, it is its first child).
class Maybe final : public Memo {
public:
    Maybe(NodePtr first, std::vector<NodePtr> others)
        : first_(std::move(first)), others_(std::move(others)), answers_(others_.size()) {
        bound = first_->bound;
    }
    double weight() const override {
        double sum = first_->weight();
        for (std::size_t i = 0; i < others_.size(); ++i)
            if (answers_[i] == current()) sum += others_[i]->weight();
        return sum;
    }

private:
    Xapian::docid advance(Xapian::docid target) override {
        const Xapian::docid at = first_->skip_to(target);
        if (at)
            for (std::size_t i = 0; i < others_.size(); ++i) answers_[i] = others_[i]->skip_to(at);
        return at;
    }
    NodePtr first_;
    std::vector<NodePtr> others_;
    std::vector<Xapian::docid> answers_;
};

// The walk of a subquery: `walkable` false when an operator is not
// evaluated; a null `node` matches nothing.
struct Built {
    bool walkable = true;
    NodePtr node;
};

// What a build needs beside the query: the weighting (null: a plain walk),
// and, weighing, whether every operator met is weighed as Xapian weighs it.
struct Builder {
    Builder(const Xapian::Database& database, const Bm25* weighing) : db(database), bm25(weighing) {}
    const Xapian::Database& db;
    const Bm25* bm25;
    bool weighable = true;
    std::set<std::string> weighed_terms;

    // `weighed`: the subquery's matches add to the weight (not a filter's
    // or an exclusion's side).
    Built node(const Xapian::Query& q, bool weighed) {
        using Q = Xapian::Query;
        weighed = weighed && bm25;
        std::vector<NodePtr> children;
        bool any_empty = false;
        auto build_children = [&](std::size_t from, bool children_weighed) {
            for (std::size_t i = from; i < q.get_num_subqueries(); ++i) {
                Built b = node(q.get_subquery(i), children_weighed);
                if (!b.walkable) return false;
                if (b.node)
                    children.push_back(std::move(b.node));
                else
                    any_empty = true;
            }
            return true;
        };
        switch (q.get_type()) {
            case Q::LEAF_MATCH_NOTHING:
                return {};
            case Q::LEAF_MATCH_ALL: {
                if (weighed) weighable = false;
                auto all = std::make_unique<Postings>(db, std::string(), nullptr);
                all->every_document = true;
                return {true, std::move(all)};
            }
            case Q::LEAF_TERM: {
                const std::string term = *q.get_terms_begin();
                // Xapian weighs a term met twice with its query frequency.
                if (weighed && !weighed_terms.insert(term).second) weighable = false;
                auto leaf = std::make_unique<Postings>(db, term, weighed ? bm25 : nullptr);
                if (leaf->bound == 0) return {};
                return {true, std::move(leaf)};
            }
            case Q::OP_AND:
            case Q::OP_FILTER: {
                // A filter's other subqueries select without weighing.
                Built first = node(q.get_subquery(0), weighed);
                if (!first.walkable) return first;
                if (first.node)
                    children.push_back(std::move(first.node));
                else
                    any_empty = true;
                if (!build_children(1, weighed && q.get_type() == Q::OP_AND)) return {false, nullptr};
                if (any_empty || children.empty()) return {};
                if (children.size() > 1) {
                    const auto others = std::stable_partition(children.begin(), children.end(),
                                                              [](const NodePtr& c) { return !c->every_document; });
                    if (others != children.begin()) children.erase(others, children.end());
                }
                if (children.size() == 1) return {true, std::move(children.front())};
                return {true, std::make_unique<All>(std::move(children))};
            }
            case Q::OP_SYNONYM:
            case Q::OP_MAX:
                if (weighed) weighable = false;  // their own weighing
                [[fallthrough]];
            case Q::OP_OR:
                if (!build_children(0, weighed)) return {false, nullptr};
                if (children.empty()) return {};
                if (children.size() == 1) return {true, std::move(children.front())};
                return {true, std::make_unique<Any>(std::move(children))};
            case Q::OP_SCALE_WEIGHT:
                if (weighed) weighable = false;  // its factor is not in Query's interface
                [[fallthrough]];
            case Q::OP_AND_MAYBE: {
                // The match set is the first subquery's: the others only weigh.
                Built first = node(q.get_subquery(0), weighed);
                if (!first.walkable) return first;
                if (!build_children(1, weighed)) return {false, nullptr};
                if (!first.node || !weighed || children.empty()) return first;
                return {true, std::make_unique<Maybe>(std::move(first.node), std::move(children))};
            }
            case Q::OP_AND_NOT: {
                Built kept = node(q.get_subquery(0), weighed);
                if (!kept.walkable || !kept.node) return kept;
                if (!build_children(1, false)) return {false, nullptr};
                if (children.empty()) return kept;
                NodePtr excluded =
                    children.size() == 1 ? std::move(children.front()) : std::make_unique<Any>(std::move(children));
                return {true, std::make_unique<Except>(std::move(kept.node), std::move(excluded))};
            }
            default:
                // Phrases and NEAR (positions), wildcards (expanded by the
                // matcher), value ranges, posting sources, XOR, elite sets.
                return {false, nullptr};
        }
    }
};

}  // namespace

std::unique_ptr<MatchWalk> MatchWalk::build(const Xapian::Database& db, const Xapian::Query& query) {
    Builder builder(db, nullptr);
    Built b = builder.node(query, false);
    if (!b.walkable) return nullptr;
    return std::unique_ptr<MatchWalk>(new MatchWalk(std::move(b.node), nullptr));
}

std::unique_ptr<MatchWalk> MatchWalk::build_weighed(const Xapian::Database& db, const Xapian::Query& query,
                                                    const FacetColumn& column) {
    auto bm25 = std::make_shared<const Bm25>(db, column);
    Builder builder(db, bm25.get());
    Built b = builder.node(query, true);
    if (!b.walkable || !builder.weighable) return nullptr;
    return std::unique_ptr<MatchWalk>(new MatchWalk(std::move(b.node), std::move(bm25)));
}

}  // namespace depeche
