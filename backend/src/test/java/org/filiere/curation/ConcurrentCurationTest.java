package org.filiere.curation;

import org.filiere.support.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Curators changing the same entities at the same moment: every request gets a meaningful answer
 * (never a 500), and the audit trail records only changes that happened.
 */
class ConcurrentCurationTest extends CurationApiTestBase {


    private String entity(String suffix) {
        Http.Answer r = admin.post("/api/entities", Map.of("id", p + suffix, "name", "Race " + suffix, "type", "Company"));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return p + suffix;
    }

    private List<Integer> all(List<Callable<Integer>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            List<Future<Integer>> answers = pool.invokeAll(requests);
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) statuses.add(f.get());
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void edits_racing_a_delete_are_answered_without_errors_and_none_is_recorded_after_the_delete() throws Exception {
        for (int round = 0; round < 4; round++) {
            String id = entity("e" + round);
            List<Callable<Integer>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String description = "r" + i;
                requests.add(() -> new Http(port).admin().patch("/api/entities/" + id, Map.of("description", description)).status());
            }
            requests.add(() -> new Http(port).admin().delete("/api/entities/" + id).status());
            List<Integer> statuses = all(requests);

            assertThat(statuses.get(6)).as("the delete").isEqualTo(204);
            // 409: the edit committed, then the delete, before the edit's answer was read.
            assertThat(statuses.subList(0, 6)).as("the edits").allMatch(s -> s == 200 || s == 404 || s == 409);
            // Newest first: the delete is the latest change, and every edit before it saw the entity.
            JsonNode changes = api.get("/api/entities/" + id + "/history").json().get("changes");
            assertThat(changes.get(0).get("action").asString()).isEqualTo("delete");
            long edits = 0;
            for (JsonNode c : changes) {
                if (c.get("action").asString().equals("edit")) {
                    edits++;
                    assertThat(c.get("before").get("name").asString()).isEqualTo("Race e" + round);
                }
            }
            assertThat(edits).as("one audit record per edit answered 200 or 409 (saved, then deleted)")
                    .isEqualTo(statuses.subList(0, 6).stream().filter(s -> s == 200 || s == 409).count());
        }
    }

    @Test
    void merges_in_a_circle_are_answered_without_errors() throws Exception {
        for (int round = 0; round < 3; round++) {
            String a = entity("a" + round), b = entity("b" + round), c = entity("c" + round);
            List<Integer> statuses = all(List.of(
                    () -> new Http(port).admin().post("/api/entities/" + a + "/merge", Map.of("other", b)).status(),
                    () -> new Http(port).admin().post("/api/entities/" + b + "/merge", Map.of("other", c)).status(),
                    () -> new Http(port).admin().post("/api/entities/" + c + "/merge", Map.of("other", a)).status()));
            assertThat(statuses).allMatch(s -> s == 200 || s == 404);
            assertThat(statuses).contains(200);
            // Whatever order they ran in, an entity is either there or merged into one that is.
            long left = List.of(a, b, c).stream().filter(id -> api.get("/api/entities/" + id).status() == 200).count();
            assertThat(left).isEqualTo(3 - statuses.stream().filter(s -> s == 200).count());
        }
    }
}
