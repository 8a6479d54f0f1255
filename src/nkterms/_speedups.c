/* The checker's scanning kernel: finds the glossary's forms in UTF-8 text and judges each
 * match as nkterms.check.matching.candidates() does, from tables it is given; it knows no
 * policy of its own. Every table comes from Python as data (nkterms.check.kernel.tables):
 * the forms and per form its kind, the words that may not follow it and its context words;
 * Korean particles and the plural; English suffixes; quote pairs and the words that make a
 * match a mention; URL prefixes and the characters that end a URL; the marker of a
 * suppression comment; and the Unicode properties (case folding, word characters, and the
 * code points that need NFC normalisation), generated from Python's own.
 *
 * Automaton(tables)
 *   .prepare(data[, begin, stop]) -> Prepared or None  (the GIL is released while it works;
 *     only matches starting at code points in [begin, stop) count, the rest is context)
 *   .scan(data) -> [(entry, flags, start, end, after_end)] or None
 *   .fold(cp), .word(cp), .unsafe(cp): the tables as the kernel reads them (for the tests)
 * Prepared: .count, .newlines, .free (where the last match ends)
 *   .row(k), .rows(first_line[, first_col]) -> (entry, flags, line, col, start, end, after_end)
 *   .text(start, end) -> str (the block as scanned: URLs blanked)
 *   .render(table, answers, hits, parts, row, first_line[, first_col]) -> (bytes, row)
 *     joins rows into lines from answers Python gave: see Prepared_render.
 * None means "not here": the block is not valid UTF-8, holds a code point NFC could change or
 * the suppression marker; the Python path then takes it.
 *
 * Lines and columns are counted here: they are a function of the text alone (LF, CRLF and a
 * lone CR each end a line, columns count code points), as engine.DocumentCheck counts them.
 *
 * Copyright nkterms contributors. GPL-3.0-or-later.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

enum { KO = 0, LATIN = 1, HAN = 2 };
enum { LOW = 1, MENTION = 2 };
enum { ASK = -2, SKIP = -1 }; /* Prepared.render's table values besides an answer's index */
enum { MARK_URL = 1, MARK_MARKER = 2, MARK_UNSAFE = 4, MARK_BREAK = 8 }; /* Automaton.ascii_mark */

typedef struct {
    uint32_t *s;
    Py_ssize_t n;
} U32;

static int
u32_from(PyObject *str, U32 *out)
{
    if (!PyUnicode_Check(str)) {
        PyErr_SetString(PyExc_TypeError, "expected str");
        return -1;
    }
    out->n = PyUnicode_GET_LENGTH(str);
    out->s = (uint32_t *)PyUnicode_AsUCS4Copy(str);
    return out->s ? 0 : -1;
}

static int
u32_list(PyObject *seq, U32 **out, Py_ssize_t *count)
{
    PyObject *fast = PySequence_Fast(seq, "expected a sequence of str");
    if (!fast)
        return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    *out = PyMem_Calloc(n ? n : 1, sizeof(U32));
    *count = 0;
    if (!*out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (u32_from(PySequence_Fast_GET_ITEM(fast, i), &(*out)[i]) < 0) {
            Py_DECREF(fast);
            return -1;
        }
        *count = i + 1;
    }
    Py_DECREF(fast);
    return 0;
}

static void
u32_free(U32 *list, Py_ssize_t count)
{
    if (!list)
        return;
    for (Py_ssize_t i = 0; i < count; i++)
        PyMem_Free(list[i].s);
    PyMem_Free(list);
}

/* ---- code point sets and maps, from tables ------------------------------------------ */

typedef struct {
    uint32_t (*r)[2]; /* sorted inclusive ranges */
    Py_ssize_t n;
    uint8_t bmp[0x10000 / 8];
} Set;

static inline int
set_has(const Set *s, uint32_t cp)
{
    if (cp < 0x10000)
        return (s->bmp[cp >> 3] >> (cp & 7)) & 1;
    Py_ssize_t lo = 0, hi = s->n - 1;
    while (lo <= hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (cp < s->r[mid][0])
            hi = mid - 1;
        else if (cp > s->r[mid][1])
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

/* Read a flat buffer of uint32 (a, b, a, b, ...; an array("I")) into out[n][2]. */
static int
pairs_from_buffer(PyObject *obj, uint32_t (**out)[2], Py_ssize_t *n, const char *what)
{
    Py_buffer view;
    if (PyObject_GetBuffer(obj, &view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0)
        return -1;
    int rc = -1;
    if (view.itemsize != 4 || !view.format || strcmp(view.format, "I") != 0 ||
        view.len % 8 != 0)
        PyErr_Format(PyExc_ValueError, "%s: a flat table is an array('I') of pairs", what);
    else if (!(*out = PyMem_Calloc(view.len / 8 ? view.len / 8 : 1, sizeof(**out))))
        PyErr_NoMemory();
    else {
        *n = view.len / 8;
        memcpy(*out, view.buf, view.len);
        rc = 0;
        for (Py_ssize_t i = 0; i < *n && rc == 0; i++)
            if ((*out)[i][0] > 0x10FFFF || (*out)[i][1] > 0x10FFFF) {
                PyErr_Format(PyExc_ValueError, "%s: a code point past U+10FFFF", what);
                PyMem_Free(*out);
                *out = NULL;
                rc = -1;
            }
    }
    PyBuffer_Release(&view);
    return rc;
}

/* Read a sequence of (a, b) int pairs, or a flat buffer of them, into out[n][2]. */
static int
pairs_from(PyObject *seq, uint32_t (**out)[2], Py_ssize_t *n, const char *what)
{
    if (PyObject_CheckBuffer(seq))
        return pairs_from_buffer(seq, out, n, what);
    PyObject *fast = PySequence_Fast(seq, what);
    if (!fast)
        return -1;
    *n = PySequence_Fast_GET_SIZE(fast);
    *out = PyMem_Calloc(*n ? *n : 1, sizeof(**out));
    if (!*out) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t i = 0; i < *n; i++) {
        unsigned int a, b;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(fast, i), "II", &a, &b) || a > 0x10FFFF ||
            b > 0x10FFFF) {
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError, "%s: a code point past U+10FFFF", what);
            Py_DECREF(fast);
            return -1;
        }
        (*out)[i][0] = a;
        (*out)[i][1] = b;
    }
    Py_DECREF(fast);
    return 0;
}

static int
set_from(PyObject *seq, Set *s, const char *what)
{
    if (pairs_from(seq, &s->r, &s->n, what) < 0)
        return -1;
    for (Py_ssize_t i = 0; i < s->n; i++) {
        if (s->r[i][0] > s->r[i][1] || (i && s->r[i][0] <= s->r[i - 1][1])) {
            PyErr_Format(PyExc_ValueError, "%s: ranges must be sorted and apart", what);
            return -1;
        }
        for (uint32_t cp = s->r[i][0]; cp <= s->r[i][1] && cp < 0x10000; cp++)
            s->bmp[cp >> 3] |= (uint8_t)(1u << (cp & 7));
    }
    return 0;
}

typedef struct {
    uint32_t *bmp;          /* every BMP code point -> folded */
    uint32_t (*astral)[2];  /* sorted (code point, folded) past the BMP */
    Py_ssize_t n_astral;
} Fold;

static int
fold_from(PyObject *seq, Fold *f)
{
    uint32_t (*pairs)[2];
    Py_ssize_t n;
    if (pairs_from(seq, &pairs, &n, "fold") < 0)
        return -1;
    f->bmp = PyMem_Malloc(0x10000 * sizeof(uint32_t));
    f->astral = PyMem_Calloc(n ? n : 1, sizeof(*f->astral));
    if (!f->bmp || !f->astral) {
        PyMem_Free(pairs);
        PyErr_NoMemory();
        return -1;
    }
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        f->bmp[cp] = cp;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (pairs[i][0] < 0x10000)
            f->bmp[pairs[i][0]] = pairs[i][1];
        else {
            if (f->n_astral && pairs[i][0] <= f->astral[f->n_astral - 1][0]) {
                PyMem_Free(pairs);
                PyErr_SetString(PyExc_ValueError, "fold: code points must be sorted");
                return -1;
            }
            f->astral[f->n_astral][0] = pairs[i][0];
            f->astral[f->n_astral++][1] = pairs[i][1];
        }
    }
    PyMem_Free(pairs);
    return 0;
}

static inline uint32_t
fold_of(const Fold *f, uint32_t cp)
{
    if (cp < 0x10000)
        return f->bmp[cp];
    Py_ssize_t lo = 0, hi = f->n_astral - 1;
    while (lo <= hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (cp < f->astral[mid][0])
            hi = mid - 1;
        else if (cp > f->astral[mid][0])
            lo = mid + 1;
        else
            return f->astral[mid][1];
    }
    return cp;
}

static inline int
is_space(uint32_t cp) /* re's \s on str: str.isspace() */
{
    return Py_UNICODE_ISSPACE((Py_UCS4)cp);
}

typedef struct {
    uint64_t key; /* ((node << 21) | cp) + 1; 0 is empty */
    int32_t to;
} Edge;

#define PAIR_BITS 17
static inline uint32_t
pair_hash(uint32_t c0, uint32_t c1)
{
    return (uint32_t)(((uint64_t)c0 * 0x9E3779B1u ^ (uint64_t)c1 * 0x85EBCA77u) >> 7) &
           ((1u << PAIR_BITS) - 1);
}

typedef struct {
    int32_t *root;     /* BMP code point -> child of the root, -1 none */
    Edge *edges;       /* the other edges, open addressing */
    uint8_t *pairs;    /* bit per pair_hash of the first two characters of each form */
    size_t mask;
    int bits;
    int32_t *terminal; /* node -> entry, -1 none */
    Py_ssize_t n_nodes;
} Trie;

/* ---- the automaton ----------------------------------------------------------------- */

typedef struct {
    int kind;
    Py_ssize_t window;
    U32 *nfb; /* not followed by */
    Py_ssize_t n_nfb;
    int *near; /* indexes into Automaton.near_words */
    Py_ssize_t n_near;
} Entry;

typedef struct {
    PyObject_HEAD
    Trie tries[2]; /* [0] Korean and Hanja forms, [1] Latin ones (tried only at word starts) */
    Entry *entries;
    Py_ssize_t n_entries;
    U32 *particles; /* longest first */
    Py_ssize_t n_particles;
    U32 plural;
    U32 *near_words;
    Py_ssize_t n_near_words;
    U32 *suffixes; /* English endings, tried in order */
    Py_ssize_t n_suffixes;
    U32 *quote_open, *quote_close; /* one character each */
    Py_ssize_t n_quotes;
    U32 *after; /* words after a match that make it a mention */
    Py_ssize_t n_after;
    U32 *before; /* words before it (folded) that make it a mention */
    Py_ssize_t n_before;
    U32 before_quotes; /* a quote that may stand between those words and the match */
    Py_ssize_t before_reach;
    U32 *url_prefixes;
    Py_ssize_t n_url_prefixes;
    U32 url_stops; /* besides white space */
    char *marker; /* UTF-8: a block holding it goes to the Python path */
    Py_ssize_t marker_len;
    uint32_t syllable[2]; /* a Korean match next to one of these is part of a compound */
    Set unsafe, word;
    Fold fold;
    uint8_t plain[0x10000 / 8]; /* safe and folded to itself: decoded with no other look */
    uint8_t url_first[0x10000 / 8]; /* first characters of the URL prefixes */
    uint8_t ascii_low[128];         /* fold, for ASCII */
    uint8_t ascii_word[128];        /* the word table, for ASCII (is_word's common case) */
    int8_t url_last[128]; /* per ASCII byte: the first URL prefix ending in it, -1 none */
    int8_t url_next[32];  /* per URL prefix: the next one ending in the same byte, -1 none */
    uint8_t ascii_mark[128];        /* what an ASCII byte may end or be: MARK_* */
    uint8_t starts[2][0x10000 / 8]; /* BMP code points that begin a form, per trie */
    struct {
        void *p;
        size_t cap;
    } pool[8]; /* block buffers kept for the next block (taken and given with the GIL) */
} Automaton;

static inline int
bit(const uint8_t *bits, uint32_t cp)
{
    return (bits[cp >> 3] >> (cp & 7)) & 1;
}

static inline void
set_bit(uint8_t *bits, uint32_t cp)
{
    bits[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

static inline int
is_word(const Automaton *a, uint32_t cp)
{
    if (cp < 0x80)
        return a->ascii_word[cp];
    return cp < 0x10000 ? bit(a->word.bmp, cp) : set_has(&a->word, cp);
}

static inline int32_t
child(const Trie *a, int32_t node, uint32_t cp)
{
    if (node == 0 && cp < 0x10000)
        return a->root[cp];
    uint64_t key = (((uint64_t)node << 21) | cp) + 1;
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - a->bits));
    for (;;) {
        const Edge *edge = &a->edges[h];
        if (edge->key == key)
            return edge->to;
        if (edge->key == 0)
            return -1;
        h = (h + 1) & a->mask;
    }
}

static void
add_edge(Trie *a, int32_t node, uint32_t cp, int32_t to)
{
    if (node == 0 && cp < 0x10000) {
        a->root[cp] = to;
        return;
    }
    uint64_t key = (((uint64_t)node << 21) | cp) + 1;
    size_t h = (size_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - a->bits));
    while (a->edges[h].key != 0)
        h = (h + 1) & a->mask;
    a->edges[h].key = key;
    a->edges[h].to = to;
}

static int
trie_alloc(Trie *a, Py_ssize_t chars)
{
    a->bits = 4;
    while (((size_t)1 << a->bits) < (size_t)(chars * 2 + 16))
        a->bits++;
    a->mask = ((size_t)1 << a->bits) - 1;
    a->root = PyMem_Malloc(0x10000 * sizeof(int32_t));
    a->edges = PyMem_Calloc(a->mask + 1, sizeof(Edge));
    a->pairs = PyMem_Calloc((1u << PAIR_BITS) / 8, 1);
    a->terminal = PyMem_Malloc((chars + 1) * sizeof(int32_t));
    if (!a->root || !a->edges || !a->pairs || !a->terminal) {
        PyErr_NoMemory();
        return -1;
    }
    memset(a->root, 0xFF, 0x10000 * sizeof(int32_t));
    a->terminal[0] = -1;
    a->n_nodes = 1;
    return 0;
}

static void
trie_insert(Trie *a, PyObject *form, int32_t entry)
{
    int32_t node = 0;
    if (PyUnicode_GET_LENGTH(form) > 1) {
        uint32_t h = pair_hash(PyUnicode_READ_CHAR(form, 0), PyUnicode_READ_CHAR(form, 1));
        a->pairs[h >> 3] |= (uint8_t)(1u << (h & 7));
    }
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(form); k++) {
        uint32_t cp = PyUnicode_READ_CHAR(form, k);
        int32_t next = child(a, node, cp);
        if (next < 0) {
            next = (int32_t)a->n_nodes++;
            a->terminal[next] = -1;
            add_edge(a, node, cp, next);
        }
        node = next;
    }
    a->terminal[node] = entry;
}

static void
trie_free(Trie *a)
{
    PyMem_Free(a->root);
    PyMem_Free(a->edges);
    PyMem_Free(a->pairs);
    PyMem_Free(a->terminal);
}

/* A buffer of at least `size` bytes, from the pool when one fits. Call with the GIL. */
static void *
pool_take(Automaton *a, size_t size, size_t *cap)
{
    for (int k = 0; k < 8; k++)
        if (a->pool[k].p && a->pool[k].cap >= size) {
            void *p = a->pool[k].p;
            *cap = a->pool[k].cap;
            a->pool[k].p = NULL;
            return p;
        }
    *cap = size;
    return PyMem_RawMalloc(size ? size : 1);
}

static void
pool_give(Automaton *a, void *p, size_t cap)
{
    if (!p)
        return;
    int slot = 0; /* an empty slot, else the smallest buffer if smaller than this one */
    for (int k = 0; k < 8; k++) {
        if (!a->pool[k].p) {
            slot = k;
            break;
        }
        if (a->pool[k].cap < a->pool[slot].cap)
            slot = k;
    }
    if (a->pool[slot].p && a->pool[slot].cap >= cap) {
        PyMem_RawFree(p);
        return;
    }
    PyMem_RawFree(a->pool[slot].p);
    a->pool[slot].p = p;
    a->pool[slot].cap = cap;
}

static void
Automaton_dealloc(Automaton *a)
{
    for (int k = 0; k < 8; k++)
        PyMem_RawFree(a->pool[k].p);
    trie_free(&a->tries[0]);
    trie_free(&a->tries[1]);
    if (a->entries) {
        for (Py_ssize_t i = 0; i < a->n_entries; i++) {
            u32_free(a->entries[i].nfb, a->entries[i].n_nfb);
            PyMem_Free(a->entries[i].near);
        }
        PyMem_Free(a->entries);
    }
    u32_free(a->particles, a->n_particles);
    PyMem_Free(a->plural.s);
    u32_free(a->near_words, a->n_near_words);
    u32_free(a->suffixes, a->n_suffixes);
    u32_free(a->quote_open, a->n_quotes);
    u32_free(a->quote_close, a->n_quotes);
    u32_free(a->after, a->n_after);
    u32_free(a->before, a->n_before);
    PyMem_Free(a->before_quotes.s);
    u32_free(a->url_prefixes, a->n_url_prefixes);
    PyMem_Free(a->url_stops.s);
    PyMem_Free(a->marker);
    PyMem_Free(a->unsafe.r);
    PyMem_Free(a->word.r);
    PyMem_Free(a->fold.bmp);
    PyMem_Free(a->fold.astral);
    Py_TYPE(a)->tp_free((PyObject *)a);
}

static int
near_word_index(Automaton *a, U32 word)
{
    for (Py_ssize_t k = 0; k < a->n_near_words; k++)
        if (a->near_words[k].n == word.n &&
            memcmp(a->near_words[k].s, word.s, word.n * sizeof(uint32_t)) == 0) {
            PyMem_Free(word.s);
            return (int)k;
        }
    a->near_words[a->n_near_words] = word;
    return (int)a->n_near_words++;
}

/* tables[name], with a clear error when it is missing. */
static PyObject *
table(PyObject *tables, const char *name)
{
    PyObject *value = PyDict_GetItemString(tables, name);
    if (!value)
        PyErr_Format(PyExc_KeyError, "tables has no %s", name);
    return value;
}

static int
str_list(PyObject *tables, const char *name, U32 **out, Py_ssize_t *n)
{
    PyObject *value = table(tables, name);
    return value ? u32_list(value, out, n) : -1;
}

static int
str_one(PyObject *tables, const char *name, U32 *out)
{
    PyObject *value = table(tables, name);
    return value ? u32_from(value, out) : -1;
}

/* Quote pairs: a sequence of two-character strings (open, close). */
static int
quotes_from(Automaton *a, PyObject *tables)
{
    U32 *pairs;
    Py_ssize_t n;
    if (str_list(tables, "quotes", &pairs, &n) < 0)
        return -1;
    a->quote_open = PyMem_Calloc(n ? n : 1, sizeof(U32));
    a->quote_close = PyMem_Calloc(n ? n : 1, sizeof(U32));
    int rc = -1;
    if (!a->quote_open || !a->quote_close)
        PyErr_NoMemory();
    else {
        rc = 0;
        for (Py_ssize_t k = 0; k < n; k++) {
            if (pairs[k].n != 2) {
                PyErr_SetString(PyExc_ValueError, "quotes are pairs: two characters each");
                rc = -1;
                break;
            }
            a->quote_open[k].s = PyMem_Malloc(sizeof(uint32_t));
            a->quote_close[k].s = PyMem_Malloc(sizeof(uint32_t));
            a->n_quotes = k + 1;
            if (!a->quote_open[k].s || !a->quote_close[k].s) {
                PyErr_NoMemory();
                rc = -1;
                break;
            }
            a->quote_open[k].s[0] = pairs[k].s[0];
            a->quote_close[k].s[0] = pairs[k].s[1];
            a->quote_open[k].n = a->quote_close[k].n = 1;
        }
    }
    u32_free(pairs, n);
    return rc;
}

static int
policy_tables(Automaton *a, PyObject *tables)
{
    PyObject *reach, *marker, *syllable;
    if (str_list(tables, "particles", &a->particles, &a->n_particles) < 0 ||
        str_one(tables, "plural", &a->plural) < 0 ||
        str_list(tables, "latin_suffixes", &a->suffixes, &a->n_suffixes) < 0 ||
        quotes_from(a, tables) < 0 ||
        str_list(tables, "mention_after", &a->after, &a->n_after) < 0 ||
        str_list(tables, "mention_before", &a->before, &a->n_before) < 0 ||
        str_one(tables, "mention_before_quotes", &a->before_quotes) < 0 ||
        str_list(tables, "url_prefixes", &a->url_prefixes, &a->n_url_prefixes) < 0 ||
        str_one(tables, "url_stops", &a->url_stops) < 0 ||
        !(reach = table(tables, "mention_before_reach")) ||
        !(marker = table(tables, "marker")) || !(syllable = table(tables, "syllables")))
        return -1;
    a->before_reach = PyLong_AsSsize_t(reach);
    if (a->before_reach < 0) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "mention_before_reach must be >= 0");
        return -1;
    }
    const char *utf8 = PyUnicode_AsUTF8AndSize(marker, &a->marker_len);
    if (!utf8 || !(a->marker = PyMem_Malloc(a->marker_len + 1)))
        return utf8 ? (PyErr_NoMemory(), -1) : -1;
    memcpy(a->marker, utf8, a->marker_len + 1);
    if (a->marker_len == 0 || !PyUnicode_IS_ASCII(marker)) {
        PyErr_SetString(PyExc_ValueError, "the marker is ASCII, not empty");
        return -1;
    }
    a->ascii_mark[(uint8_t)a->marker[a->marker_len - 1]] |= MARK_MARKER;
    a->ascii_mark['\n'] |= MARK_BREAK;
    a->ascii_mark['\r'] |= MARK_BREAK;
    if (!PyArg_ParseTuple(syllable, "II", &a->syllable[0], &a->syllable[1]))
        return -1;
    for (Py_ssize_t k = 0; k < a->n_url_prefixes; k++) {
        const U32 *w = &a->url_prefixes[k];
        for (Py_ssize_t j = 0; j < w->n; j++)
            if (w->s[j] >= 0x80) {
                PyErr_SetString(PyExc_ValueError, "url_prefixes must be ASCII");
                return -1;
            }
        if (w->n == 0) {
            PyErr_SetString(PyExc_ValueError, "url_prefixes must not be empty");
            return -1;
        }
        if (k >= 32) {
            PyErr_SetString(PyExc_ValueError, "url_prefixes: at most 32");
            return -1;
        }
        set_bit(a->url_first, w->s[0]);
        a->ascii_mark[w->s[w->n - 1]] |= MARK_URL;
    }
    memset(a->url_last, -1, sizeof(a->url_last));
    for (Py_ssize_t k = a->n_url_prefixes - 1; k >= 0; k--) { /* chains in table order */
        uint32_t last = a->url_prefixes[k].s[a->url_prefixes[k].n - 1];
        a->url_next[k] = a->url_last[last];
        a->url_last[last] = (int8_t)k;
    }
    return 0;
}

static int
unicode_tables(Automaton *a, PyObject *tables)
{
    PyObject *unsafe = table(tables, "unsafe"), *word = table(tables, "word");
    PyObject *fold = table(tables, "fold");
    if (!unsafe || !word || !fold || set_from(unsafe, &a->unsafe, "unsafe") < 0 ||
        set_from(word, &a->word, "word") < 0 || fold_from(fold, &a->fold) < 0)
        return -1;
    for (uint32_t cp = 0; cp < 0x10000; cp++)
        if (!bit(a->unsafe.bmp, cp) && a->fold.bmp[cp] == cp)
            set_bit(a->plain, cp);
    for (uint32_t c = 0; c < 128; c++) {
        if (a->fold.bmp[c] >= 128) {
            PyErr_SetString(PyExc_ValueError, "fold: ASCII folds to ASCII");
            return -1;
        }
        a->ascii_low[c] = (uint8_t)a->fold.bmp[c];
        a->ascii_word[c] = (uint8_t)bit(a->word.bmp, c);
        if (bit(a->unsafe.bmp, c))
            a->ascii_mark[c] |= MARK_UNSAFE;
    }
    return 0;
}

/* One form's entry from kinds[i], not_followed_by[i], near[i], window[i]. */
static int
entry_from(Automaton *a, Entry *e, PyObject *kind, PyObject *nfb, PyObject *near,
           PyObject *window)
{
    e->kind = (int)PyLong_AsLong(kind);
    e->window = PyLong_AsSsize_t(window);
    if (PyErr_Occurred())
        return -1;
    if (e->kind < KO || e->kind > HAN || e->window < 0) {
        PyErr_SetString(PyExc_ValueError, "a kind is 0, 1 or 2 and a window >= 0");
        return -1;
    }
    if (u32_list(nfb, &e->nfb, &e->n_nfb) < 0)
        return -1;
    PyObject *fast = PySequence_Fast(near, "near words are a sequence of str");
    if (!fast)
        return -1;
    e->n_near = PySequence_Fast_GET_SIZE(fast);
    e->near = PyMem_Calloc(e->n_near ? e->n_near : 1, sizeof(int));
    int rc = e->near ? 0 : (PyErr_NoMemory(), -1);
    for (Py_ssize_t k = 0; rc == 0 && k < e->n_near; k++) {
        U32 word;
        rc = u32_from(PySequence_Fast_GET_ITEM(fast, k), &word);
        if (rc == 0)
            e->near[k] = near_word_index(a, word);
    }
    Py_DECREF(fast);
    return rc;
}

static int
form_tables(Automaton *a, PyObject *tables)
{
    PyObject *lists[5];
    const char *names[5] = {"forms", "kinds", "not_followed_by", "near", "window"};
    Py_ssize_t n = -1, chars = 0, near_total = 0;
    for (int k = 0; k < 5; k++) {
        if (!(lists[k] = table(tables, names[k])))
            return -1;
        if (!PyList_Check(lists[k]) || (n >= 0 && PyList_GET_SIZE(lists[k]) != n)) {
            PyErr_SetString(PyExc_ValueError, "forms, kinds, not_followed_by, near and window "
                                              "are lists of one length");
            return -1;
        }
        n = PyList_GET_SIZE(lists[k]);
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *f = PyList_GET_ITEM(lists[0], i), *near = PyList_GET_ITEM(lists[3], i);
        if (!PyUnicode_Check(f) || PyUnicode_GET_LENGTH(f) == 0 || !PyTuple_Check(near)) {
            PyErr_SetString(PyExc_TypeError, "forms are non-empty str; near, tuples of str");
            return -1;
        }
        chars += PyUnicode_GET_LENGTH(f);
        near_total += PyTuple_GET_SIZE(near);
    }
    a->entries = PyMem_Calloc(n ? n : 1, sizeof(Entry));
    a->near_words = PyMem_Calloc(near_total ? near_total : 1, sizeof(U32));
    if (!a->entries || !a->near_words) {
        PyErr_NoMemory();
        return -1;
    }
    if (trie_alloc(&a->tries[0], chars) < 0 || trie_alloc(&a->tries[1], chars) < 0)
        return -1;
    a->n_entries = n;
    for (Py_ssize_t i = 0; i < n; i++) {
        Entry *e = &a->entries[i];
        if (entry_from(a, e, PyList_GET_ITEM(lists[1], i), PyList_GET_ITEM(lists[2], i),
                       PyList_GET_ITEM(lists[3], i), PyList_GET_ITEM(lists[4], i)) < 0)
            return -1;
        PyObject *form = PyList_GET_ITEM(lists[0], i);
        int which = e->kind == LATIN;
        uint32_t first = PyUnicode_READ_CHAR(form, 0);
        trie_insert(&a->tries[which], form, (int32_t)i);
        if (first < 0x10000)
            set_bit(a->starts[which], first);
    }
    return 0;
}

static int
Automaton_init(Automaton *a, PyObject *args, PyObject *kw)
{
    PyObject *tables;
    if (a->entries) {
        PyErr_SetString(PyExc_RuntimeError, "Automaton is already built");
        return -1;
    }
    if (!PyArg_ParseTuple(args, "O!", &PyDict_Type, &tables))
        return -1;
    if (policy_tables(a, tables) < 0 || unicode_tables(a, tables) < 0 ||
        form_tables(a, tables) < 0)
        return -1;
    return 0;
}

/* ---- decoding --------------------------------------------------------------------- */

typedef struct {
    Py_ssize_t *v, n, cap;
} Offsets;

static int
offsets_add(Offsets *o, Py_ssize_t x) /* without the GIL: raw allocator */
{
    if (o->n == o->cap) {
        Py_ssize_t cap = o->cap ? o->cap * 2 : 1024;
        Py_ssize_t *v = PyMem_RawRealloc(o->v, cap * sizeof(Py_ssize_t));
        if (!v)
            return -1;
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n++] = x;
    return 0;
}

/* Whether the marker ends at s[end - 1] (it is ASCII). */
static int
marker_ends(const Automaton *a, const uint8_t *s, Py_ssize_t end)
{
    return end >= a->marker_len && memcmp(s + end - a->marker_len, a->marker, a->marker_len) == 0;
}

/* Whether a URL prefix ends at s[end - 1] (prefixes are ASCII), compared from the end: only
 * the prefixes that end in that byte. */
static int
url_ends(const Automaton *a, const uint8_t *s, Py_ssize_t end)
{
    for (int k = a->url_last[s[end - 1]]; k >= 0; k = a->url_next[k]) {
        const U32 *w = &a->url_prefixes[k];
        Py_ssize_t j = w->n;
        if (j > end)
            continue;
        while (j > 0 && s[end - w->n + j - 1] == w->s[j - 1])
            j--;
        if (j == 0)
            return 1;
    }
    return 0;
}

/* Decode strict UTF-8 (as CPython does) into t, fold it into low, note where lines end and
 * whether a URL may be there. A lone CR (an old Mac line break) becomes LF, as
 * engine.DocumentCheck._decode makes it. Returns the number of code points, -1 for invalid
 * UTF-8 or a code point the tables call unsafe, -2 when memory runs out, -3 for the marker. */
static Py_ssize_t
decode_fold(const Automaton *a, const uint8_t *s, Py_ssize_t len, uint32_t *t, uint32_t *low,
            Offsets *nl, int *has_url)
{
    Py_ssize_t i = 0, n = 0;
    int url = 0; /* not *has_url in the loop: stores to t and low could alias it */
    while (i < len) {
        uint8_t c = s[i];
        uint32_t cp;
        if (c < 0x80) {
            uint8_t mark = a->ascii_mark[c];
            i++;
            t[n] = c;
            low[n] = a->ascii_low[c];
            while (!mark && i < len && s[i] < 0x80) { /* a run of plain ASCII (Latin text) */
                n++;
                c = s[i++];
                mark = a->ascii_mark[c];
                t[n] = c;
                low[n] = a->ascii_low[c];
            }
            if (mark) {
                if (mark & (MARK_UNSAFE | MARK_MARKER)) {
                    if (mark & MARK_UNSAFE)
                        return -1;
                    if (marker_ends(a, s, i))
                        return -3;
                }
                if ((mark & MARK_URL) && !url)
                    url = url_ends(a, s, i);
                if (mark & MARK_BREAK) {
                    if (c == '\r' && (i >= len || s[i] != '\n'))
                        t[n] = low[n] = '\n';
                    if (t[n] == '\n' && offsets_add(nl, n) < 0)
                        return -2;
                }
            }
            n++;
            continue;
        }
        else if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
                return -1;
            if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F))
                return -1; /* overlong, or a surrogate */
            cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                 (s[i + 2] & 0x3F);
            i += 3;
            if (bit(a->plain, cp)) { /* most text: safe, and folds to itself */
                t[n] = low[n] = cp;
                n++;
                continue;
            }
        }
        else if (c >= 0xC2 && c <= 0xDF) {
            if (i + 1 >= len || (s[i + 1] & 0xC0) != 0x80)
                return -1;
            cp = ((uint32_t)(c & 0x1F) << 6) | (s[i + 1] & 0x3F);
            i += 2;
        }
        else if (c >= 0xF0 && c <= 0xF4) {
            if (i + 3 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 ||
                (s[i + 3] & 0xC0) != 0x80)
                return -1;
            if ((c == 0xF0 && s[i + 1] < 0x90) || (c == 0xF4 && s[i + 1] > 0x8F))
                return -1;
            cp = ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(s[i + 1] & 0x3F) << 12) |
                 ((uint32_t)(s[i + 2] & 0x3F) << 6) | (s[i + 3] & 0x3F);
            i += 4;
        }
        else
            return -1;
        if (set_has(&a->unsafe, cp))
            return -1;
        t[n] = cp;
        low[n++] = fold_of(&a->fold, cp);
    }
    *has_url = url;
    return n;
}

static inline int
starts_u32(const uint32_t *t, Py_ssize_t n, Py_ssize_t at, const U32 *w)
{
    if (at + w->n > n)
        return 0;
    for (Py_ssize_t k = 0; k < w->n; k++)
        if (t[at + k] != w->s[k])
            return 0;
    return 1;
}

static int
in_u32(const U32 *set, uint32_t c)
{
    for (Py_ssize_t k = 0; k < set->n; k++)
        if (set->s[k] == c)
            return 1;
    return 0;
}

/* readers.URL: a URL prefix and the characters up to white space or a stop, blanked to
 * spaces (at least one character after the prefix). */
static void
mask_urls(const Automaton *a, uint32_t *t, uint32_t *low, Py_ssize_t n)
{
    Py_ssize_t i = 0;
    while (i < n) {
        Py_ssize_t body = -1;
        if (t[i] < 0x10000 && bit(a->url_first, t[i]))
            for (Py_ssize_t k = 0; k < a->n_url_prefixes && body < 0; k++)
                if (starts_u32(t, n, i, &a->url_prefixes[k]))
                    body = i + a->url_prefixes[k].n;
#define URL_CHAR(c) (!is_space(c) && !in_u32(&a->url_stops, (c)))
        if (body >= 0 && body < n && URL_CHAR(t[body])) {
            Py_ssize_t j = body;
            while (j < n && URL_CHAR(t[j]))
                j++;
            for (Py_ssize_t k = i; k < j; k++)
                t[k] = low[k] = ' ';
            i = j;
        }
        else
            i++;
#undef URL_CHAR
    }
}

/* ---- judging one match (matching.candidates) -------------------------------------- */

typedef struct {
    const uint32_t *t, *low; /* masked text, folded */
    Py_ssize_t n;
    Py_ssize_t *near_next; /* per near word: first occurrence at or after near_from, -1 none */
    Py_ssize_t *near_from;
} Block;

static Py_ssize_t
particle_end(const Automaton *a, const Block *b, Py_ssize_t at)
{
    if (starts_u32(b->t, b->n, at, &a->plural))
        at += a->plural.n;
    for (int round = 0; round < 3; round++) {
        Py_ssize_t k;
        for (k = 0; k < a->n_particles; k++)
            if (starts_u32(b->t, b->n, at, &a->particles[k]))
                break;
        if (k == a->n_particles)
            break;
        at += a->particles[k].n;
    }
    return at;
}

static Py_ssize_t
find_u32(const uint32_t *s, Py_ssize_t n, Py_ssize_t from, Py_ssize_t until, const U32 *w)
{
    for (Py_ssize_t p = from; p < until && p + w->n <= n; p++)
        if (s[p] == w->s[0] && starts_u32(s, n, p, w))
            return p;
    return -1;
}

/* Is near word k within low[lo:hi]? For each word the block remembers its first occurrence
 * at or after near_from (-1: none); windows mostly move forward, so text is searched about
 * once. */
static int
near_in(const Automaton *a, Block *b, int k, Py_ssize_t lo, Py_ssize_t hi)
{
    const U32 *w = &a->near_words[k];
    if (w->n == 0)
        return 1; /* "" is in every window */
    if (b->near_next[k] == -2) {
        b->near_next[k] = find_u32(b->low, b->n, lo, b->n, w);
        b->near_from[k] = lo;
    }
    else if (lo < b->near_from[k]) { /* a wider window than before: search what it adds */
        Py_ssize_t p = find_u32(b->low, b->n, lo, b->near_from[k], w);
        if (p >= 0)
            b->near_next[k] = p;
        b->near_from[k] = lo;
    }
    else if (b->near_next[k] >= 0 && b->near_next[k] < lo) {
        b->near_next[k] = find_u32(b->low, b->n, lo, b->n, w);
        b->near_from[k] = lo;
    }
    return b->near_next[k] >= 0 && b->near_next[k] + w->n <= hi;
}

static int
ends_with(const uint32_t *s, Py_ssize_t lo, Py_ssize_t end, const U32 *w)
{
    return end - w->n >= lo && starts_u32(s, end, end - w->n, w);
}

/* mentions._BEFORE.search(low[start - reach : start]): one of the words, white space, an
 * optional quote, then the end ($, which also matches before a final newline). */
static int
mention_before(const Automaton *a, const Block *b, Py_ssize_t start)
{
    Py_ssize_t lo = start > a->before_reach ? start - a->before_reach : 0;
    for (int option = 0; option < 2; option++) {
        Py_ssize_t k = start;
        if (option == 1) {
            if (k <= lo || b->low[k - 1] != '\n')
                break;
            k--;
        }
        if (k > lo && in_u32(&a->before_quotes, b->low[k - 1]))
            k--;
        while (k > lo && is_space(b->low[k - 1]))
            k--;
        for (Py_ssize_t w = 0; w < a->n_before; w++)
            if (ends_with(b->low, lo, k, &a->before[w]))
                return 1;
    }
    return 0;
}

/* mentions.is_mention() */
static int
mention(const Automaton *a, const Block *b, Py_ssize_t start, Py_ssize_t end,
        Py_ssize_t after_end)
{
    if (start > 0) {
        for (Py_ssize_t q = 0; q < a->n_quotes; q++)
            if (b->t[start - 1] == a->quote_open[q].s[0]) {
                uint32_t close = a->quote_close[q].s[0];
                if ((end < b->n && b->t[end] == close) ||
                    (after_end < b->n && b->t[after_end] == close))
                    return 1;
                break;
            }
    }
    for (Py_ssize_t k = 0; k < a->n_after; k++)
        if (starts_u32(b->t, b->n, end, &a->after[k]))
            return 1;
    return mention_before(a, b, start);
}

static inline int
is_syllable(const Automaton *a, uint32_t c)
{
    return c >= a->syllable[0] && c <= a->syllable[1];
}

/* The judgement of matching.candidates(): returns flags, or -1 when the match is no term. */
static int
judge(const Automaton *a, Block *b, int32_t entry, Py_ssize_t start, Py_ssize_t end,
      Py_ssize_t *after_end)
{
    const Entry *e = &a->entries[entry];
    const uint32_t *t = b->t;
    Py_ssize_t n = b->n, ae = end;
    int flags = 0;
    if (e->kind == LATIN) { /* next_match() took it only where no word character is before */
        for (Py_ssize_t k = 0; k < a->n_suffixes; k++)
            if (starts_u32(t, n, end, &a->suffixes[k])) {
                ae = end + a->suffixes[k].n;
                break;
            }
        if (ae < n && is_word(a, t[ae]))
            return -1;
    }
    else if (e->kind == KO) {
        for (Py_ssize_t k = 0; k < e->n_nfb; k++)
            if (starts_u32(t, n, end, &e->nfb[k]))
                return -1;
        ae = particle_end(a, b, end);
        if ((start > 0 && is_syllable(a, t[start - 1])) || (ae < n && is_syllable(a, t[ae])))
            flags = LOW;
    }
    if (e->n_near) {
        Py_ssize_t lo = start > e->window ? start - e->window : 0;
        Py_ssize_t hi = end + e->window < n ? end + e->window : n;
        int found = 0;
        for (Py_ssize_t k = 0; k < e->n_near && !found; k++)
            found = near_in(a, b, e->near[k], lo, hi);
        if (!found)
            return -1;
    }
    if (mention(a, b, start, end, ae))
        flags |= MENTION;
    *after_end = ae;
    return flags;
}

/* The longest form of `trie` starting at i: its entry (-1 none), its end in *end. */
static inline int32_t
walk(const Trie *trie, int32_t node, const uint32_t *low, Py_ssize_t n, Py_ssize_t i,
     Py_ssize_t *end)
{
    int32_t best = trie->terminal[node];
    *end = i + 1;
    if (i + 1 < n) {
        uint32_t h = pair_hash(low[i], low[i + 1]);
        if (!((trie->pairs[h >> 3] >> (h & 7)) & 1))
            return best; /* no form begins with these two characters */
    }
    for (Py_ssize_t j = i + 1; j < n; j++) {
        node = child(trie, node, low[j]);
        if (node < 0)
            break;
        if (trie->terminal[node] >= 0) {
            best = trie->terminal[node];
            *end = j + 1;
        }
    }
    return best;
}

/* The next match from *at that can be a term, leftmost then longest (engine._matches): a
 * Latin form counts only where no word character comes before it. Returns the entry, or -1
 * at the end of the text. */
static inline int32_t
next_match(const Automaton *a, const uint32_t *t, const uint32_t *low, Py_ssize_t n,
           Py_ssize_t *at, Py_ssize_t *end)
{
    const Trie *other = &a->tries[0], *latin = &a->tries[1];
    for (Py_ssize_t i = *at; i < n; i++) {
        uint32_t c = low[i];
        int32_t node0, node1;
        if (c < 0x10000) {
            int s0 = (a->starts[0][c >> 3] >> (c & 7)) & 1;
            int s1 = (a->starts[1][c >> 3] >> (c & 7)) & 1 && (i == 0 || !is_word(a, t[i - 1]));
            if (!(s0 | s1))
                continue;
            node0 = s0 ? other->root[c] : -1;
            node1 = s1 ? latin->root[c] : -1;
        }
        else {
            node0 = child(other, 0, c);
            node1 = child(latin, 0, c);
            if (node0 < 0 && node1 < 0)
                continue;
        }
        int32_t best = -1;
        Py_ssize_t best_end = 0, e;
        if (node0 >= 0) {
            best = walk(other, node0, low, n, i, &e);
            best_end = e;
        }
        if (node1 >= 0 && (i == 0 || !is_word(a, t[i - 1]))) {
            int32_t entry = walk(latin, node1, low, n, i, &e);
            if (entry >= 0 && (best < 0 || e > best_end)) {
                best = entry;
                best_end = e;
            }
        }
        if (best >= 0) {
            *at = i;
            *end = best_end;
            return best;
        }
    }
    *at = n;
    return -1;
}

static PyTypeObject PreparedType;

/* ---- a prepared block: decoded, scanned and judged without the GIL ------------------ */

typedef struct {
    int32_t entry;
    int32_t flags;
    Py_ssize_t start, end, after_end, line, col; /* line counts from 0 in the block */
} Cand;

typedef struct {
    PyObject_HEAD
    Automaton *a;
    uint32_t *t; /* the masked text, for the strings a finding quotes */
    size_t t_cap;
    Py_ssize_t n, newlines;
    Py_ssize_t begin, stop, free; /* matches start in [begin, stop); the last ends at free */
    Cand *cands;
    Py_ssize_t n_cands;
} Prepared;

static void
Prepared_dealloc(Prepared *p)
{
    if (p->a) {
        pool_give(p->a, p->t, p->t_cap);
        Py_DECREF(p->a);
    }
    else
        PyMem_RawFree(p->t);
    PyMem_RawFree(p->cands);
    Py_TYPE(p)->tp_free((PyObject *)p);
}

enum { PREPARED = 0, NOT_HERE = 1, NO_MEMORY = 2 };

/* Everything of a block that needs no Python object; runs without the GIL. */
static int
prepare_block(const Automaton *a, const uint8_t *data, Py_ssize_t len, Prepared *p,
              uint32_t *low, Py_ssize_t *near)
{
    Offsets nl = {0};
    Py_ssize_t cap = 0;
    int rc = NO_MEMORY;
    int has_url = 0;
    p->n = decode_fold(a, data, len, p->t, low, &nl, &has_url);
    if (p->n == -2)
        goto done;
    if (p->n < 0) { /* not UTF-8, NFC may change it, or nkterms-disable and the like */
        rc = NOT_HERE;
        goto done;
    }
    p->newlines = nl.n;
    if (has_url)
        mask_urls(a, p->t, low, p->n);
    Block b = {p->t, low, p->n, near, near + a->n_near_words + 1};
    for (Py_ssize_t k = 0; k < a->n_near_words; k++) {
        b.near_next[k] = -2;
        b.near_from[k] = 0;
    }
    Py_ssize_t at = p->begin, end, after_end, line = 0, line_start = 0;
    int32_t entry;
    p->free = p->begin;
    while ((entry = next_match(a, p->t, low, p->n, &at, &end)) >= 0 && at < p->stop) {
        p->free = end;
        int flags = judge(a, &b, entry, at, end, &after_end);
        if (flags >= 0) {
            for (; line < nl.n && nl.v[line] < at; line++)
                line_start = nl.v[line] + 1;
            if (p->n_cands == cap) {
                cap = cap ? cap * 2 : 256;
                Cand *grown = PyMem_RawRealloc(p->cands, cap * sizeof(Cand));
                if (!grown)
                    goto done;
                p->cands = grown;
            }
            p->cands[p->n_cands++] =
                (Cand){entry, flags, at, end, after_end, line, at - line_start + 1};
        }
        at = end;
    }
    rc = PREPARED;
done:
    PyMem_RawFree(nl.v);
    return rc;
}

/* A new Prepared for a UTF-8 block; None when the Python path must take it. */
static PyObject *
prepare(Automaton *a, PyObject *args)
{
    Py_buffer view;
    Py_ssize_t begin = 0, stop = PY_SSIZE_T_MAX;
    if (!PyArg_ParseTuple(args, "y*|nn", &view, &begin, &stop))
        return NULL;
    if (begin < 0 || stop < 0) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "prepare() needs begin and stop >= 0");
        return NULL;
    }
    Prepared *p = PyObject_New(Prepared, &PreparedType);
    if (!p) {
        PyBuffer_Release(&view);
        return NULL;
    }
    p->a = (Automaton *)Py_NewRef(a);
    p->cands = NULL;
    p->n = p->newlines = p->n_cands = 0;
    p->begin = p->free = begin;
    p->stop = stop;
    size_t low_cap, near_cap, size = (view.len + 1) * sizeof(uint32_t);
    p->t = pool_take(a, size, &p->t_cap);
    uint32_t *low = pool_take(a, size, &low_cap);
    Py_ssize_t *near = pool_take(a, 2 * (a->n_near_words + 1) * sizeof(Py_ssize_t), &near_cap);
    int rc = NO_MEMORY;
    if (p->t && low && near) {
        Py_BEGIN_ALLOW_THREADS
        rc = prepare_block(a, (const uint8_t *)view.buf, view.len, p, low, near);
        Py_END_ALLOW_THREADS
    }
    pool_give(a, low, low_cap);
    pool_give(a, near, near_cap);
    PyBuffer_Release(&view);
    if (rc == PREPARED)
        return (PyObject *)p;
    Py_DECREF(p);
    if (rc == NO_MEMORY)
        return PyErr_NoMemory();
    Py_RETURN_NONE;
}

static PyObject *
Prepared_get_newlines(Prepared *p, void *closure)
{
    return PyLong_FromSsize_t(p->newlines);
}

static PyObject *
Prepared_get_free(Prepared *p, void *closure)
{
    return PyLong_FromSsize_t(p->free);
}

static PyObject *
Prepared_get_count(Prepared *p, void *closure)
{
    return PyLong_FromSsize_t(p->n_cands);
}

static PyObject *
row_tuple(const Cand *c, Py_ssize_t first_line, Py_ssize_t first_col)
{
    Py_ssize_t col = c->line ? c->col : c->col + first_col;
    return Py_BuildValue("(iinnnnn)", c->entry, c->flags, first_line + c->line, col, c->start,
                         c->end, c->after_end);
}

static PyObject *
Prepared_row(Prepared *p, PyObject *args)
{
    Py_ssize_t k, first_line = 0, first_col = 0;
    if (!PyArg_ParseTuple(args, "n|nn", &k, &first_line, &first_col))
        return NULL;
    if (k < 0 || k >= p->n_cands) {
        PyErr_SetString(PyExc_IndexError, "no such row");
        return NULL;
    }
    return row_tuple(&p->cands[k], first_line, first_col);
}

static PyObject *
Prepared_rows(Prepared *p, PyObject *args)
{
    Py_ssize_t first_line = 0, first_col = 0;
    if (!PyArg_ParseTuple(args, "|nn", &first_line, &first_col))
        return NULL;
    PyObject *out = PyList_New(p->n_cands);
    for (Py_ssize_t k = 0; out && k < p->n_cands; k++) {
        PyObject *row = row_tuple(&p->cands[k], first_line, first_col);
        if (!row)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, k, row);
    }
    return out;
}

static PyObject *
Prepared_text(Prepared *p, PyObject *args)
{
    Py_ssize_t start, end;
    if (!PyArg_ParseTuple(args, "nn", &start, &end))
        return NULL;
    if (start < 0 || end < start || end > p->n) {
        PyErr_SetString(PyExc_IndexError, "text(start, end) out of the block");
        return NULL;
    }
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, p->t + start, end - start);
}

typedef struct {
    char *s;
    Py_ssize_t len, cap;
} Buf;

static int
buf_put(Buf *b, const char *s, Py_ssize_t len)
{
    if (b->len + len > b->cap) {
        Py_ssize_t cap = b->cap ? b->cap : 1 << 16;
        while (cap < b->len + len)
            cap *= 2;
        char *grown = PyMem_Realloc(b->s, cap);
        if (!grown) {
            PyErr_NoMemory();
            return -1;
        }
        b->s = grown;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, len);
    b->len += len;
    return 0;
}

static int
buf_bytes(Buf *b, PyObject *bytes)
{
    return buf_put(b, PyBytes_AS_STRING(bytes), PyBytes_GET_SIZE(bytes));
}

static int
buf_int(Buf *b, Py_ssize_t v)
{
    char tmp[24];
    int k = sizeof(tmp);
    do {
        tmp[--k] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    return buf_put(b, tmp + k, (Py_ssize_t)sizeof(tmp) - k);
}

/* One ASK row handed to ask(entry, flags, line, col, form, matched): the line it gives
 * (bytes), or nothing for None. */
static int
render_asked(Prepared *p, PyObject *ask, const Cand *c, Py_ssize_t line, Py_ssize_t col, Buf *buf)
{
    PyObject *form = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, p->t + c->start,
                                               c->end - c->start);
    PyObject *matched = form ? PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, p->t + c->start,
                                                         c->after_end - c->start)
                             : NULL;
    PyObject *got = matched ? PyObject_CallFunction(ask, "iinnOO", c->entry, c->flags, line, col,
                                                    form, matched)
                            : NULL;
    Py_XDECREF(form);
    Py_XDECREF(matched);
    if (!got)
        return -1;
    int rc = 0;
    if (got != Py_None) {
        if (!PyBytes_Check(got)) {
            PyErr_SetString(PyExc_TypeError, "ask() gives bytes or None");
            rc = -1;
        }
        else
            rc = buf_bytes(buf, got);
    }
    Py_DECREF(got);
    return rc;
}

/* render(table, answers, hits, parts, row, first_line[, first_col[, ask]]) -> (bytes, row)
 *
 * Joins rows into lines from what Python decided, from `row` on: table[entry * 4 + flags]
 * is the index of the row's answer in `answers` (bytes), SKIP (no line) or ASK (Python must
 * decide). A row with an answer becomes parts[0] line parts[1] col parts[2] answer parts[3],
 * and adds 1 to hits[answer]. Without `ask`, stops before the first ASK row and returns the
 * lines and that row's index (count when none is left). With it, an ASK row's line is what
 * ask(entry, flags, line, col, form, matched) gives (bytes, or None for none); it may change
 * the table and add answers and hits (the buffers are let go of while it runs), and every
 * row is rendered. */
static PyObject *
Prepared_render(Prepared *p, PyObject *args)
{
    Py_buffer table, hits = {0};
    PyObject *answers, *parts, *hits_obj, *ask = Py_None, *out = NULL;
    Py_ssize_t row, first_line, first_col = 0;
    if (!PyArg_ParseTuple(args, "y*O!OO!nn|nO", &table, &PyList_Type, &answers, &hits_obj,
                          &PyTuple_Type, &parts, &row, &first_line, &first_col, &ask))
        return NULL;
    Buf buf = {0};
    const int32_t *slots = table.buf;
    if (PyObject_GetBuffer(hits_obj, &hits, PyBUF_WRITABLE | PyBUF_FORMAT) < 0) {
        hits.obj = NULL;
        goto done;
    }
    if (ask == Py_None)
        ask = NULL;
    if (table.itemsize != 4 || table.len != p->a->n_entries * 4 * 4 || hits.itemsize != 8 ||
        hits.len < PyList_GET_SIZE(answers) * 8 || PyTuple_GET_SIZE(parts) != 4 || row < 0 ||
        (ask && !PyCallable_Check(ask))) {
        PyErr_SetString(PyExc_ValueError, "render() needs an int32 slot per entry and flags, an "
                                          "int64 hit per answer, four parts, a row >= 0 and "
                                          "ask callable or None");
        goto done;
    }
    for (int k = 0; k < 4; k++)
        if (!PyBytes_Check(PyTuple_GET_ITEM(parts, k))) {
            PyErr_SetString(PyExc_TypeError, "parts are bytes");
            goto done;
        }
    for (; row < p->n_cands; row++) {
        const Cand *c = &p->cands[row];
        int32_t code = slots[c->entry * 4 + c->flags];
        Py_ssize_t col = c->line ? c->col : c->col + first_col;
        if (code == ASK) {
            if (!ask)
                break;
            PyBuffer_Release(&hits); /* ask() may add hits (resize the array) */
            int rc = render_asked(p, ask, c, first_line + c->line, col, &buf);
            if (PyObject_GetBuffer(hits_obj, &hits, PyBUF_WRITABLE | PyBUF_FORMAT) < 0) {
                hits.obj = NULL;
                goto done;
            }
            if (rc < 0)
                goto done;
            continue;
        }
        if (code == SKIP)
            continue;
        if (code < 0 || code >= PyList_GET_SIZE(answers) || (code + 1) * 8 > hits.len ||
            hits.itemsize != 8 || !PyBytes_Check(PyList_GET_ITEM(answers, code))) {
            PyErr_SetString(PyExc_ValueError, "a slot names no answer (bytes)");
            goto done;
        }
        ((int64_t *)hits.buf)[code]++;
        if (buf_bytes(&buf, PyTuple_GET_ITEM(parts, 0)) < 0 || buf_int(&buf, first_line + c->line) < 0 ||
            buf_bytes(&buf, PyTuple_GET_ITEM(parts, 1)) < 0 || buf_int(&buf, col) < 0 ||
            buf_bytes(&buf, PyTuple_GET_ITEM(parts, 2)) < 0 ||
            buf_bytes(&buf, PyList_GET_ITEM(answers, code)) < 0 ||
            buf_bytes(&buf, PyTuple_GET_ITEM(parts, 3)) < 0)
            goto done;
    }
    out = Py_BuildValue("(y#n)", buf.s ? buf.s : "", buf.len, row);
done:
    PyMem_Free(buf.s);
    PyBuffer_Release(&table);
    if (hits.obj)
        PyBuffer_Release(&hits);
    return out;
}

static PyMethodDef Prepared_methods[] = {
    {"row", (PyCFunction)Prepared_row, METH_VARARGS,
     "row(k[, first_line, first_col]): (entry, flags, line, col, start, end, after_end)."},
    {"rows", (PyCFunction)Prepared_rows, METH_VARARGS,
     "rows([first_line, first_col]): every row, as row() gives it."},
    {"text", (PyCFunction)Prepared_text, METH_VARARGS,
     "text(start, end): the block's text as scanned (URLs blanked)."},
    {"render", (PyCFunction)Prepared_render, METH_VARARGS,
     "render(table, answers, hits, parts, row, first_line[, first_col[, ask]]) -> (bytes, row): "
     "lines for the rows Python has answers for, up to the first it must decide (or, with "
     "ask, each of those asked for its line)."},
    {NULL}};

static PyGetSetDef Prepared_getset[] = {
    {"newlines", (getter)Prepared_get_newlines, NULL, "newlines in the block"},
    {"free", (getter)Prepared_get_free, NULL, "where the last match (judged or not) ends"},
    {"count", (getter)Prepared_get_count, NULL, "how many rows"},
    {NULL}};

static PyTypeObject PreparedType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "nkterms._speedups.Prepared",
    .tp_basicsize = sizeof(Prepared),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A block scanned and judged: its rows (matches that are terms).",
    .tp_dealloc = (destructor)Prepared_dealloc,
    .tp_getset = Prepared_getset,
    .tp_methods = Prepared_methods,
};

static PyObject *
Automaton_prepare(Automaton *a, PyObject *args)
{
    return prepare(a, args);
}

static PyObject *
Automaton_scan(Automaton *a, PyObject *args)
{
    Prepared *p = (Prepared *)prepare(a, args);
    if (!p || (PyObject *)p == Py_None)
        return (PyObject *)p;
    PyObject *out = PyList_New(p->n_cands);
    for (Py_ssize_t k = 0; out && k < p->n_cands; k++) {
        Cand *c = &p->cands[k];
        PyObject *row = Py_BuildValue("(iinnn)", c->entry, c->flags, c->start, c->end, c->after_end);
        if (!row)
            Py_CLEAR(out);
        else
            PyList_SET_ITEM(out, k, row);
    }
    Py_DECREF(p);
    return out;
}

static int
code_point(PyObject *arg, uint32_t *cp)
{
    unsigned long value = PyLong_AsUnsignedLong(arg);
    if (PyErr_Occurred())
        return -1;
    if (value > 0x10FFFF) {
        PyErr_SetString(PyExc_ValueError, "not a code point");
        return -1;
    }
    *cp = (uint32_t)value;
    return 0;
}

static PyObject *
Automaton_fold(Automaton *a, PyObject *arg)
{
    uint32_t cp;
    return code_point(arg, &cp) < 0 ? NULL : PyLong_FromUnsignedLong(fold_of(&a->fold, cp));
}

static PyObject *
Automaton_word(Automaton *a, PyObject *arg)
{
    uint32_t cp;
    return code_point(arg, &cp) < 0 ? NULL : PyBool_FromLong(is_word(a, cp));
}

static PyObject *
Automaton_unsafe(Automaton *a, PyObject *arg)
{
    uint32_t cp;
    return code_point(arg, &cp) < 0 ? NULL : PyBool_FromLong(set_has(&a->unsafe, cp));
}

static PyMethodDef Automaton_methods[] = {
    {"scan", (PyCFunction)Automaton_scan, METH_VARARGS,
     "scan(data): rows (entry, flags, start, end, after_end) of a UTF-8 block, or None when "
     "the block must take the Python path."},
    {"prepare", (PyCFunction)Automaton_prepare, METH_VARARGS,
     "prepare(data[, begin, stop]): the block scanned and judged (the GIL released "
     "meanwhile); None when the block must take the Python path. Only matches starting at "
     "code points in [begin, stop) count; the rest is context."},
    {"fold", (PyCFunction)Automaton_fold, METH_O, "fold(cp): the code point as folded."},
    {"word", (PyCFunction)Automaton_word, METH_O, "word(cp): whether it is a word character."},
    {"unsafe", (PyCFunction)Automaton_unsafe, METH_O,
     "unsafe(cp): whether a block holding it must take the Python path."},
    {NULL}};

static PyTypeObject AutomatonType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "nkterms._speedups.Automaton",
    .tp_basicsize = sizeof(Automaton),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Every form of every rule in one trie, with the tables judging a match reads.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Automaton_init,
    .tp_dealloc = (destructor)Automaton_dealloc,
    .tp_methods = Automaton_methods,
};

/* ---- module ------------------------------------------------------------------------ */

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "nkterms._speedups",
    "The checker's scanning kernel (see nkterms.check.kernel).", -1, NULL};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    if (PyType_Ready(&AutomatonType) < 0 || PyType_Ready(&PreparedType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    if (PyModule_AddObjectRef(m, "Automaton", (PyObject *)&AutomatonType) < 0 ||
        PyModule_AddIntConstant(m, "ASK", ASK) < 0 || PyModule_AddIntConstant(m, "SKIP", SKIP) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
