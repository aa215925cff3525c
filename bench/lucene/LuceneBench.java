// The Lucene 4.10 baseline of bench/run.sh (Debian's liblucene4.10-java),
// compiled by bench/run.sh with javac.
//
//   LuceneBench index DIR INPUT.jsonl THREADS
//       Indexes the JSON Lines records {"id","date","title","text"} of INPUT
//       into a new index DIR with FrenchAnalyzer: title and text in one field
//       "body" with positions (Lucene's default for a TextField), the id,
//       date, title and text stored, the day (YYYYMMDD) as an IntField for
//       date ranges and a NumericDocValuesField for browsing newest first,
//       the month (YYYY-MM) as a SortedSetDocValuesFacetField for the facet.
//       THREADS threads call IndexWriter.addDocument (the main thread reads
//       and parses nothing but lines). Records with an empty text are skipped
//       and counted as rejected. Commits, closes, opens the committed index
//       and prints one JSON object: docs, rejected, bytes (title + text),
//       seconds (from the start of main to the index opened).
//
//   LuceneBench query DIR QUERIES.jsonl OUT.jsonl [--warmup N]
//       Runs every query of QUERIES ("bq" with the classic QueryParser, AND
//       by default; "from"/"to" as a NumericRangeFilter on the day), first
//       without then with the month facet (FacetsCollector and
//       SortedSetDocValuesFacetCounts, top 10 months), keeping the 10 best
//       hits and reading their stored text. One JSON line per query: qid,
//       total, ms, ms_facets. N untimed passes first (default 1).

import java.io.BufferedReader;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.FilteredQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.NumericRangeFilter;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Version;

public final class LuceneBench {
    private static final String END = "\u0000end";
    private static volatile long sink = 0;

    public static void main(String[] args) throws Exception {
        if (args.length == 4 && args[0].equals("index")) {
            System.exit(index(args[1], args[2], Integer.parseInt(args[3])));
        } else if ((args.length == 4 || args.length == 6) && args[0].equals("query")) {
            int warmup = args.length == 6 && args[4].equals("--warmup") ? Integer.parseInt(args[5]) : 1;
            System.exit(query(args[1], args[2], args[3], warmup));
        }
        System.err.println("usage: LuceneBench index DIR INPUT.jsonl THREADS\n"
                + "       LuceneBench query DIR QUERIES.jsonl OUT.jsonl [--warmup N]");
        System.exit(2);
    }

    // ---- indexing

    static int day(String date) {
        StringBuilder digits = new StringBuilder();
        for (char c : date.toCharArray())
            if (c >= '0' && c <= '9') digits.append(c);
        while (digits.length() < 8) digits.append('0');
        return Integer.parseInt(digits.substring(0, 8));
    }

    static int index(String dir, String input, int threads) throws Exception {
        final long start = System.nanoTime();
        final Analyzer analyzer = new FrenchAnalyzer(Version.LUCENE_4_10_4);
        final IndexWriterConfig config = new IndexWriterConfig(Version.LUCENE_4_10_4, analyzer);
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        final Directory directory = FSDirectory.open(new File(dir));
        final IndexWriter writer = new IndexWriter(directory, config);
        final FacetsConfig facets = new FacetsConfig();
        final BlockingQueue<String> lines = new ArrayBlockingQueue<>(256 * threads);
        final AtomicLong rejected = new AtomicLong(), bytes = new AtomicLong(), docs = new AtomicLong();
        final List<Throwable> failures = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; ++t) {
            Thread worker = new Thread(() -> {
                try {
                    for (String line = lines.take(); line != END; line = lines.take()) {
                        Map<String, String> r;
                        try {
                            r = Json.parseFlat(line);
                        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                            r = new HashMap<>();
                        }
                        String text = r.getOrDefault("text", "");
                        if (text.isEmpty()) {
                            rejected.incrementAndGet();
                            continue;
                        }
                        String title = r.getOrDefault("title", ""), date = r.getOrDefault("date", "");
                        Document doc = new Document();
                        doc.add(new StringField("id", r.getOrDefault("id", ""), Field.Store.YES));
                        doc.add(new StoredField("date", date));
                        doc.add(new StoredField("title", title));
                        doc.add(new StoredField("text", text));
                        doc.add(new TextField("body", title + "\n" + text, Field.Store.NO));
                        doc.add(new IntField("day", day(date), Field.Store.NO));
                        doc.add(new NumericDocValuesField("dayv", day(date)));
                        doc.add(new SortedSetDocValuesFacetField("month", date.length() >= 7 ? date.substring(0, 7) : date));
                        writer.addDocument(facets.build(doc));
                        docs.incrementAndGet();
                        bytes.addAndGet(title.getBytes(StandardCharsets.UTF_8).length
                                + text.getBytes(StandardCharsets.UTF_8).length);
                    }
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                    lines.clear();
                }
            });
            worker.start();
            workers.add(worker);
        }
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new FileInputStream(input), StandardCharsets.UTF_8), 1 << 20)) {
            for (String line = in.readLine(); line != null; line = in.readLine())
                if (!line.isEmpty()) {
                    while (!lines.offer(line, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        synchronized (failures) {
                            if (!failures.isEmpty()) break;
                        }
                    }
                }
        }
        for (int t = 0; t < threads; ++t) lines.put(END);
        for (Thread worker : workers) worker.join();
        if (!failures.isEmpty()) {
            failures.get(0).printStackTrace();
            writer.rollback();
            return 1;
        }
        writer.commit();
        writer.close();
        int opened;
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            opened = reader.numDocs();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println("{\"docs\":" + opened + ",\"rejected\":" + rejected.get() + ",\"bytes\":" + bytes.get()
                + ",\"seconds\":" + seconds + ",\"threads\":" + threads + "}");
        return opened == docs.get() ? 0 : 1;
    }

    // ---- queries

    static final class BenchQuery {
        String qid, text, from, to;
    }

    static final class Outcome {
        long total;
        double ms;
    }

    static Outcome run(IndexSearcher searcher, SortedSetDocValuesReaderState state, Analyzer analyzer, BenchQuery q,
            boolean withFacets) throws Exception {
        long start = System.nanoTime();
        Outcome out = new Outcome();
        Query query;
        if (q.text.isEmpty()) {
            query = new MatchAllDocsQuery();
        } else {
            QueryParser parser = new QueryParser(Version.LUCENE_4_10_4, "body", analyzer);
            parser.setDefaultOperator(QueryParser.Operator.AND);
            try {
                query = parser.parse(q.text);
            } catch (ParseException e) {  // timed, counted as no match
                out.ms = (System.nanoTime() - start) / 1e6;
                return out;
            }
        }
        if (!q.from.isEmpty() || !q.to.isEmpty()) {
            int lo = q.from.isEmpty() ? 0 : day(q.from), hi = q.to.isEmpty() ? 99999999 : day(q.to) / 100 * 100 + 99;
            query = new FilteredQuery(query, NumericRangeFilter.newIntRange("day", lo, hi, true, true));
        }
        Sort newest = q.text.isEmpty() ? new Sort(new SortField("dayv", SortField.Type.INT, true)) : null;
        TopDocs top;
        if (withFacets) {
            FacetsCollector collector = new FacetsCollector();
            top = newest != null ? FacetsCollector.search(searcher, query, null, 10, newest, collector)
                                 : FacetsCollector.search(searcher, query, 10, collector);
            if (top.totalHits > 0) {
                Facets facets = new SortedSetDocValuesFacetCounts(state, collector);
                FacetResult months = facets.getTopChildren(10, "month");
                if (months != null) sink += months.childCount;
            }
        } else {
            top = newest != null ? searcher.search(query, 10, newest) : searcher.search(query, 10);
        }
        for (ScoreDoc hit : top.scoreDocs) sink += searcher.doc(hit.doc).get("text").length();
        out.total = top.totalHits;
        out.ms = (System.nanoTime() - start) / 1e6;
        return out;
    }

    static int query(String dir, String queriesPath, String outPath, int warmup) throws Exception {
        List<BenchQuery> queries = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new FileInputStream(queriesPath), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) continue;
                Map<String, String> j = Json.parseFlat(line);
                BenchQuery q = new BenchQuery();
                q.qid = j.get("qid");
                q.text = j.getOrDefault("bq", "");
                q.from = j.getOrDefault("from", "");
                q.to = j.getOrDefault("to", "");
                queries.add(q);
            }
        }
        Analyzer analyzer = new FrenchAnalyzer(Version.LUCENE_4_10_4);
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(new File(dir)))) {
            IndexSearcher searcher = new IndexSearcher(reader);
            SortedSetDocValuesReaderState state = new DefaultSortedSetDocValuesReaderState(reader);
            for (int w = 0; w < warmup; ++w)
                for (BenchQuery q : queries) run(searcher, state, analyzer, q, true);
            List<Outcome> plain = new ArrayList<>(), faceted = new ArrayList<>();
            for (BenchQuery q : queries) plain.add(run(searcher, state, analyzer, q, false));
            for (BenchQuery q : queries) faceted.add(run(searcher, state, analyzer, q, true));
            try (PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(outPath),
                    StandardCharsets.UTF_8))) {
                for (int i = 0; i < queries.size(); ++i)
                    out.println("{\"qid\":\"" + queries.get(i).qid + "\",\"total\":" + faceted.get(i).total
                            + ",\"ms\":" + plain.get(i).ms + ",\"ms_facets\":" + faceted.get(i).ms + "}");
            }
        }
        return 0;
    }

    // ---- a reader for flat JSON objects whose values are strings (or
    // numbers, kept as their text): all that the corpus and the query
    // files hold.
    static final class Json {
        static Map<String, String> parseFlat(String s) {
            Map<String, String> out = new HashMap<>();
            int[] at = {skip(s, 0)};
            expect(s, at, '{');
            if (peek(s, at) == '}') return out;
            while (true) {
                String key = string(s, at);
                expect(s, at, ':');
                String value;
                char c = peek(s, at);
                if (c == '"') {
                    value = string(s, at);
                } else {
                    int from = at[0];
                    while (at[0] < s.length() && ",} \t".indexOf(s.charAt(at[0])) < 0) at[0]++;
                    value = s.substring(from, at[0]);
                }
                out.put(key, value);
                char next = peek(s, at);
                at[0]++;
                if (next == '}') return out;
                if (next != ',') throw new IllegalArgumentException("bad JSON: " + s);
            }
        }

        static int skip(String s, int i) {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
            return i;
        }

        static char peek(String s, int[] at) {
            at[0] = skip(s, at[0]);
            if (at[0] >= s.length()) throw new IllegalArgumentException("truncated JSON");
            return s.charAt(at[0]);
        }

        static void expect(String s, int[] at, char c) {
            if (peek(s, at) != c) throw new IllegalArgumentException("expected " + c + " in JSON");
            at[0]++;
        }

        static String string(String s, int[] at) {
            expect(s, at, '"');
            StringBuilder b = new StringBuilder();
            int i = at[0];
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') break;
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(i++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                    default: b.append(e);  // " \ /
                }
            }
            at[0] = i;
            return b.toString();
        }
    }
}
