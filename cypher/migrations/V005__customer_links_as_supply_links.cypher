// "A is a customer of B" is stored as "B supplies A" (RelType.stored in the backend), so that supplier
// tiers, exposure and paths follow one type of supply link. This rewrites the CUSTOMER_OF links of a
// graph written before that rule: each becomes the SUPPLIES link the other way round, id
// '<supplier>.SUPPLIES.<customer>', with every property and quote. Where that supply link exists
// already, it gains the customer link's quotes it lacks, each with its section and, when the two
// come from different documents, its document (quoteDocuments, documents, as a curation merge keeps
// them); values it lacks (year, start, end, share, tier, document) come from the customer link; and
// it stays inferred only if both were. A graph without CUSTOMER_OF links is left as it is.
// Runnable on its own: cypher-shell -a bolt://localhost:7687 -f cypher/migrations/V005__customer_links_as_supply_links.cypher

MATCH (customer:Entity)-[c:CUSTOMER_OF]->(supplier:Entity)
WITH customer, supplier, c, supplier.id + '.SUPPLIES.' + customer.id AS sid
OPTIONAL MATCH (supplier)-[old:SUPPLIES {id: sid}]->(customer)
WITH customer, supplier, c, sid, old, coalesce(c.quotes, []) AS quotes, coalesce(c.quoteSections, []) AS sections
WITH customer, supplier, c, sid, old, quotes, sections,
     [i IN range(0, size(quotes) - 1) WHERE old IS NULL OR NOT quotes[i] IN coalesce(old.quotes, [])] AS fresh
CALL (customer, supplier, c, sid, old, quotes, sections, fresh) {
  WITH * WHERE old IS NULL
  CREATE (supplier)-[s:SUPPLIES]->(customer)
  SET s = properties(c), s.id = sid
  UNION
  WITH * WHERE old IS NOT NULL
  WITH *, coalesce(old.inferred, false) AND coalesce(c.inferred, false) AS inferred,
       coalesce(old.quotes, []) AS oldQuotes, coalesce(old.quoteSections, []) AS oldSections
  // Each quote keeps its document where the two links come from different documents.
  WITH *, old.quoteDocuments IS NOT NULL OR c.quoteDocuments IS NOT NULL
          OR (size(fresh) > 0 AND c.document IS NOT NULL AND old.document IS NOT NULL AND c.document <> old.document) AS perQuote
  WITH *, CASE WHEN perQuote THEN
            coalesce(old.quoteDocuments, [])
            + [j IN range(size(coalesce(old.quoteDocuments, [])), size(oldQuotes) - 1) | coalesce(old.document, '')]
            + [i IN fresh | coalesce(c.quoteDocuments[i], c.document, '')] END AS quoteDocuments
  SET old.quotes = oldQuotes + [i IN fresh | quotes[i]],
      old.quoteSections = oldSections + [j IN range(size(oldSections), size(oldQuotes) - 1) | '']
                          + [i IN fresh | coalesce(sections[i], '')],
      old.quoteDocuments = quoteDocuments,
      old.documents = CASE WHEN perQuote THEN
                        reduce(ds = [], d IN coalesce(old.documents, []) + [x IN quoteDocuments WHERE x <> ''] |
                               CASE WHEN d IN ds THEN ds ELSE ds + d END)
                      ELSE old.documents END,
      old.year = coalesce(old.year, c.year), old.start = coalesce(old.start, c.start), old.end = coalesce(old.end, c.end),
      old.share = coalesce(old.share, c.share), old.tier = coalesce(old.tier, c.tier),
      old.document = coalesce(old.document, c.document),
      old.inferred = inferred,
      old.reason = CASE WHEN inferred THEN old.reason END
}
DELETE c;
