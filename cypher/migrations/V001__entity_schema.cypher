// Filière graph schema, version 1.
// Every entity carries the :Entity label plus its type label (Company, Country, ...), and a stable,
// readable id (a slug such as 'renault' or 'royal-air-maroc') that URLs and imports refer to.
// Runnable on its own: cypher-shell -a bolt://localhost:7687 -f cypher/migrations/V001__entity_schema.cypher

CREATE CONSTRAINT entity_id IF NOT EXISTS
FOR (n:Entity) REQUIRE n.id IS UNIQUE;

// Lookups by type and name (search ranks, imports match by normalised name).
CREATE INDEX entity_type IF NOT EXISTS FOR (n:Entity) ON (n.type);
CREATE INDEX entity_normalised_name IF NOT EXISTS FOR (n:Entity) ON (n.normalisedName);
CREATE INDEX entity_country IF NOT EXISTS FOR (n:Entity) ON (n.country);

// Names and aliases, matched whatever the case and accents ('sofiproteol' finds 'Sofiprotéol').
// Aliases are kept as a list in n.aliases and joined into n.aliasText for this index.
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (n:Entity) ON EACH [n.name, n.aliasText]
OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding', `fulltext.eventually_consistent`: false } };

// Datasets loaded into the graph (name, checksum, load time).
CREATE CONSTRAINT dataset_name IF NOT EXISTS
FOR (d:__Dataset) REQUIRE d.name IS UNIQUE;
