#!/usr/bin/env python3
"""Every quotation `bianzhi explain` shows occurs verbatim in the text it cites.

Run through scripts/check-quotations.sh, which says how; this file is its implementation (python3,
standard library only). It reads the full texts from a folder beside the repository, which users do
not have: nothing of the project (tests, docs, the binary) reads them, only this check.

How a quotation is found and attributed:

* `BIN rules` lists the codes (the table's first column: `rules` has no machine format), for the
  default pack and `national`, and `BIN schema --pack` names every built-in rule (`explain NAME`
  gives its code); for each, `BIN explain CODE --lang zh` and `--lang en`. (--source reads the
  same from the `declare_rule!` doc comments of src/rules/*.rs, for a check without a build.)
* The output is split into its head (code, level, scope, cite, the `source:` lines) and its
  sections (an unindented title, then lines indented by two spaces). A section's lines are joined
  with newlines; the normalised form drops them anyway.
* A quotation is an outermost “…” (nested “” and ‘’ are part of it: the texts quote too). One with
  no Chinese character is an English scare quote, not a quotation, and is ignored.
* Its document is the nearest reference before it in the same section, quotations masked out: a
  《title》 (matched against the file names of the texts and the known titles cited from memory),
  or a short name (国务院令第486号, State Council Decree 486, 地方组织法, Jiangsu opinions, …: the
  table REFERENCES below). A reference to a document cited from memory (党内法规, 职务职级并行规定,
  干部任用条例, 民法典, …: MEMORY below), or a quotation followed at once by "(from memory)" /
  "（凭记忆…" / "(mem)", makes it "skipped (mem)", listed; a 《title》 that is neither a text nor a
  known source cited from memory is a failure: there is nothing to check the quotation against.
* Its clause is the last one named between that reference and the quotation: 第九条, 第二十六条
  第(五)项, art. 26(5) in a law (its article, or the article's item); 二(四)2, II(4).2, 三(二) in the
  Jiangsu opinions (part, section, item). Where the document has clauses of that kind, the
  quotation must be in that clause (the failure says which clause it is in).
* With no reference before it in its section, the documents of the rule's head (its cite and
  sources) are tried: found in one of them, it is checked; in the Why / 依据 sections, not found is a
  failure; in the other sections (what it checks, examples, parameters) a “…” with no reference and
  in none of the rule's documents is a term in quotation marks (“丢失”, “兼”), not checked and
  listed with -v.
* Found means: after normalising both (U+FF01–FF5E to ASCII, so that （一） is (一) and ， is ,;
  every kind of whitespace removed; ‘’ as “”), each piece of the quotation between ellipses (……, …,
  ...) occurs in the document's text, in order, each within 400 characters of the one before.
"""

import json
import os
import re
import subprocess
import sys

# Short names and titles, as the rules' docs write them, of the documents the texts hold: the value
# is the text's title (its file name without the date and extension).
REFERENCES = [
    ("国务院令第486号", "地方各级人民政府机构设置和编制管理条例"),
    ("State Council Decree 486", "地方各级人民政府机构设置和编制管理条例"),
    ("Decree 486", "地方各级人民政府机构设置和编制管理条例"),
    ("地方组织法", "地方各级人民代表大会和地方各级人民政府组织法"),
    ("Local Organic Law", "地方各级人民代表大会和地方各级人民政府组织法"),
    ("行政处罚法", "行政处罚法"),
    ("Administrative Penalty Law", "行政处罚法"),
    ("公务员法", "公务员法"),
    ("Civil Servant Law", "公务员法"),
    ("事业单位登记管理暂行条例", "事业单位登记管理暂行条例"),
    ("国务院令第252号", "事业单位登记管理暂行条例"),
    ("Public Institution Registration Regulations", "事业单位登记管理暂行条例"),
    ("Registration Regulations", "事业单位登记管理暂行条例"),
    ("事业单位人事管理条例", "事业单位人事管理条例"),
    ("国务院令第652号", "事业单位人事管理条例"),
    ("苏发达镇意见", "关于深化经济发达镇行政管理体制改革工作的意见"),
    ("江苏经济发达镇意见", "关于深化经济发达镇行政管理体制改革工作的意见"),
    ("经济发达镇改革意见", "关于深化经济发达镇行政管理体制改革工作的意见"),
    ("《意见》", "关于深化经济发达镇行政管理体制改革工作的意见"),
    ("Jiangsu DT Opinions", "关于深化经济发达镇行政管理体制改革工作的意见"),
    ("Jiangsu opinions", "关于深化经济发达镇行政管理体制改革工作的意见"),
]

# The keys of RULES.md (Citations), for the --quote mode.
KEYS = {
    "seed": "关于深化经济发达镇行政管理体制改革工作的意见",
    "486": "地方各级人民政府机构设置和编制管理条例",
    "org": "地方各级人民代表大会和地方各级人民政府组织法",
    "pen": "行政处罚法",
    "cs": "公务员法",
    "reg": "事业单位登记管理暂行条例",
}

# Documents cited from memory (RULES.md, Citations: "(mem)"): no text; their quotations are skipped.
MEMORY = [
    "公务员职务与职级并行规定",
    "职务职级并行规定",
    "Posts and Ranks Rules",
    "rules on parallel posts and ranks",
    "党政领导干部选拔任用工作条例",
    "干部任用条例",
    "Cadre Selection Regulations",
    "中国共产党章程",
    "中国共产党农村基层组织工作条例",
    "党内法规",
    "Party rules",
    "Party's rules",
    "民法典",
    "Civil Code",
]

# The section titles of `explain` whose quotations are the rule's citation.
WHY_SECTIONS = {"Why", "依据"}
SECTION_TITLES = {
    "What it checks", "Why", "Example (fails)", "Passing example", "Parameters",
    "检查内容", "依据", "违规示例", "合规示例", "参数",
}

ELLIPSIS = re.compile(r"…+|⋯+|\.{3,}")
CJK = re.compile(r"[\u3400-\u9fff]")
# A quotation marked, right after it, as resting on memory.
MEMORY_MARK = re.compile(r"\s*[(（]\s*(?:from memory|cited from memory|mem\b|凭记忆|据记忆)",
                         re.IGNORECASE)


def normalise(s):
    """Full-width ASCII forms to ASCII, whitespace (the ideographic space too) removed, ‘’ as “”."""
    out = []
    for ch in s:
        o = ord(ch)
        if 0xFF01 <= o <= 0xFF5E:
            ch = chr(o - 0xFEE0)
        if ch.isspace() or ch == "\u3000":
            continue
        out.append({"‘": "“", "’": "”"}.get(ch, ch))
    return "".join(out)


def cn_number(s):
    """一 → 1, 十二 → 12, 二十六 → 26, 一百零三 → 103."""
    digits = dict(zip("零〇一二三四五六七八九", [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))
    total, n = 0, 0
    for ch in s:
        if ch in digits:
            n = digits[ch]
        elif ch == "十":
            total += (n or 1) * 10
            n = 0
        elif ch == "百":
            total += (n or 1) * 100
            n = 0
    return total + n


ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7}
CLAUSE = re.compile(
    r"第(?P<art>[一二三四五六七八九十百零]+)条(?:第?[(（](?P<artitem>[一二三四五六七八九十]+)[)）]项)?"
    r"|\barts?\.\s*(?P<enart>\d+)(?:\((?P<enitem>\d+)\))?"
    r"|(?<![第一二三四五六七八九十])(?P<part>[一二三四五六七八九十])(?:[(（](?P<sec>[一二三四五六七八九十]+)[)）](?P<item>\d+)?)"
    r"|\b(?P<rpart>I{1,3}|IV|V|VI|VII)\((?P<rsec>\d+)\)(?:\.(?P<ritem>\d+))?"
)


def clause_key(m):
    """A clause reference as a key of Texts.clauses, and as written."""
    g = m.groupdict()
    if g["art"] or g["enart"]:
        art = cn_number(g["art"]) if g["art"] else int(g["enart"])
        item = cn_number(g["artitem"]) if g["artitem"] else int(g["enitem"] or 0)
        return ("art", art) + ((item,) if item else ())
    if g["part"]:
        key = ("part", cn_number(g["part"]), cn_number(g["sec"]))
        return key + ((int(g["item"]),) if g["item"] else ())
    key = ("part", ROMAN[g["rpart"]], int(g["rsec"]))
    return key + ((int(g["ritem"]),) if g["ritem"] else ())


def show_clause(key):
    if key[0] == "art":
        return "art. %d" % key[1] + ("(%d)" % key[2] if len(key) > 2 else "")
    rom = {v: k for k, v in ROMAN.items()}
    return rom[key[1]] + "".join(("(%d)" if i == 0 else ".%d") % n for i, n in enumerate(key[2:]))


def strip_title(t):
    t = t.strip()
    return t[len("中华人民共和国"):] if t.startswith("中华人民共和国") else t


class Texts:
    """The full texts of a folder, by title (the file name less its date and extension)."""

    def __init__(self, folder):
        self.folder = folder
        self.files = {}
        for name in sorted(os.listdir(folder)):
            if name.lower() == "readme.md" or not name.endswith((".md", ".txt")):
                continue
            title = re.sub(r"[(（][^()（）]*[)）]$", "", os.path.splitext(name)[0]).strip()
            self.files[title] = name
        self._norm = {}
        self._clauses = {}

    def raw(self, title):
        with open(os.path.join(self.folder, self.files[title]), encoding="utf-8") as f:
            return f.read()

    def text(self, title):
        if title not in self._norm:
            self._norm[title] = normalise(self.raw(title))
        return self._norm[title]

    def clauses(self, title):
        """The text's clauses, normalised, by key: a law's articles ('art', 9) and their items
        ('art', 26, 5); the opinions' parts ('part', 2), sections ('part', 2, 4) and items
        ('part', 2, 4, 2). A clause's text includes its items'."""
        if title in self._clauses:
            return self._clauses[title]
        found, open_keys = {}, []
        for line in self.raw(title).splitlines():
            line = line.strip()
            if not line:
                continue
            key = None
            m = re.match(r"第([一二三四五六七八九十百零〇]+)条(?:\s|$)", line)
            if m:
                key = ("art", cn_number(m.group(1)))
            elif line.startswith("#"):
                open_keys = []
                continue
            elif open_keys and open_keys[0][0] == "art":
                m = re.match(r"[(（]([一二三四五六七八九十]+)[)）]", line)
                if m:
                    key = open_keys[0][:2] + (cn_number(m.group(1)),)
            else:
                part = re.match(r"([一二三四五六七八九十]+)、", line)
                section = re.match(r"[(（]([一二三四五六七八九十]+)[)）]", line)
                item = re.match(r"(\d+)[.．、]", line)
                if part:
                    key = ("part", cn_number(part.group(1)))
                elif section and open_keys:
                    key = open_keys[0][:2] + (cn_number(section.group(1)),)
                elif item and open_keys and len(open_keys[0]) >= 3:
                    key = open_keys[0][:3] + (int(item.group(1)),)
            if key:
                # The clause itself and those it belongs to stay open; others close.
                open_keys = [k for k in open_keys if key[:len(k)] == k and len(k) < len(key)]
                open_keys.insert(0, key)
                open_keys.sort(key=len, reverse=True)
            for k in open_keys:
                found[k] = found.get(k, "") + normalise(line)
        self._clauses[title] = found
        return found

    def resolve(self, name):
        """A title or short name: ('text', title), ('mem', name) or None."""
        name = re.sub(r"\s+", "", name) if CJK.search(name) else " ".join(name.split())
        n = strip_title(name.strip("《》"))
        if n in self.files:
            return ("text", n)
        for short, title in REFERENCES:
            if name == short or n == short:
                return ("text", title)
        for m in MEMORY:
            if n == m or name == m:
                return ("mem", n)
        return None


def pieces_of(quote):
    """The normalised pieces of a quotation between its ellipses."""
    return [p for p in (normalise(x) for x in ELLIPSIS.split(quote)) if p]


def find(quote, text, span=400):
    """'ok' when every piece of the quotation occurs in the text, in order, none more than `span`
    characters after the end of the one before; 'order' when they occur but not so; else
    'missing'."""
    pieces = pieces_of(quote)
    if not pieces:
        return "ok"
    if not all(p in text for p in pieces):
        return "missing"
    i = text.find(pieces[0])
    while i >= 0:
        at, placed = i + len(pieces[0]), True
        for p in pieces[1:]:
            j = text.find(p, at)
            if j < 0 or j - at > span:
                placed = False
                break
            at = j + len(p)
        if placed:
            return "ok"
        i = text.find(pieces[0], i + 1)
    return "order"


def nearest(quote, text, width=12):
    """What the text has where the quotation's longest found prefix (or suffix) is: a hint."""
    q = (pieces_of(quote) or [""])[0]
    best = ""
    for end in range(len(q), 1, -1):
        if q[:end] in text:
            best = q[:end]
            break
    if len(best) >= 2:
        i = text.find(best)
        return "text has: …" + text[i:i + len(best) + width] + "…"
    for start in range(1, len(q) - 1):
        if q[start:] in text:
            i = text.find(q[start:])
            return "text has: …" + text[max(0, i - width):i + len(q) - start] + "…"
    return "no part of it found"


def quotations(section):
    """The outermost “…” of a section: (start, end, text); and the problems with the marks."""
    found, problems, depth, start = [], [], 0, 0
    for i, ch in enumerate(section):
        if ch == "“":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "”":
            if depth == 0:
                problems.append("a ” with no “ before it: …%s…" % section[max(0, i - 20):i + 1])
                continue
            depth -= 1
            if depth == 0:
                found.append((start, i + 1, section[start + 1:i]))
    if depth:
        problems.append("a “ never closed: %s…" % section[start:start + 40])
    return found, problems


def references(section, quotes, texts):
    """The documents a section names, as (position, ('text'|'mem'|'unknown', name)), and the
    clauses, as (position, key), quotations masked out; a short name inside a 《title》 is the
    title's."""
    masked = list(section)
    for s, e, _ in quotes:
        for i in range(s, e):
            masked[i] = " "
    masked = "".join(masked)
    refs, taken = [], []
    for m in re.finditer(r"《([^《》]+)》", masked):
        r = texts.resolve(m.group(0)) or texts.resolve(m.group(1))
        refs.append((m.start(), r or ("unknown", re.sub(r"\s+", "", m.group(1)))))
        taken.append((m.start(), m.end()))
    names = [(s, ("text", t)) for s, t in REFERENCES] + [(m, ("mem", m)) for m in MEMORY]
    for name, r in sorted(names, key=lambda x: -len(x[0])):
        pattern = r"\s+".join(re.escape(w) for w in name.split())
        for m in re.finditer(pattern, masked, re.IGNORECASE):
            if any(a <= m.start() < b or a < m.end() <= b for a, b in taken):
                continue
            refs.append((m.start(), r))
            taken.append((m.start(), m.end()))
    clauses = [(m.start(), clause_key(m)) for m in CLAUSE.finditer(masked)]
    return sorted(refs), clauses


def parse_explain(out):
    """(head, [(title, text)]) of `explain` output."""
    head, sections, cur = [], [], None
    for line in out.splitlines():
        if line and not line.startswith(" ") and line.strip() in SECTION_TITLES:
            cur = (line.strip(), [])
            sections.append(cur)
        elif cur is None:
            head.append(line)
        elif line and not line.startswith(" "):
            cur = (line.strip(), [])  # another heading (the title catalog): its own section
            sections.append(cur)
        else:
            cur[1].append(line[2:] if line.startswith("  ") else line)
    return "\n".join(head), [(t, "\n".join(ls)) for t, ls in sections]


def die(message):
    """Bad usage or a broken binary: exit 2, as the checker does for input it cannot check."""
    print(message, file=sys.stderr)
    sys.exit(2)


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        die("%s: exit %d\n%s" % (" ".join(cmd), p.returncode, p.stderr))
    return p.stdout


def rule_codes(binary):
    """The codes of the rules: those in force in the built-in packs (`rules` has no machine format:
    the first column of its table), and every rule the pack schema knows by name (a built-in rule
    that no pack turns on), by the code `explain` shows for it."""
    codes = []
    for pack in ([], ["--rules", "national"]):
        for line in run([binary, "rules", "--lang", "en"] + pack).splitlines():
            m = re.match(r"^\W*([A-Z]{2,}\d{3})\b", line)
            if m and m.group(1) not in codes:
                codes.append(m.group(1))
    try:
        schema = json.loads(run([binary, "schema", "--pack"]))
        names = list(schema["properties"]["rule"]["properties"])
    except (ValueError, KeyError, TypeError):
        names = []
    for name in names:
        m = re.match(r"([A-Z]{2,}\d{3})\b", run([binary, "explain", name, "--lang", "en"]))
        if m and m.group(1) not in codes:
            codes.append(m.group(1))
    return codes


def show_doc(d):
    return "《%s》" % d


class Report:
    def __init__(self):
        self.checked, self.failures, self.mem, self.terms = [], [], [], []


def check_quote(q, doc, clause, texts):
    """None when the quotation is in the document (and in the clause, where one is given and the
    document has clauses of its kind); else why not."""
    text = texts.text(doc)
    found = find(q, text)
    if found != "ok":
        why = ("its pieces occur, but not in this order or not close together" if found == "order"
               else nearest(q, text))
        elsewhere = [t for t in texts.files if t != doc and find(q, texts.text(t)) == "ok"]
        if elsewhere:
            why += "; it is in %s" % "、".join(show_doc(t) for t in elsewhere)
        return "not in %s: %s" % (show_doc(doc), why)
    clauses = texts.clauses(doc)
    if not clause or not any(k[0] == clause[0] for k in clauses):
        return None
    if clause not in clauses:
        return "%s has no %s" % (show_doc(doc), show_clause(clause))
    if find(q, clauses[clause]) == "ok":
        return None
    holders = [k for k in clauses if find(q, clauses[k]) == "ok"]
    # The most specific: no other holder inside it.
    holders = [k for k in holders if not any(h != k and h[:len(k)] == k for h in holders)]
    return "in %s, but not in its %s%s" % (
        show_doc(doc), show_clause(clause),
        "; it is in %s" % ", ".join(show_clause(k) for k in holders) if holders else "")


def check_rule(out, code, lang, texts, rep):
    """Checks the quotations of one rule's `explain` output in one language."""
    head, sections = parse_explain(out)
    head_refs, _ = references(head, quotations(head)[0], texts)
    rule_docs = []
    for _, r in head_refs:
        if r not in rule_docs:
            rule_docs.append(r)
    rule_texts = [r[1] for r in rule_docs if r[0] == "text"]
    for title, text in sections:
        quotes, problems = quotations(text)
        for p in problems:
            rep.failures.append((code, lang, title, "", p))
        refs, clauses = references(text, quotes, texts)
        why = title in WHY_SECTIONS
        for start, end, q in quotes:
            if not CJK.search(q):
                continue  # an English scare quote
            where = (code, lang, title, "“%s”" % re.sub(r"\s*\n\s*", "", q))
            before = [(pos, r) for pos, r in refs if pos < start]
            if MEMORY_MARK.match(text, end):
                rep.mem.append(where + ("the quotation, by its own note,",))
                continue
            if before:
                pos, (kind, doc) = before[-1]
                if kind == "mem":
                    rep.mem.append(where + (doc,))
                    continue
                if kind == "unknown":
                    rep.failures.append(where + ("%s has no text here, and is not a known "
                                                 "source cited from memory" % show_doc(doc),))
                    continue
                # Its clause: the last one named between the document and the quotation.
                named = [k for at, k in clauses if pos < at < start]
                clause = named[-1] if named else None
                problem = check_quote(q, doc, clause, texts)
                if problem:
                    rep.failures.append(where + (problem,))
                else:
                    rep.checked.append(where + (doc + (" " + show_clause(clause) if clause and
                                                       clause in texts.clauses(doc) else ""),))
                continue
            # No document named before it in its section: the rule's own documents.
            hit = [t for t in rule_texts if find(q, texts.text(t)) == "ok"]
            if hit:
                rep.checked.append(where + (hit[0],))
            elif not why:
                rep.terms.append(where)
            elif rule_docs and not rule_texts:
                rep.mem.append(where + (rule_docs[0][1],))
            else:
                rep.failures.append(where + (
                    "no document named before it in its section, and not in those the rule "
                    "cites (%s)" % ("、".join(show_doc(t) for t in rule_texts) or "none"),))


def explain_from_source(folder):
    """What `explain` would show, from the rules' doc comments in `folder` (src/rules): {code:
    {lang: text}}, for checking a change to a quotation without a build. The head is the cite only
    (the sources' titles come from src/rules/docs.rs, named by the same short forms)."""
    titles = {
        "en": {"What it checks": "What it checks", "Why": "Why", "Example": "Example (fails)",
               "Passing example": "Passing example", "Parameters": "Parameters"},
        "zh": {"检查内容": "检查内容", "依据": "依据", "Example": "违规示例",
               "Passing example": "合规示例", "参数": "参数"},
    }
    rules = {}
    for name in sorted(os.listdir(folder)):
        if not name.endswith(".rs"):
            continue
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            src = f.read()
        for m in re.finditer(r"declare_rule!\s*\{\s*((?:\s*///[^\n]*\n)*)\s*\w*\s*struct\s+\w+\s*\{"
                             r"\s*code:\s*\"(\w+)\",.*?cite:\s*\(\s*\"([^\"]*)\",\s*\"([^\"]*)\"",
                             src, re.S):
            doc = [re.sub(r"^\s*/// ?", "", l) for l in m.group(1).splitlines() if l.strip()]
            code, cite = m.group(2), {"zh": m.group(3), "en": m.group(4)}
            rules[code] = {}
            for lang in ("zh", "en"):
                out, keep = ["%s\n%s\n" % (code, cite[lang])], False
                for line in doc:
                    if line.startswith("## "):
                        title = titles[lang].get(line[3:].strip())
                        keep = title is not None
                        if keep:
                            out.append("\n%s" % title)
                    elif keep:
                        out.append("  " + line if line else "")
                rules[code][lang] = "\n".join(out) + "\n"
    return rules


def resolve_doc(texts, doc):
    """A document as the --quote mode names it: a key of RULES.md (486, seed…), a short name or a
    title, with an optional clause after it (国务院令第486号 第九条, seed 二(四)2)."""
    m = CLAUSE.search(doc)
    clause = clause_key(m) if m and m.start() > 0 else None
    name = doc[:m.start()].strip() if clause else doc.strip()
    name = KEYS.get(name, name)
    r = texts.resolve(name) or texts.resolve("《%s》" % name)
    if not r:
        matches = [t for t in texts.files if name in t]
        r = ("text", matches[0]) if len(matches) == 1 else None
    return r, clause


def main(argv):
    verbose = "-v" in argv or "--verbose" in argv
    argv = [a for a in argv if a not in ("-v", "--verbose")]
    if argv and argv[0] == "--quote":
        if len(argv) != 4:
            die("usage: check_quotations.py --quote TEXT DOC TEXTS_DIR")
        quote, doc, texts = argv[1], argv[2], Texts(argv[3])
        r, clause = resolve_doc(texts, doc)
        if not r or r[0] != "text":
            print("%s: no such text in %s (%s)" % (doc, argv[3], "、".join(texts.files)),
                  file=sys.stderr)
            return 2
        problem = check_quote(quote, r[1], clause, texts)
        if problem:
            print("NOT found: “%s” — %s" % (quote, problem))
            return 1
        print("found: “%s” in %s%s" % (quote, show_doc(r[1]),
                                     " " + show_clause(clause) if clause else ""))
        return 0
    if len(argv) != 3 or argv[0] not in ("--bin", "--source"):
        die("usage: check_quotations.py [-v] --bin BIN TEXTS_DIR | --source SRC_RULES "
                 "TEXTS_DIR | --quote TEXT DOC TEXTS_DIR")
    texts, rep = Texts(argv[2]), Report()
    if argv[0] == "--bin":
        codes = rule_codes(argv[1])
        if not codes:
            die("no rule codes in the output of %s rules" % argv[1])
        for code in codes:
            for lang in ("zh", "en"):
                check_rule(run([argv[1], "explain", code, "--lang", lang]), code, lang, texts, rep)
    else:
        rules = explain_from_source(argv[1])
        codes = sorted(rules)
        for code in codes:
            for lang in ("zh", "en"):
                check_rule(rules[code][lang], code, lang, texts, rep)
    if verbose:
        for code, lang, title, q, doc in rep.checked:
            print("ok       %s %s [%s] %s in %s" % (code, lang, title, q, doc))
        for code, lang, title, q in rep.terms:
            print("term     %s %s [%s] %s: no document named before it, not in the rule's: a "
                  "term, not checked" % (code, lang, title, q))
    for code, lang, title, q, doc in rep.mem:
        print("skipped  %s %s [%s] %s: %s is cited from memory, no text" % (code, lang, title, q,
                                                                          doc))
    for code, lang, title, q, why in rep.failures:
        print("FAILED   %s %s [%s] %s %s" % (code, lang, title, q, why))
    print("quotations of %d rules in zh and en: %d checked, %d skipped (mem), %d failed; %d terms "
          "in quotation marks not checked%s" % (
              len(codes), len(rep.checked), len(rep.mem), len(rep.failures), len(rep.terms),
              "" if verbose else " (-v lists them)"))
    return 1 if rep.failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
