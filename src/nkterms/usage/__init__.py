"""Archive counts: how a news archive uses each glossary term, per period and outlet, on a
local process pool or on Dask (`nkterms usage`; the library call is archive.count_usage)."""
