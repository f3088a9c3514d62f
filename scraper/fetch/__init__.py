"""gazette fetch: sources (sources/*.toml), a polite HTTP client, WARC files and the crawl.

sources.py  TOML → Source, validated, errors naming file and key
client.py   httpx with robots.txt, per-host rate limit, retries, redirects hop by hop, size limit,
            conditional requests; every response handed over as an Exchange
warc.py     Exchanges → gzipped WARC files (warcio), and WARC files read back (ingest, 304s)
crawl.py    the run: listing pages → issue links → pages → WARC + pipeline + store, resumable
"""
