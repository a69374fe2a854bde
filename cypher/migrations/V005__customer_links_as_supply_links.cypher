// "A is a customer of B" is stored as "B supplies A" (RelType.stored in the backend), so that supplier
// tiers, exposure and paths follow one type of supply link. This rewrites the CUSTOMER_OF links of a
// graph written before that rule: each becomes the SUPPLIES link the other way round, id
// '<supplier>.SUPPLIES.<customer>', with every property and quote. Where that supply link exists
// already it gains the customer link's quotes it lacks (sections kept beside them), and it is
// inferred only if both were. A graph without CUSTOMER_OF links is left as it is.
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
  WITH *, coalesce(old.inferred, false) AND coalesce(c.inferred, false) AS inferred
  SET old.quotes = coalesce(old.quotes, []) + [i IN fresh | quotes[i]],
      old.quoteSections = coalesce(old.quoteSections, []) + [i IN fresh | coalesce(sections[i], '')],
      old.inferred = inferred,
      old.reason = CASE WHEN inferred THEN old.reason END
}
DELETE c;
