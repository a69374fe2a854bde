package org.filiere.graph;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import static org.filiere.graph.NodeType.*;

/**
 * Which node types each relationship type may join, following the directions of docs/model.md
 * ("brand → owner", "organisation → Country/Region", …). Curation checks every relationship it
 * writes against these rules; the IPEMED graph satisfies all of them (tested).
 */
public final class Endpoints {

    private static final Set<NodeType> ORGANISATIONS = EnumSet.complementOf(EnumSet.of(Country, Region, Sector));
    private static final Set<NodeType> PLACES = EnumSet.of(Country, Region);
    private static final Set<NodeType> NOT_SECTORS = EnumSet.complementOf(EnumSet.of(Sector));
    private static final Set<NodeType> NOT_PLACES = EnumSet.complementOf(EnumSet.of(Country, Region));

    private Endpoints() {
    }

    /** Allowed source and target types of a relationship type, and how docs/model.md words it. */
    public record Rule(Set<NodeType> sources, Set<NodeType> targets, String description) {
    }

    public static Rule rule(RelType type) {
        return switch (type) {
            case PARTY_TO -> new Rule(ORGANISATIONS, EnumSet.of(JointVenture), "party → JointVenture");
            case BRAND_OF -> new Rule(EnumSet.of(Brand), ORGANISATIONS, "Brand → owner (an organisation)");
            case SITE_OF -> new Rule(EnumSet.of(Site), ORGANISATIONS, "Site → operator (an organisation)");
            case LOCATED_IN -> new Rule(NOT_SECTORS, EnumSet.of(Site, Cluster, Country, Region),
                    "thing → place (Site, Cluster, Country or Region)");
            case OPERATES_IN, INSTALLED_IN -> new Rule(ORGANISATIONS, PLACES, "organisation → Country or Region");
            case ORIGINATES_FROM -> new Rule(ORGANISATIONS, EnumSet.of(Country), "organisation → Country");
            case IN_SECTOR -> new Rule(ORGANISATIONS, EnumSet.of(Sector), "organisation → Sector");
            case MEMBER_OF -> new Rule(NOT_SECTORS, EnumSet.of(Region, Cluster, Programme, Institution),
                    "member → group (Country or Region → Region; member → Cluster, Programme or Institution)");
            case TRAINS_FOR -> new Rule(ORGANISATIONS, NOT_PLACES, "training body → organisation or Sector");
            case SUBSIDIARY_OF, OWNS_STAKE_IN, ACQUIRED, SUPPLIES, CUSTOMER_OF, PARTNER_OF, FUNDED_BY, SUPPORTED_BY,
                 CREATED_BY, POSSIBLY_SAME_AS -> new Rule(ORGANISATIONS, ORGANISATIONS, "organisation → organisation");
            case DIRECTOR_OF -> new Rule(ORGANISATIONS, ORGANISATIONS, "person (or organisation) → organisation");
            // FollowTheMoney's UnknownLink says nothing about its ends; its role text says the rest.
            case LINKED_TO -> new Rule(EnumSet.allOf(NodeType.class), EnumSet.allOf(NodeType.class), "anything → anything");
        };
    }

    /**
     * Why {@code source -[type]-> target} breaks the model, or empty when it fits. Symmetric types
     * fit when either way round does (they are stored once, in either direction).
     */
    public static Optional<String> problem(NodeType source, RelType type, NodeType target) {
        if (fits(source, type, target) || (type.symmetric() && fits(target, type, source))) return Optional.empty();
        return Optional.of(type.name() + " cannot go from a " + source + " to a " + target + ": it goes "
                + rule(type).description() + ".");
    }

    private static boolean fits(NodeType source, RelType type, NodeType target) {
        Rule rule = rule(type);
        if (!rule.sources().contains(source) || !rule.targets().contains(target)) return false;
        // Only places are members of regions (Morocco → Maghreb); firms join clusters and programmes.
        return !(type == RelType.MEMBER_OF && target == Region && !PLACES.contains(source));
    }
}
