#include "match_walk.hpp"

#include <algorithm>
#include <limits>
#include <vector>

namespace depeche {
namespace {

using Node = MatchWalk::Node;
using NodePtr = std::unique_ptr<Node>;
constexpr Xapian::doccount kNoBound = std::numeric_limits<Xapian::doccount>::max();

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
    Postings(const Xapian::Database& db, const std::string& term)
        : it_(db.postlist_begin(term)), end_(db.postlist_end(term)) {
        bound = term.empty() ? db.get_doccount() : db.get_termfreq(term);
        current_ = it_ == end_ ? 0 : *it_;
    }

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
    std::vector<NodePtr> children_;  // the rarest first
};

// Any child matches: the smallest of their answers.
class Any final : public Memo {
public:
    explicit Any(std::vector<NodePtr> children) : children_(std::move(children)) {
        bound = 0;
        for (const auto& c : children_) bound = c->bound > kNoBound - bound ? kNoBound : bound + c->bound;
    }

private:
    Xapian::docid advance(Xapian::docid target) override {
        Xapian::docid best = 0;
        for (const auto& c : children_) {
            const Xapian::docid at = c->skip_to(target);
            if (at && (!best || at < best)) best = at;
        }
        return best;
    }
    std::vector<NodePtr> children_;
};

// The first child matches and the other does not.
class Except final : public Memo {
public:
    Except(NodePtr kept, NodePtr excluded) : kept_(std::move(kept)), excluded_(std::move(excluded)) {
        bound = kept_->bound;
    }

private:
    Xapian::docid advance(Xapian::docid target) override {
        Xapian::docid at = kept_->skip_to(target);
        while (at && excluded_->skip_to(at) == at) at = kept_->skip_to(at + 1);
        return at;
    }
    NodePtr kept_, excluded_;
};

// The walk of a subquery: `walkable` false when an operator is not
// evaluated; a null `node` matches nothing.
struct Built {
    bool walkable = true;
    NodePtr node;
};

Built build_node(const Xapian::Database& db, const Xapian::Query& q) {
    using Q = Xapian::Query;
    std::vector<NodePtr> children;
    bool any_empty = false;
    auto build_children = [&](std::size_t from) {
        for (std::size_t i = from; i < q.get_num_subqueries(); ++i) {
            Built b = build_node(db, q.get_subquery(i));
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
        case Q::LEAF_MATCH_ALL:
            return {true, std::make_unique<Postings>(db, std::string())};
        case Q::LEAF_TERM: {
            auto node = std::make_unique<Postings>(db, *q.get_terms_begin());
            if (node->bound == 0) return {};
            return {true, std::move(node)};
        }
        case Q::OP_AND:
        case Q::OP_FILTER:
            if (!build_children(0)) return {false, nullptr};
            if (any_empty || children.empty()) return {};
            if (children.size() == 1) return {true, std::move(children.front())};
            return {true, std::make_unique<All>(std::move(children))};
        case Q::OP_OR:
        case Q::OP_SYNONYM:
        case Q::OP_MAX:
            if (!build_children(0)) return {false, nullptr};
            if (children.empty()) return {};
            if (children.size() == 1) return {true, std::move(children.front())};
            return {true, std::make_unique<Any>(std::move(children))};
        case Q::OP_AND_MAYBE:
        case Q::OP_SCALE_WEIGHT: {
            // The match set is the first subquery's: the others only weigh.
            Built first = build_node(db, q.get_subquery(0));
            if (!first.walkable) return first;
            for (std::size_t i = 1; i < q.get_num_subqueries(); ++i)
                if (!build_node(db, q.get_subquery(i)).walkable) return {false, nullptr};
            return first;
        }
        case Q::OP_AND_NOT: {
            Built kept = build_node(db, q.get_subquery(0));
            if (!kept.walkable || !kept.node) return kept;
            if (!build_children(1)) return {false, nullptr};
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

}  // namespace

std::unique_ptr<MatchWalk> MatchWalk::build(const Xapian::Database& db, const Xapian::Query& query) {
    Built b = build_node(db, query);
    if (!b.walkable) return nullptr;
    return std::unique_ptr<MatchWalk>(new MatchWalk(std::move(b.node)));
}

}  // namespace depeche
