/* The checker's compiled scanner: the same rows as nkterms.check.engine.candidates() and
 * the same output as engine.Emitter, for plain-text blocks that need no NFC normalisation.
 *
 * Automaton(forms, meta, particles, plural)   forms folded; meta as Patterns.meta
 *   .scan(data) -> [(entry, flags, start, end, after_end)] or None
 * Automaton.prepare(data[, begin, stop]) -> Prepared or None  (the GIL is released while it
 *   works; only matches starting in [begin, stop) count, the rest is context; .free is
 *   where the last of them ends)
 * Emitter(automaton, describe, first_only, volatile, path)
 *   .emit_prepared(prepared, first_line[, first_col]) -> bytes (path given) or [Finding]
 *   .emit(rows) -> the same, for rows (entry, flags, line, col, form, matched) from Python
 *   .counts -> [info, warning, error]
 * None means "not here": the block is not valid UTF-8, holds a code point NFC could change
 * (see tools/gen_nfc_table.py) or a suppression comment; the Python path then takes it.
 *
 * Copyright nkterms contributors. GPL-3.0-or-later.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <string.h>

#include "_nfc_unsafe.h"

enum { KO = 0, LATIN = 1, HAN = 2 };
enum { LOW = 1, MENTION = 2 };

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

/* ---- code point classes ------------------------------------------------------------ */

static uint8_t unsafe_bmp[0x10000 / 8];

static void
init_unsafe(void)
{
    for (int r = 0; r < NFC_UNSAFE_COUNT; r++)
        for (unsigned cp = NFC_UNSAFE[r][0]; cp <= NFC_UNSAFE[r][1] && cp < 0x10000; cp++)
            unsafe_bmp[cp >> 3] |= (uint8_t)(1u << (cp & 7));
}

static int
is_unsafe(uint32_t cp)
{
    if (cp < 0x10000)
        return (unsafe_bmp[cp >> 3] >> (cp & 7)) & 1;
    int lo = 0, hi = NFC_UNSAFE_COUNT - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        if (cp < NFC_UNSAFE[mid][0])
            hi = mid - 1;
        else if (cp > NFC_UNSAFE[mid][1])
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

/* engine.fold(): str.lower() one character for one; İ kept, Σ always σ. */
static inline uint32_t
fold(uint32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
    if ((cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x130)
        return cp;
    return (uint32_t)Py_UNICODE_TOLOWER((Py_UCS4)cp);
}

/* Per ASCII byte: 1 word character (re's \w), 2 upper case, 4 one the decoder looks at
 * ("\n", "\r", and the ends of "://", "www.", "nkterms-"). */
static uint8_t ASCII[128];

static void
init_ascii(void)
{
    for (int c = 0; c < 128; c++) {
        int word = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   c == '_';
        ASCII[c] = (uint8_t)(word | ((c >= 'A' && c <= 'Z') << 1) |
                             ((c == '\n' || c == '\r' || c == '/' || c == '.' || c == '-') << 2));
    }
}

static inline int
is_word(uint32_t cp) /* re's \w on str */
{
    if (cp < 0x80)
        return ASCII[cp] & 1;
    if (cp >= 0xAC00 && cp <= 0xD7A3)
        return 1;
    return Py_UNICODE_ISALNUM((Py_UCS4)cp);
}

static inline int
is_hangul(uint32_t cp)
{
    return cp >= 0xAC00 && cp <= 0xD7A3;
}

static inline int
is_space(uint32_t cp) /* re's \s on str */
{
    return Py_UNICODE_ISSPACE((Py_UCS4)cp);
}

enum { HAS_URL = 1, HAS_DIRECTIVE = 2 };

/* Decode strict UTF-8 (as CPython does) into t, fold it into low, note where lines end and
 * whether URLs or suppression comments may be there (*marks). A lone CR (an old Mac line
 * break) becomes LF, as engine.Checker._decode makes it, so CR, LF and CRLF each end a line.
 * Returns the number of code points, or -1 for invalid input or a code point the fast path
 * must not see. */
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

/* Returns -2 when memory runs out. */
static Py_ssize_t
decode_fold(const uint8_t *s, Py_ssize_t len, uint32_t *t, uint32_t *low, Offsets *nl,
            int *marks)
{
    Py_ssize_t i = 0, n = 0;
    int found = 0;
    while (i < len) {
        uint8_t c = s[i];
        if (c < 0x80) {
            uint8_t cls = ASCII[c];
            t[n] = c;
            low[n] = c + ((cls & 2) << 4);
            if (cls & 4) { /* newline, "://", "www.", "nkterms-" */
                if (c == '\r' && (i + 1 >= len || s[i + 1] != '\n'))
                    c = '\n', t[n] = low[n] = '\n';
                if (c == '\n') {
                    if (offsets_add(nl, n) < 0)
                        return -2;
                }
                else if (c == '/' && i >= 2 && s[i - 1] == '/' && s[i - 2] == ':')
                    found |= HAS_URL;
                else if (c == '.' && i >= 3 && s[i - 1] == 'w' && s[i - 2] == 'w' && s[i - 3] == 'w')
                    found |= HAS_URL;
                else if (c == '-' && i >= 7 && memcmp(s + i - 7, "nkterms", 7) == 0)
                    found |= HAS_DIRECTIVE;
            }
            n++;
            i++;
            continue;
        }
        uint32_t cp;
        if (c >= 0xE0 && c <= 0xEF) {
            if (i + 2 >= len || (s[i + 1] & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80)
                return -1;
            if ((c == 0xE0 && s[i + 1] < 0xA0) || (c == 0xED && s[i + 1] > 0x9F))
                return -1; /* overlong, or a surrogate */
            cp = ((uint32_t)(c & 0x0F) << 12) | ((uint32_t)(s[i + 1] & 0x3F) << 6) |
                 (s[i + 2] & 0x3F);
            i += 3;
            if (cp >= 0xAC00 && cp <= 0xD7A3) { /* Hangul syllables: safe, caseless */
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
        if (is_unsafe(cp))
            return -1;
        t[n] = cp;
        low[n++] = fold(cp);
    }
    *marks = found;
    return n;
}

/* readers._URL: (?:https?|ftp)://[^\s<>"')\]]+|www\.[^\s<>"')\]]+ blanked to spaces. */
static inline int
url_char(uint32_t c)
{
    return !(is_space(c) || c == '<' || c == '>' || c == '"' || c == '\'' || c == ')' ||
             c == ']');
}

static int
starts(const uint32_t *t, Py_ssize_t n, Py_ssize_t at, const char *ascii)
{
    for (Py_ssize_t k = 0; ascii[k]; k++)
        if (at + k >= n || t[at + k] != (uint32_t)(unsigned char)ascii[k])
            return 0;
    return 1;
}

static void
mask_urls(uint32_t *t, uint32_t *low, Py_ssize_t n)
{
    Py_ssize_t i = 0;
    while (i < n) {
        Py_ssize_t body = -1;
        if (starts(t, n, i, "https://"))
            body = i + 8;
        else if (starts(t, n, i, "http://"))
            body = i + 7;
        else if (starts(t, n, i, "ftp://"))
            body = i + 6;
        else if (starts(t, n, i, "www."))
            body = i + 4;
        if (body >= 0 && body < n && url_char(t[body])) {
            Py_ssize_t j = body;
            while (j < n && url_char(t[j]))
                j++;
            for (Py_ssize_t k = i; k < j; k++)
                t[k] = low[k] = ' ';
            i = j;
        }
        else
            i++;
    }
}

/* ---- the automaton ----------------------------------------------------------------- */

typedef struct {
    int kind, term, concept;
    Py_ssize_t window;
    U32 *nfb;
    Py_ssize_t n_nfb;
    int *near; /* indexes into Automaton.near_words */
    Py_ssize_t n_near;
} Entry;

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

typedef struct {
    PyObject_HEAD
    Trie tries[2]; /* [0] Korean and Hanja forms, [1] Latin ones (tried only at word starts) */
    Entry *entries;
    Py_ssize_t n_entries;
    U32 *particles; /* longest first, as hangul.PARTICLES */
    Py_ssize_t n_particles;
    U32 plural;
    U32 *near_words;
    Py_ssize_t n_near_words;
    int n_terms, n_concepts;
    uint8_t starts[2][0x10000 / 8]; /* BMP code points that begin a form, per trie */
    struct {
        void *p;
        size_t cap;
    } pool[8]; /* block buffers kept for the next block (taken and given with the GIL) */
} Automaton;

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

static int
Automaton_init(Automaton *a, PyObject *args, PyObject *kw)
{
    PyObject *forms, *meta, *particles, *plural;
    if (a->entries) {
        PyErr_SetString(PyExc_RuntimeError, "Automaton is already built");
        return -1;
    }
    if (!PyArg_ParseTuple(args, "O!O!OU", &PyList_Type, &forms, &PyList_Type, &meta, &particles,
                          &plural))
        return -1;
    Py_ssize_t n = PyList_GET_SIZE(forms);
    if (PyList_GET_SIZE(meta) != n) {
        PyErr_SetString(PyExc_ValueError, "forms and meta differ in length");
        return -1;
    }
    if (u32_list(particles, &a->particles, &a->n_particles) < 0 || u32_from(plural, &a->plural) < 0)
        return -1;
    Py_ssize_t chars = 0, near_total = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *f = PyList_GET_ITEM(forms, i);
        PyObject *m = PyList_GET_ITEM(meta, i);
        if (!PyUnicode_Check(f) || PyUnicode_GET_LENGTH(f) == 0) {
            PyErr_SetString(PyExc_TypeError, "forms must be non-empty str");
            return -1;
        }
        if (!PyTuple_Check(m) || PyTuple_GET_SIZE(m) != 6 || !PyLong_Check(PyTuple_GET_ITEM(m, 0)) ||
            !PyTuple_Check(PyTuple_GET_ITEM(m, 4))) {
            PyErr_SetString(PyExc_TypeError, "meta items are (kind, term, concept, "
                                             "not_followed_by, near, window)");
            return -1;
        }
        chars += PyUnicode_GET_LENGTH(f);
        near_total += PyTuple_GET_SIZE(PyTuple_GET_ITEM(m, 4));
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
        PyObject *kind = PyTuple_GET_ITEM(PyList_GET_ITEM(meta, i), 0);
        int which = PyLong_AsLong(kind) == LATIN;
        PyObject *form = PyList_GET_ITEM(forms, i);
        uint32_t first = PyUnicode_READ_CHAR(form, 0);
        trie_insert(&a->tries[which], form, (int32_t)i);
        if (first < 0x10000)
            a->starts[which][first >> 3] |= (uint8_t)(1u << (first & 7));
        PyObject *m = PyList_GET_ITEM(meta, i);
        Entry *e = &a->entries[i];
        e->kind = (int)PyLong_AsLong(PyTuple_GET_ITEM(m, 0));
        e->term = (int)PyLong_AsLong(PyTuple_GET_ITEM(m, 1));
        e->concept = (int)PyLong_AsLong(PyTuple_GET_ITEM(m, 2));
        e->window = PyLong_AsSsize_t(PyTuple_GET_ITEM(m, 5));
        if (PyErr_Occurred())
            return -1;
        if (e->term >= a->n_terms)
            a->n_terms = e->term + 1;
        if (e->concept >= a->n_concepts)
            a->n_concepts = e->concept + 1;
        if (u32_list(PyTuple_GET_ITEM(m, 3), &e->nfb, &e->n_nfb) < 0)
            return -1;
        PyObject *near = PyTuple_GET_ITEM(m, 4);
        e->n_near = PyTuple_GET_SIZE(near);
        e->near = PyMem_Calloc(e->n_near ? e->n_near : 1, sizeof(int));
        if (!e->near) {
            PyErr_NoMemory();
            return -1;
        }
        for (Py_ssize_t k = 0; k < e->n_near; k++) {
            U32 word;
            if (u32_from(PyTuple_GET_ITEM(near, k), &word) < 0)
                return -1;
            e->near[k] = near_word_index(a, word);
        }
    }
    return 0;
}

/* ---- judging one match (engine.candidates) ----------------------------------------- */

typedef struct {
    const uint32_t *t, *low; /* masked text, folded */
    Py_ssize_t n;
    Py_ssize_t *near_next; /* per near word: first occurrence at or after near_from, -1 none */
    Py_ssize_t *near_from;
} Block;

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

static const uint32_t QUOTE_OPEN[] = {'"', 0x201C, '\'', 0x2018, 0x300C, 0x300E, 0xAB, 0x300A};
static const uint32_t QUOTE_CLOSE[] = {'"', 0x201D, '\'', 0x2019, 0x300D, 0x300F, 0xBB, 0x300B};
/* 이라는 라는 이란 란 이라고 라고 */
static const uint32_t AFTER_1[] = {0xC774, 0xB77C, 0xB294};
static const uint32_t AFTER_2[] = {0xB77C, 0xB294};
static const uint32_t AFTER_3[] = {0xC774, 0xB780};
static const uint32_t AFTER_4[] = {0xB780};
static const uint32_t AFTER_5[] = {0xC774, 0xB77C, 0xACE0};
static const uint32_t AFTER_6[] = {0xB77C, 0xACE0};
static const U32 MENTION_AFTER[] = {{(uint32_t *)AFTER_1, 3}, {(uint32_t *)AFTER_2, 2},
                                    {(uint32_t *)AFTER_3, 2}, {(uint32_t *)AFTER_4, 1},
                                    {(uint32_t *)AFTER_5, 3}, {(uint32_t *)AFTER_6, 2}};
static const char *MENTION_WORDS[] = {"the word",  "the words", "the term",  "the terms",
                                      "the label", "the labels", "the name", "the names",
                                      "called"};

static int
ends_ascii(const uint32_t *s, Py_ssize_t lo, Py_ssize_t end, const char *w)
{
    Py_ssize_t len = (Py_ssize_t)strlen(w);
    if (end - len < lo)
        return 0;
    for (Py_ssize_t k = 0; k < len; k++)
        if (s[end - len + k] != (uint32_t)(unsigned char)w[k])
            return 0;
    return 1;
}

static int
is_quote_before(uint32_t c)
{
    return c == '"' || c == 0x201C || c == '\'';
}

/* _MENTION_BEFORE.search(low[start - 20 : start]):
 * (?:the (?:word|term|label|name)s?|called|so-called)\s*["“']?$ ; $ also before a final \n */
static int
mention_before(const Block *b, Py_ssize_t start)
{
    Py_ssize_t lo = start > 20 ? start - 20 : 0;
    for (int option = 0; option < 2; option++) {
        Py_ssize_t k = start;
        if (option == 1) {
            if (k <= lo || b->low[k - 1] != '\n')
                break;
            k--;
        }
        if (k > lo && is_quote_before(b->low[k - 1]))
            k--;
        while (k > lo && is_space(b->low[k - 1]))
            k--;
        for (size_t w = 0; w < sizeof(MENTION_WORDS) / sizeof(*MENTION_WORDS); w++)
            if (ends_ascii(b->low, lo, k, MENTION_WORDS[w]))
                return 1;
    }
    return 0;
}

static int
mention(const Block *b, Py_ssize_t start, Py_ssize_t end, Py_ssize_t after_end)
{
    if (start > 0) {
        for (size_t q = 0; q < sizeof(QUOTE_OPEN) / sizeof(*QUOTE_OPEN); q++)
            if (b->t[start - 1] == QUOTE_OPEN[q]) {
                uint32_t close = QUOTE_CLOSE[q];
                if ((end < b->n && b->t[end] == close) ||
                    (after_end < b->n && b->t[after_end] == close))
                    return 1;
                break;
            }
    }
    for (size_t k = 0; k < sizeof(MENTION_AFTER) / sizeof(*MENTION_AFTER); k++)
        if (starts_u32(b->t, b->n, end, &MENTION_AFTER[k]))
            return 1;
    return mention_before(b, start);
}

/* The judgement of engine.candidates(): returns flags, or -1 when the match is no term. */
static int
judge(const Automaton *a, Block *b, int32_t entry, Py_ssize_t start, Py_ssize_t end,
      Py_ssize_t *after_end)
{
    const Entry *e = &a->entries[entry];
    const uint32_t *t = b->t;
    Py_ssize_t n = b->n, ae = end;
    int flags = 0;
    if (e->kind == LATIN) { /* next_match() took it only where no word character is before */
        if (end + 1 < n && (t[end] == '\'' || t[end] == 0x2019) && t[end + 1] == 's')
            ae = end + 2;
        else if (end + 1 < n && t[end] == 's' && (t[end + 1] == '\'' || t[end + 1] == 0x2019))
            ae = end + 2;
        else if (end + 1 < n && t[end] == 'e' && t[end + 1] == 's')
            ae = end + 2;
        else if (end < n && t[end] == 's')
            ae = end + 1;
        if (ae < n && is_word(t[ae]))
            return -1;
    }
    else if (e->kind == KO) {
        for (Py_ssize_t k = 0; k < e->n_nfb; k++)
            if (starts_u32(t, n, end, &e->nfb[k]))
                return -1;
        ae = particle_end(a, b, end);
        if ((start > 0 && is_hangul(t[start - 1])) || (ae < n && is_hangul(t[ae])))
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
    if (mention(b, start, end, ae))
        flags |= MENTION;
    *after_end = ae;
    return flags;
}

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

static PyGetSetDef Prepared_getset[] = {
    {"newlines", (getter)Prepared_get_newlines, NULL, "newlines in the block"},
    {"free", (getter)Prepared_get_free, NULL, "where the last match (judged or not) ends"},
    {NULL}};

static PyTypeObject PreparedType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "nkterms._speedups.Prepared",
    .tp_basicsize = sizeof(Prepared),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "A block scanned and judged, waiting for Emitter.emit_prepared().",
    .tp_dealloc = (destructor)Prepared_dealloc,
    .tp_getset = Prepared_getset,
};

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
            int s1 = (a->starts[1][c >> 3] >> (c & 7)) & 1 && (i == 0 || !is_word(t[i - 1]));
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
        if (node1 >= 0 && (i == 0 || !is_word(t[i - 1]))) {
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

enum { PREPARED = 0, NOT_HERE = 1, NO_MEMORY = 2 };

/* Everything of a block that needs no Python object; runs without the GIL. */
static int
prepare_block(const Automaton *a, const uint8_t *data, Py_ssize_t len, Prepared *p,
              uint32_t *low, Py_ssize_t *near)
{
    Offsets nl = {0};
    Py_ssize_t cap = 0;
    int rc = NO_MEMORY, marks;
    p->n = decode_fold(data, len, p->t, low, &nl, &marks);
    if (p->n == -2)
        goto done;
    if (p->n < 0 || (marks & HAS_DIRECTIVE)) { /* nkterms-disable and the like: Python reads them */
        rc = NOT_HERE;
        goto done;
    }
    p->newlines = nl.n;
    if (marks & HAS_URL)
        mask_urls(p->t, low, p->n);
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
            p->cands[p->n_cands++] = (Cand){entry, flags, at, end, after_end, line, at - line_start + 1};
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

static PyMethodDef Automaton_methods[] = {
    {"scan", (PyCFunction)Automaton_scan, METH_VARARGS,
     "scan(data): rows (entry, flags, start, end, after_end) of a UTF-8 block, or None when "
     "the block must take the Python path."},
    {"prepare", (PyCFunction)Automaton_prepare, METH_VARARGS,
     "prepare(data[, begin, stop]): the block scanned and judged (the GIL released "
     "meanwhile), for Emitter.emit_prepared(); None when the block must take the Python path. "
     "Only matches starting at code points in [begin, stop) count; the rest is context."},
    {NULL}};

static PyTypeObject AutomatonType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "nkterms._speedups.Automaton",
    .tp_basicsize = sizeof(Automaton),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "Every form of every rule in one trie, with what judging a match needs.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Automaton_init,
    .tp_dealloc = (destructor)Automaton_dealloc,
    .tp_methods = Automaton_methods,
};

/* ---- the emitter (engine.Emitter) -------------------------------------------------- */

typedef struct {
    char *s;
    Py_ssize_t len, cap;
} Buf;

static int
buf_grow(Buf *b, Py_ssize_t more)
{
    if (b->len + more <= b->cap)
        return 0;
    Py_ssize_t cap = b->cap ? b->cap : 1 << 16;
    while (cap < b->len + more)
        cap *= 2;
    char *s = PyMem_Realloc(b->s, cap);
    if (!s) {
        PyErr_NoMemory();
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

static int
buf_put(Buf *b, const char *s, Py_ssize_t len)
{
    if (buf_grow(b, len) < 0)
        return -1;
    memcpy(b->s + b->len, s, len);
    b->len += len;
    return 0;
}

static int
buf_int(Buf *b, Py_ssize_t v)
{
    char tmp[24];
    int k = 0;
    do {
        tmp[k++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (buf_grow(b, k) < 0)
        return -1;
    while (k)
        b->s[b->len++] = tmp[--k];
    return 0;
}

typedef struct {
    PyObject_HEAD
    Automaton *a;
    PyObject *describe;
    PyObject *path; /* bytes, or None for Findings */
    int first_only;
    uint8_t *volatile_;
    uint8_t *seen, *reported; /* per term */
    uint32_t *version;        /* per concept: bumped when a term of it is first seen */
    PyObject **cache;         /* per entry * 4 + flags: describe()'s answer */
    uint32_t *cache_version;
    Py_ssize_t counts[3];
} Emitter;

static int
Emitter_traverse(Emitter *e, visitproc visit, void *arg)
{
    Py_VISIT(e->a);
    Py_VISIT(e->describe);
    Py_VISIT(e->path);
    if (e->cache && e->a)
        for (Py_ssize_t k = 0; k < e->a->n_entries * 4; k++)
            Py_VISIT(e->cache[k]);
    return 0;
}

static int
Emitter_clear(Emitter *e)
{
    if (e->cache && e->a)
        for (Py_ssize_t k = 0; k < e->a->n_entries * 4; k++)
            Py_CLEAR(e->cache[k]);
    Py_CLEAR(e->describe);
    Py_CLEAR(e->path);
    Py_CLEAR(e->a);
    return 0;
}

static void
Emitter_dealloc(Emitter *e)
{
    PyObject_GC_UnTrack(e);
    Emitter_clear(e);
    PyMem_Free(e->volatile_);
    PyMem_Free(e->seen);
    PyMem_Free(e->reported);
    PyMem_Free(e->version);
    PyMem_Free(e->cache);
    PyMem_Free(e->cache_version);
    Py_TYPE(e)->tp_free((PyObject *)e);
}

static int
Emitter_init(Emitter *e, PyObject *args, PyObject *kw)
{
    PyObject *a, *describe, *path;
    int first_only;
    Py_buffer vol;
    if (!PyArg_ParseTuple(args, "O!Opy*O", &AutomatonType, &a, &describe, &first_only, &vol,
                          &path))
        return -1;
    Automaton *au = (Automaton *)a;
    if (vol.len != au->n_entries || (path != Py_None && !PyBytes_Check(path))) {
        PyBuffer_Release(&vol);
        PyErr_SetString(PyExc_ValueError, "volatile needs a byte per entry; path is bytes or None");
        return -1;
    }
    Py_ssize_t slots = au->n_entries * 4 + 1;
    e->volatile_ = PyMem_Malloc(vol.len + 1);
    e->seen = PyMem_Calloc(au->n_terms + 1, 1);
    e->reported = PyMem_Calloc(au->n_terms + 1, 1);
    e->version = PyMem_Calloc(au->n_concepts + 1, sizeof(uint32_t));
    e->cache = PyMem_Calloc(slots, sizeof(PyObject *));
    e->cache_version = PyMem_Calloc(slots, sizeof(uint32_t));
    if (!e->volatile_ || !e->seen || !e->reported || !e->version || !e->cache ||
        !e->cache_version) {
        PyBuffer_Release(&vol);
        PyErr_NoMemory();
        return -1;
    }
    memcpy(e->volatile_, vol.buf, vol.len);
    PyBuffer_Release(&vol);
    for (int k = 0; k <= au->n_concepts; k++)
        e->version[k] = 1;
    e->a = (Automaton *)Py_NewRef(a);
    e->describe = Py_NewRef(describe);
    e->path = Py_NewRef(path);
    e->first_only = first_only;
    return 0;
}

static PyObject *
ucs4(const uint32_t *t, Py_ssize_t start, Py_ssize_t end)
{
    return PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, t + start, end - start);
}

/* One row: the finding it makes, written to `out` (text) or appended to `list`.
 * form and matched are made from t when NULL. Returns -1 on error. */
static int
emit_one(Emitter *em, int32_t entry, int flags, Py_ssize_t line, Py_ssize_t col, PyObject *form,
         PyObject *matched, const uint32_t *t, Py_ssize_t start, Py_ssize_t end,
         Py_ssize_t after_end, Buf *out, PyObject *list)
{
    const Entry *e = &em->a->entries[entry];
    if (em->first_only && em->reported[e->term])
        return 0;
    Py_ssize_t slot = (Py_ssize_t)entry * 4 + flags;
    int fresh = !em->seen[e->term];
    if (fresh) {
        em->seen[e->term] = 1;
        em->version[e->concept]++;
    }
    PyObject *answer, *owned_form = NULL, *owned_matched = NULL;
    int rc = -1;
    if (fresh || em->volatile_[entry] || em->cache_version[slot] != em->version[e->concept]) {
        if (!form)
            form = owned_form = ucs4(t, start, end);
        if (!matched)
            matched = owned_matched = ucs4(t, start, after_end);
        if (!form || !matched)
            goto done;
        answer = PyObject_CallFunction(em->describe, "iiOO", entry, flags, form, matched);
        if (!answer)
            goto done;
        /* A term's first occurrence may be told more than its repeats (an open choice is
         * said once), so that answer is never reused; later ones are, until a term of the
         * concept is first seen. */
        if (!em->volatile_[entry] && !fresh)
            em->cache_version[slot] = em->version[e->concept];
        Py_XSETREF(em->cache[slot], answer); /* owns it (a volatile slot is never read) */
    }
    else
        answer = em->cache[slot];
    if (answer == Py_None) {
        rc = 0;
        goto done;
    }
    int severity;
    PyObject *tail, *template;
    if (!PyArg_ParseTuple(answer, "iSO", &severity, &tail, &template) || severity < 0 ||
        severity > 2) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "describe() gave a bad severity");
        goto done;
    }
    if (em->first_only)
        em->reported[e->term] = 1;
    em->counts[severity]++;
    if (out) {
        if (buf_put(out, PyBytes_AS_STRING(em->path), PyBytes_GET_SIZE(em->path)) < 0 ||
            buf_put(out, ":", 1) < 0 || buf_int(out, line) < 0 || buf_put(out, ":", 1) < 0 ||
            buf_int(out, col) < 0 || buf_put(out, ": ", 2) < 0 ||
            buf_put(out, PyBytes_AS_STRING(tail), PyBytes_GET_SIZE(tail)) < 0 ||
            buf_put(out, "\n", 1) < 0)
            goto done;
    }
    else {
        if (!matched)
            matched = owned_matched = ucs4(t, start, after_end);
        if (!matched)
            goto done;
        PyObject *finding = PyObject_CallMethod(template, "at", "nnO", line, col, matched);
        if (!finding || PyList_Append(list, finding) < 0) {
            Py_XDECREF(finding);
            goto done;
        }
        Py_DECREF(finding);
    }
    rc = 0;
done:
    Py_XDECREF(owned_form);
    Py_XDECREF(owned_matched);
    return rc;
}

static PyObject *
finish(Emitter *em, Buf *out, PyObject *list, int failed)
{
    if (failed) {
        PyMem_Free(out->s);
        Py_XDECREF(list);
        return NULL;
    }
    if (list)
        return list;
    PyObject *bytes = PyBytes_FromStringAndSize(out->s ? out->s : "", out->len);
    PyMem_Free(out->s);
    return bytes;
}

static PyObject *
Emitter_emit_prepared(Emitter *em, PyObject *args)
{
    PyObject *obj;
    Py_ssize_t first_line, first_col = 0; /* first_col: added to the first line's columns */
    if (!PyArg_ParseTuple(args, "O!n|n", &PreparedType, &obj, &first_line, &first_col))
        return NULL;
    Prepared *p = (Prepared *)obj;
    Buf out = {0};
    PyObject *list = NULL;
    int failed = 0;
    if (p->a != em->a) {
        PyErr_SetString(PyExc_ValueError, "a block prepared by another automaton");
        return NULL;
    }
    if (em->path == Py_None && !(list = PyList_New(0)))
        return NULL;
    for (Py_ssize_t k = 0; k < p->n_cands; k++) {
        const Cand *c = &p->cands[k];
        Py_ssize_t col = c->line ? c->col : c->col + first_col;
        if (emit_one(em, c->entry, c->flags, first_line + c->line, col, NULL, NULL, p->t,
                     c->start, c->end, c->after_end, list ? NULL : &out, list) < 0) {
            failed = 1;
            break;
        }
    }
    return finish(em, &out, list, failed);
}

static PyObject *
Emitter_emit(Emitter *em, PyObject *rows)
{
    PyObject *fast = PySequence_Fast(rows, "rows must be a sequence");
    if (!fast)
        return NULL;
    Buf out = {0};
    PyObject *list = NULL;
    int failed = 0;
    if (em->path == Py_None && !(list = PyList_New(0)))
        failed = 1;
    for (Py_ssize_t i = 0; !failed && i < PySequence_Fast_GET_SIZE(fast); i++) {
        int entry, flags;
        Py_ssize_t line, col;
        PyObject *form, *matched;
        if (!PyArg_ParseTuple(PySequence_Fast_GET_ITEM(fast, i), "iinnUU", &entry, &flags,
                              &line, &col, &form, &matched))
            failed = 1;
        else if (entry < 0 || entry >= em->a->n_entries || flags < 0 || flags > 3) {
            PyErr_SetString(PyExc_ValueError, "row out of range");
            failed = 1;
        }
        else if (emit_one(em, entry, flags, line, col, form, matched, NULL, 0, 0, 0,
                          list ? NULL : &out, list) < 0)
            failed = 1;
    }
    Py_DECREF(fast);
    return finish(em, &out, list, failed);
}

static PyObject *
Emitter_get_counts(Emitter *em, void *closure)
{
    return Py_BuildValue("[nnn]", em->counts[0], em->counts[1], em->counts[2]);
}

static PyMethodDef Emitter_methods[] = {
    {"emit_prepared", (PyCFunction)Emitter_emit_prepared, METH_VARARGS,
     "emit_prepared(prepared, first_line[, first_col]): emit a block Automaton.prepare() "
     "scanned; first_col is added to the columns on its first line."},
    {"emit", (PyCFunction)Emitter_emit, METH_O,
     "emit(rows): emit rows (entry, flags, line, col, form, matched) found by Python."},
    {NULL}};

static PyGetSetDef Emitter_getset[] = {
    {"counts", (getter)Emitter_get_counts, NULL, "findings per severity: info, warning, error"},
    {NULL}};

static PyTypeObject EmitterType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "nkterms._speedups.Emitter",
    .tp_basicsize = sizeof(Emitter),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_doc = "What the rows of one document become: text lines or Findings.",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Emitter_init,
    .tp_dealloc = (destructor)Emitter_dealloc,
    .tp_traverse = (traverseproc)Emitter_traverse,
    .tp_clear = (inquiry)Emitter_clear,
    .tp_methods = Emitter_methods,
    .tp_getset = Emitter_getset,
};

/* ---- module ------------------------------------------------------------------------ */

static PyObject *
speedups_unsafe(PyObject *self, PyObject *arg)
{
    unsigned long cp = PyLong_AsUnsignedLong(arg);
    if (PyErr_Occurred())
        return NULL;
    return PyBool_FromLong(cp > 0x10FFFF || is_unsafe((uint32_t)cp));
}

static PyObject *
speedups_fold(PyObject *self, PyObject *arg)
{
    unsigned long cp = PyLong_AsUnsignedLong(arg);
    if (PyErr_Occurred())
        return NULL;
    return PyLong_FromUnsignedLong(fold((uint32_t)cp));
}

static PyMethodDef module_methods[] = {
    {"unsafe", speedups_unsafe, METH_O,
     "unsafe(cp): True when a block holding this code point must take the Python path."},
    {"fold", speedups_fold, METH_O, "fold(cp): the code point as matching lower-cases it."},
    {NULL}};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "nkterms._speedups",
    "The checker's compiled scanner (see nkterms.check.engine).", -1, module_methods};

PyMODINIT_FUNC
PyInit__speedups(void)
{
    init_unsafe();
    init_ascii();
    if (PyType_Ready(&AutomatonType) < 0 || PyType_Ready(&EmitterType) < 0 ||
        PyType_Ready(&PreparedType) < 0)
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m)
        return NULL;
    if (PyModule_AddObjectRef(m, "Automaton", (PyObject *)&AutomatonType) < 0 ||
        PyModule_AddObjectRef(m, "Emitter", (PyObject *)&EmitterType) < 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}
