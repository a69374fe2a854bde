package org.filiere.robustness;

import org.filiere.support.Api;
import org.filiere.support.HarnessTest;
import org.filiere.tiers.TiersService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hub safety: on a graph where one buyer has 120,000 suppliers and one country 120,000 located
 * firms, every traversal that touches them answers 200 within the transaction timeout, with a
 * capped answer that says so, and the heap stays bounded. Figures (time, answer size, heap peak per
 * request) are printed and written to {@code target/robustness/hub-safety.txt}; docs/reliability.md
 * quotes the last run.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"filiere.dataset.autoload=false", "filiere.query.timeout=10s"})
class HubSafetyTest {

    /** The largest answer any capped traversal may send (nodes + edges): tiers' 5,000 firms and their links. */
    static final int MAX_ELEMENTS = 20_000;
    /** Heap allocated while answering one request, measured as the rise of the heap pools' peak. */
    static final long MAX_HEAP_RISE = 1536L << 20;

    static final List<String> FIGURES = new ArrayList<>();

    @DynamicPropertySource
    static void neo4j(DynamicPropertyRegistry registry) {
        registry.add("NEO4J_URI", HubGraph::boltUri);
        registry.add("NEO4J_PASSWORD", () -> "unused");
        registry.add("FILIERE_ADMIN_PASSWORD", () -> HarnessTest.ADMIN_PASSWORD);
    }

    @LocalServerPort int port;
    Api api;

    @BeforeEach
    void api() {
        api = new Api(port);
    }

    record Measured(Api.Response response, long millis, long heapRiseBytes) {
    }

    Measured measure(String path) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        long before = heap.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        Api.Response r = api.get(path);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        Measured m = new Measured(r, millis, Math.max(0, peak - before));
        int elements = r.json() != null && r.json().has("nodes") ? r.json().get("nodes").size() + r.json().get("edges").size() : -1;
        String line = String.format("%-70s %3d %6d ms  %6s elements  truncated=%-5s heap rise %5d MB", path, r.status(), millis,
                elements < 0 ? "-" : Integer.toString(elements),
                r.json() != null && r.json().has("truncated") ? r.json().get("truncated").asBoolean() : "-", m.heapRiseBytes() >> 20);
        System.out.println(line);
        FIGURES.add(line);
        return m;
    }

    /** A capped graph answer: 200, bounded size, flagged as truncated with the real total, bounded heap. */
    void assertCapped(String path) {
        Measured m = measure(path);
        assertThat(m.response().status()).as(path + " " + m.response().body()).isEqualTo(200);
        assertThat(m.response().json().get("truncated").asBoolean()).as(path + " says it was capped").isTrue();
        assertThat(m.response().json().get("nodes").size() + m.response().json().get("edges").size()).as(path).isLessThanOrEqualTo(MAX_ELEMENTS);
        assertThat(m.heapRiseBytes()).as(path + " heap").isLessThan(MAX_HEAP_RISE);
    }

    @Test
    void the_neighbourhood_of_a_buyer_with_120000_suppliers_is_capped_and_counts_what_it_left_out() {
        assertCapped("/api/graph/neighbourhood/hub-motors");
        Api.Response r = api.get("/api/graph/neighbourhood/hub-motors");
        assertThat(r.json().get("nodes").size()).isLessThanOrEqualTo(101);
        assertThat(r.json().get("total").toString()).as("the total reports the hidden suppliers").containsPattern("1[23]\\d{4}");
        assertCapped("/api/graph/neighbourhood/hub-motors?depth=3&limit=500");
        assertCapped("/api/graph/neighbourhood/country-ma?depth=2&limit=500");
    }

    @Test
    void supplier_tiers_of_the_hub_are_capped_at_the_requested_limit() {
        assertCapped("/api/graph/tiers/hub-motors");
        assertCapped("/api/graph/tiers/hub-motors?depth=6&limit=5000");
        // 120,000 suppliers: the count stops at its own cap and says the total is a lower bound.
        var total = api.get("/api/graph/tiers/hub-motors").json().get("total");
        assertThat(total.get("nodes").asLong()).isEqualTo(TiersService.COUNT_CAP + 1);
        assertThat(total.get("atLeast").asBoolean()).isTrue();
    }

    @Test
    void ownership_paths_exposure_search_and_entity_answer_normally_around_the_hub() {
        for (String path : List.of("/api/graph/ownership/hub-motors", "/api/graph/paths?from=supplier-1&to=supplier-2",
                "/api/graph/paths?from=dense-1&to=supplier-119999&maxHops=8&k=10", "/api/analytics/exposure/hub-motors",
                "/api/analytics/exposure/dense-1", "/api/analytics/flows", "/api/search?q=Hub%20Motors", "/api/search?q=supplier~",
                "/api/entities/hub-motors", "/api/entities/country-ma")) {
            Measured m = measure(path);
            assertThat(m.response().status()).as(path + " " + m.response().body()).isEqualTo(200);
            assertThat(m.heapRiseBytes()).as(path + " heap").isLessThan(MAX_HEAP_RISE);
        }
        Api.Response paths = api.get("/api/graph/paths?from=supplier-1&to=supplier-2");
        assertThat(paths.ids("nodes")).contains("supplier-1", "supplier-2");
    }

    @Test
    void paths_can_skip_the_hub_and_show_the_routes_through_smaller_firms() {
        // Any two of the hub's 120,000 suppliers are two hops apart through it. Without it, supplier-i's
        // only other way is its customer dense-i; dense-1 and dense-2 share no neighbour, so the route
        // is supplier-1, dense-1, dense-9, dense-17, dense-2, supplier-2: five hops. Each dense firm has
        // exactly 61 links: 15 SUPPLIES and 15 PARTNER_OF each way in the core, plus one SUPPLIES to its supplier.
        Api.Response viaHub = api.get("/api/graph/paths?from=supplier-1&to=supplier-2&k=1");
        assertThat(viaHub.json().get("meta").get("paths").get(0).get("hops").asInt()).isEqualTo(2);
        assertThat(viaHub.ids("nodes")).contains("hub-motors");

        Api.Response around = api.get("/api/graph/paths?from=supplier-1&to=supplier-2&k=1&maxDegree=1000");
        assertThat(around.status()).as(around.body()).isEqualTo(200);
        assertThat(around.json().get("meta").get("paths").get(0).get("hops").asInt()).isEqualTo(5);
        assertThat(around.ids("nodes")).doesNotContain("hub-motors").contains("supplier-1", "dense-1", "dense-2", "supplier-2");
        assertThat(around.json().get("meta").get("maxDegree").asInt()).isEqualTo(1000);

        // The limit is "at most": 61 links pass, 60 do not.
        assertThat(hops("/api/graph/paths?from=supplier-1&to=supplier-2&k=1&maxDegree=61")).containsExactly(5);
        assertThat(hops("/api/graph/paths?from=supplier-1&to=supplier-2&k=1&maxDegree=60")).isEmpty();
        // Links are counted over the followed types only: 31 of the dense firms' links are SUPPLIES.
        assertThat(hops("/api/graph/paths?from=supplier-1&to=supplier-2&k=1&types=SUPPLIES&maxDegree=31")).containsExactly(5);
        assertThat(hops("/api/graph/paths?from=supplier-1&to=supplier-2&k=1&types=SUPPLIES&maxDegree=30")).isEmpty();

        // The hub itself may still be an end of the path.
        assertThat(hops("/api/graph/paths?from=supplier-1&to=hub-motors&k=1&maxDegree=10")).containsExactly(1);
    }

    private List<Integer> hops(String path) {
        Api.Response r = api.get(path);
        assertThat(r.status()).as(path + " " + r.body()).isEqualTo(200);
        List<Integer> hops = new ArrayList<>();
        r.json().get("meta").get("paths").forEach(p -> hops.add(p.get("hops").asInt()));
        return hops;
    }

    @Test
    void traversal_downloads_around_the_hub_are_capped_like_the_answers_they_export() {
        for (String path : List.of("/api/graph/neighbourhood/hub-motors?format=graphml", "/api/graph/tiers/hub-motors?format=csv")) {
            Measured m = measure(path);
            assertThat(m.response().status()).as(path).isEqualTo(200);
            assertThat(m.response().body().length()).as(path).isLessThan(20 << 20);
        }
    }

    @AfterAll
    static void writeFigures() throws IOException {
        Path out = Path.of("target/robustness/hub-safety.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, FIGURES);
    }
}
