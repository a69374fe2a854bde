package org.filiere.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * Relationship types, each stored in one documented direction (see docs/model.md). Types that come
 * from a request are checked against this list before they reach Cypher.
 */
public enum RelType {
    SUBSIDIARY_OF("is a subsidiary of", false),
    OWNS_STAKE_IN("owns a stake in", false),
    ACQUIRED("acquired", false),
    PARTY_TO("is a party to the joint venture", false),
    SUPPLIES("supplies", false),
    CUSTOMER_OF("is a customer of", false),
    PARTNER_OF("is a partner of", true),
    BRAND_OF("is a brand of", false),
    SITE_OF("is a site of", false),
    LOCATED_IN("is located in", false),
    OPERATES_IN("operates in", false),
    INSTALLED_IN("is installed in", false),
    ORIGINATES_FROM("originates from", false),
    IN_SECTOR("is in the sector", false),
    MEMBER_OF("is a member of", false),
    TRAINS_FOR("trains staff for", false),
    FUNDED_BY("is funded by", false),
    SUPPORTED_BY("is supported by", false),
    CREATED_BY("was created by", false),
    POSSIBLY_SAME_AS("may be the same as", true),
    DIRECTOR_OF("is a director of", false),
    LINKED_TO("is linked to", false);

    private final String phrase;
    private final boolean symmetric;

    RelType(String phrase, boolean symmetric) {
        this.phrase = phrase;
        this.symmetric = symmetric;
    }

    /** Reads "source phrase target", e.g. "Lesieur Cristal is a subsidiary of Sofiprotéol". */
    public String phrase() {
        return phrase;
    }

    public boolean symmetric() {
        return symmetric;
    }

    /**
     * The type a link of this type is stored as. "A is a customer of B" states what "B supplies A"
     * states, so it is stored as that: tiers, exposure and paths then follow one type of supply
     * link, whichever way the source worded it (Boeing, "among Safran's biggest customers", is
     * tier 1 downstream of Safran). Its quote keeps the wording. CUSTOMER_OF is still accepted
     * wherever a link is given (dataset files, imports, curation, filters).
     */
    public RelType stored() {
        return this == CUSTOMER_OF ? SUPPLIES : this;
    }

    /**
     * Whether a link of this type given from {@code source} to {@code target} is stored the other
     * way round, as {@link #stored()}: a customer link as its supply link; a symmetric link once,
     * ends in alphabetical order, whoever gives it (the dataset, curation, imports), so that it has
     * one id.
     */
    public boolean storedReversed(String source, String target) {
        return this == CUSTOMER_OF || (symmetric && source.compareTo(target) > 0);
    }

    /** A link as stored: its type, its ends in stored order, and its id {@code source.TYPE.target}. */
    public record Stored(RelType type, String source, String target) {
        public String id() {
            return source + "." + type.name() + "." + target;
        }
    }

    /**
     * How a link of this type given from {@code source} to {@code target} is stored
     * ({@link #stored()}, {@link #storedReversed}): every writer (dataset, curation, imports, bulk
     * loader) asks here, so two ways of giving one link ({@code a CUSTOMER_OF b}, {@code b SUPPLIES a})
     * are one link with one id.
     */
    public Stored store(String source, String target) {
        return storedReversed(source, target) ? new Stored(stored(), target, source) : new Stored(stored(), source, target);
    }

    /** The id of {@link #store}. */
    public String storedId(String source, String target) {
        return store(source, target).id();
    }

    public static Optional<RelType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
