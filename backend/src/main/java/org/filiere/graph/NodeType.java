package org.filiere.graph;

import java.util.Arrays;
import java.util.Optional;

/**
 * The node labels of the graph. Every entity has the {@code Entity} label plus exactly one of these;
 * labels that come from a request are checked against this list before they reach Cypher.
 */
public enum NodeType {
    Company, JointVenture, Brand, Site, Institution, Programme, Cluster, Country, Region, Sector, Person;

    /** Countries, regions and sectors connect almost everything: paths avoid them unless asked. */
    public boolean isOrganisation() {
        return this != Country && this != Region && this != Sector;
    }

    public static Optional<NodeType> parse(String name) {
        return Arrays.stream(values()).filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }
}
