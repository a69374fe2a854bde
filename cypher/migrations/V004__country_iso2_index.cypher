// Country lookups by ISO-2 code. The tier query finds each firm's home country with
// (home:Country {iso2: s.country}); without this index that was a scan of every Country per
// supplier (for a 2,000-firm answer ~80 % of its database hits; see docs/benchmarks/NOTES.md).
CREATE INDEX country_iso2 IF NOT EXISTS FOR (c:Country) ON (c.iso2);
