package org.schoolsafety.subscription.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.schoolsafety.events.directory.OrganisationChanged;
import org.schoolsafety.platform.security.Role;
import org.schoolsafety.subscription.TopicRecords;
import org.schoolsafety.testing.RealInfrastructure;
import org.schoolsafety.testing.tokens.TestIssuer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The Missouri directory on a real broker and a real Redis: seeded from the project's data, searchable,
 * scoped to the caller's organisation in this service, and changed only by the state's administrator, with
 * problem details naming the field when the input is wrong.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class DirectoryIT {

    static final String COLUMBIA = "mo-district-columbia-93";
    static final String JEFFERSON_CITY = "mo-district-jefferson-city";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    private int port;

    @Value("${spring.kafka.bootstrap-servers}")
    private String bootstrap;

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.data.redis.core.StringRedisTemplate redis;

    private final String stateAdmin = TestIssuer.shared().token("mo-state", "STATE_ADMIN");
    private final String broadcaster = TestIssuer.shared().token("mo-state", "STATE_BROADCASTER");
    private final String columbiaAdmin = TestIssuer.shared().token(COLUMBIA, "DISTRICT_ADMIN");

    @Test
    void theWholeSeedIsThereWithTheHierarchyOfCountiesAndSameCodes() throws Exception {
        int seeded = DirectorySeed.missouri(java.time.Instant.now()).size();
        assertThat(seeded).isGreaterThan(1 + 9 + 115 + 550);

        DocumentContext state = json(get("/api/organisations/mo-state", broadcaster), 200);
        assertThat(state.read("$.children[*].id", List.class))
                .contains("mo-region-a", "mo-region-i", "mo-agency-moces")
                .hasSize(9 + 3);

        DocumentContext columbia = json(get("/api/organisations/" + COLUMBIA, broadcaster), 200);
        assertThat(columbia.read("$.organisation.name", String.class)).isEqualTo("Columbia 93");
        assertThat(columbia.read("$.path[*].kind", List.class)).containsExactly("STATE", "REGION", "COUNTY");
        assertThat(columbia.read("$.path[2].name", String.class)).isEqualTo("Boone");
        assertThat(columbia.read("$.path[2].countyFips", String.class)).isEqualTo("29019");
        assertThat(columbia.read("$.path[2].sameCode", String.class)).isEqualTo("029019");
        assertThat(columbia.read("$.children.length()", Integer.class)).isGreaterThan(10);
        assertThat(columbia.read("$.children[*].kind", List.class)).containsOnly("SCHOOL");
    }

    @Test
    void searchFindsByAnyWordPrefixAndStateStaffSeeTheWholeState() throws Exception {
        DocumentContext found = json(get("/api/organisations?q=columbia&kind=DISTRICT", broadcaster), 200);
        assertThat(found.read("$.organisations[*].id", List.class)).contains(COLUMBIA);

        DocumentContext highs = json(get("/api/organisations?q=jefferson%20city%20high", broadcaster), 200);
        assertThat(highs.read("$.organisations[*].id", List.class)).contains("mo-school-jefferson-city-high");

        DocumentContext limited = json(get("/api/organisations?q=elem&limit=5", broadcaster), 200);
        assertThat(limited.read("$.organisations.length()", Integer.class)).isEqualTo(5);
        assertThat(limited.read("$.more", Boolean.class)).isTrue();
    }

    @Test
    void aDistrictSeesItsOwnSubtreeAndNothingOfAnotherDistrict() throws Exception {
        DocumentContext own = json(get("/api/organisations/" + COLUMBIA, columbiaAdmin), 200);
        assertThat(own.read("$.path", List.class)).isEmpty();
        String school = own.read("$.children[0].id", String.class);
        assertThat(json(get("/api/organisations/" + school, columbiaAdmin), 200).read("$.path[*].id", List.class))
                .containsExactly(COLUMBIA);

        assertProblem(get("/api/organisations/" + JEFFERSON_CITY, columbiaAdmin), 404);
        assertProblem(get("/api/organisations/mo-school-jefferson-city-high", columbiaAdmin), 404);
        assertProblem(get("/api/organisations/mo-county-29019", columbiaAdmin), 404);
        assertProblem(get("/api/organisations/mo-state", columbiaAdmin), 404);

        for (String query : List.of("elem", "jefferson", "high")) {
            List<String> ids = json(get("/api/organisations?limit=200&q=" + query, columbiaAdmin), 200)
                    .read("$.organisations[*].id", List.class);
            assertThat(ids).as(query).isNotEmpty().doesNotContain(JEFFERSON_CITY, "mo-school-jefferson-city-high");
            for (String id : ids) {
                assertThat(json(get("/api/organisations/" + id, stateAdmin), 200)
                                .read("$.path[*].id", List.class))
                        .as("%s is under Columbia", id)
                        .contains(COLUMBIA);
            }
        }
        // state staff searching the same words do find the other district
        assertThat(json(get("/api/organisations?limit=200&q=jefferson%20city", broadcaster), 200)
                        .read("$.organisations[*].id", List.class))
                .contains(JEFFERSON_CITY, "mo-school-jefferson-city-high");
    }

    /**
     * Every role, acting for its own organisation and for another: state roles act for the state; district
     * roles and machine clients for Columbia 93; a school coordinator for one Columbia school. Reads reach
     * the caller's subtree only (elsewhere is 404, as if absent); only the state administrator writes.
     */
    @ParameterizedTest
    @EnumSource(Role.class)
    void roleByOwnAndOtherOrganisationMatrix(Role role) throws Exception {
        String own = role.isStateRole()
                ? "mo-state"
                : role == Role.SCHOOL_COORDINATOR ? "mo-school-rock-bridge-sr-high" : COLUMBIA;
        String other = role.isStateRole() ? null : JEFFERSON_CITY;
        String token = TestIssuer.shared().token(own, role.name());

        DocumentContext ownDetail = json(get("/api/organisations/" + own, token), 200);
        String ownName = ownDetail.read("$.organisation.name", String.class);
        HttpResponse<String> rename = patch("/api/organisations/" + own, token, "{\"name\":\"" + ownName + "\"}");
        if (role == Role.STATE_ADMIN) {
            assertThat(rename.statusCode()).isEqualTo(200);
        } else {
            assertProblem(rename, 403);
        }
        if (other != null) {
            assertProblem(get("/api/organisations/" + other, token), 404);
            assertProblem(patch("/api/organisations/" + other, token, "{\"name\":\"Taken\"}"), 403);
            assertProblem(post("/api/organisations/" + other + "/close", token, ""), 403);
            assertThat(json(get("/api/organisations?q=jefferson%20city&limit=200", token), 200)
                            .read("$.organisations[*].id", List.class))
                    .doesNotContain(JEFFERSON_CITY);
        }
    }

    @Test
    void onlyTheStateAdministratorChangesTheDirectory() throws Exception {
        String body = "{\"kind\":\"SCHOOL\",\"name\":\"Columbia Charter Academy\",\"parentId\":\"" + COLUMBIA + "\"}";
        assertProblem(post("/api/organisations", columbiaAdmin, body), 403);
        assertProblem(post("/api/organisations", broadcaster, body), 403);
        assertProblem(patch("/api/organisations/" + COLUMBIA, columbiaAdmin, "{\"name\":\"Mine\"}"), 403);
        assertProblem(post("/api/organisations/" + JEFFERSON_CITY + "/close", columbiaAdmin, ""), 403);
        assertThat(json(get("/api/organisations/" + COLUMBIA, stateAdmin), 200)
                        .read("$.organisation.name", String.class))
                .isEqualTo("Columbia 93");
    }

    @Test
    void theStateAdministratorClearsAnOrganisationForAmberAdvisoriesButNeverRed() throws Exception {
        String path = "/api/organisations/" + JEFFERSON_CITY;
        assertThat(json(get(path, stateAdmin), 200).read("$.organisation.tlpClearance", String.class))
                .as("the community default")
                .isEqualTo("GREEN");
        assertProblem(patch(path, columbiaAdmin, "{\"tlpClearance\":\"AMBER\"}"), 403);
        assertField(patch(path, stateAdmin, "{\"tlpClearance\":\"RED\"}"), "tlpClearance");
        assertField(patch(path, stateAdmin, "{\"tlpClearance\":\"PURPLE\"}"), "tlpClearance");
        DocumentContext cleared = json(patch(path, stateAdmin, "{\"tlpClearance\":\"amber+strict\"}"), 200);
        assertThat(cleared.read("$.tlpClearance", String.class)).isEqualTo("AMBER_STRICT");
        assertThat(cleared.read("$.name", String.class)).isEqualTo("Jefferson City");
        assertThat(json(get(path, stateAdmin), 200).read("$.organisation.tlpClearance", String.class))
                .isEqualTo("AMBER_STRICT");
    }

    @Test
    void aConsolidationAddsRenamesMovesAndClosesWithoutLosingTheOldDistrict() throws Exception {
        HttpResponse<String> created = post(
                "/api/organisations",
                stateAdmin,
                "{\"kind\":\"DISTRICT\",\"name\":\"Boone Valley R-I\",\"parentId\":\"mo-county-29019\"}");
        DocumentContext district = json(created, 201);
        String oldId = district.read("$.id", String.class);
        assertThat(oldId).isEqualTo("mo-district-boone-valley-r-i");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/organisations/" + oldId);

        String school = json(
                        post(
                                "/api/organisations",
                                stateAdmin,
                                "{\"kind\":\"SCHOOL\",\"name\":\"Boone Valley Elementary\",\"parentId\":\"" + oldId
                                        + "\"}"),
                        201)
                .read("$.id", String.class);
        String merged = json(
                        post(
                                "/api/organisations",
                                stateAdmin,
                                "{\"id\":\"mo-district-boone-consolidated\",\"kind\":\"DISTRICT\",\"name\":\"Boone"
                                        + " Consolidated\",\"parentId\":\"mo-county-29019\"}"),
                        201)
                .read("$.id", String.class);
        assertProblem(
                post(
                        "/api/organisations",
                        stateAdmin,
                        "{\"id\":\"" + merged + "\",\"kind\":\"DISTRICT\",\"name\":\"Again\",\"parentId\":"
                                + "\"mo-county-29019\"}"),
                409);

        assertProblem(post("/api/organisations/" + oldId + "/close", stateAdmin, ""), 409);
        DocumentContext moved =
                json(patch("/api/organisations/" + school, stateAdmin, "{\"parentId\":\"" + merged + "\"}"), 200);
        assertThat(moved.read("$.parentId", String.class)).isEqualTo(merged);
        DocumentContext closed = json(post("/api/organisations/" + oldId + "/close", stateAdmin, ""), 200);
        assertThat(closed.read("$.closed", Boolean.class)).isTrue();
        json(patch("/api/organisations/" + merged, stateAdmin, "{\"name\":\"Boone Valley Consolidated R-I\"}"), 200);

        assertThat(json(get("/api/organisations/" + oldId, stateAdmin), 200)
                        .read("$.organisation.closed", Boolean.class))
                .isTrue();
        assertThat(json(get("/api/organisations/" + oldId, stateAdmin), 200).read("$.children", List.class))
                .isEmpty();
        assertThat(json(get("/api/organisations/" + merged, stateAdmin), 200).read("$.children[*].id", List.class))
                .containsExactly(school);
        assertThat(json(get("/api/organisations?q=boone%20valley", stateAdmin), 200)
                        .read("$.organisations[*].id", List.class))
                .contains(merged, school)
                .doesNotContain(oldId);
        assertThat(json(get("/api/organisations?q=boone%20valley&includeClosed=true", stateAdmin), 200)
                        .read("$.organisations[*].id", List.class))
                .contains(oldId);
        assertProblem(patch("/api/organisations/" + oldId, stateAdmin, "{\"name\":\"Reopened\"}"), 409);
    }

    @Test
    void badInputIsAProblemDetailThatNamesTheField() throws Exception {
        assertField(
                post("/api/organisations", stateAdmin, "{\"kind\":\"SCHOOL\",\"parentId\":\"" + COLUMBIA + "\"}"),
                "name");
        assertField(
                post(
                        "/api/organisations",
                        stateAdmin,
                        "{\"kind\":\"CASTLE\",\"name\":\"X\",\"parentId\":\"mo-state\"}"),
                "kind");
        assertField(
                post(
                        "/api/organisations",
                        stateAdmin,
                        "{\"kind\":\"SCHOOL\",\"name\":\"X\",\"parentId\":\"mo-nowhere\"}"),
                "parentId");
        assertField(
                post(
                        "/api/organisations",
                        stateAdmin,
                        "{\"kind\":\"SCHOOL\",\"name\":\"X\",\"parentId\":\"mo-county-29019\"}"),
                "parentId");
        assertField(
                post(
                        "/api/organisations",
                        stateAdmin,
                        "{\"kind\":\"COUNTY\",\"name\":\"New\",\"parentId\":\"mo-region-a\",\"countyFips\":\"1234\"}"),
                "countyFips");
        assertField(
                post(
                        "/api/organisations",
                        stateAdmin,
                        "{\"id\":\"Bad Id!\",\"kind\":\"SCHOOL\",\"name\":\"X\",\"parentId\":\"" + COLUMBIA + "\"}"),
                "id");
        assertField(get("/api/organisations?q=a", stateAdmin), "q");
        assertField(get("/api/organisations?q=columbia&limit=0", stateAdmin), "limit");

        HttpResponse<String> malformed = post("/api/organisations", stateAdmin, "{\"kind\":\"SCHOOL\",\"name\":");
        assertProblem(malformed, 400);
        assertProblem(get("/api/organisations/mo-nowhere", stateAdmin), 404);
        assertProblem(patch("/api/organisations/mo-nowhere", stateAdmin, "{\"name\":\"X\"}"), 404);
    }

    @Test
    void textThePlatformCannotStoreIsRefusedAtTheDoorAndNothingOfItReachesTheTopic() throws Exception {
        String[] hostile = {"Rock\\ud800Bridge", "Rock\\u0000Bridge", "Rock\\u0007Bridge", "Rock\\u202EBridge"};
        for (String name : hostile) {
            assertField(
                    post(
                            "/api/organisations",
                            stateAdmin,
                            "{\"kind\":\"SCHOOL\",\"name\":\"" + name + "\",\"parentId\":\"" + COLUMBIA + "\"}"),
                    "name");
            assertField(patch("/api/organisations/" + COLUMBIA, stateAdmin, "{\"name\":\"" + name + "\"}"), "name");
        }
        assertField(
                post(
                        "/api/organisations",
                        stateAdmin,
                        "{\"kind\":\"SCHOOL\",\"name\":\"" + "x".repeat(201) + "\",\"parentId\":\"" + COLUMBIA + "\"}"),
                "name");
        // a scalar where text belongs is not coerced to text: {"id": true} made an organisation "true"
        assertField(
                post(
                        "/api/organisations",
                        stateAdmin,
                        "{\"id\":true,\"kind\":\"SCHOOL\",\"name\":\"Truthful\",\"parentId\":\"" + COLUMBIA + "\"}"),
                "id");
        assertField(get("/api/organisations?q=rock%E2%80%AEbridge", stateAdmin), "q");

        List<Object> onTopic = TopicRecords.readAll(bootstrap, "read_committed", List.of("directory"));
        assertThat(onTopic)
                .filteredOn(OrganisationChanged.class::isInstance)
                .map(o -> ((OrganisationChanged) o).name())
                .noneMatch(name -> name.startsWith("Rock") && name.endsWith("Bridge") && !name.contains(" "))
                .doesNotContain("Truthful");
        assertThat(json(get("/api/organisations/" + COLUMBIA, stateAdmin), 200)
                        .read("$.organisation.name", String.class))
                .isEqualTo("Columbia 93");
    }

    @Test
    void aWipedRedisIsFilledAgainFromTheDirectoryTopicWithoutARestart() throws Exception {
        redis.execute((org.springframework.data.redis.core.RedisCallback<Void>) connection -> {
            connection.serverCommands().flushAll();
            return null;
        });
        org.awaitility.Awaitility.await("the directory back after the wipe")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    HttpResponse<String> columbia = get("/api/organisations/" + COLUMBIA, broadcaster);
                    assertThat(columbia.statusCode()).as(columbia.body()).isEqualTo(200);
                    assertThat(JsonPath.parse(columbia.body()).read("$.children.length()", Integer.class))
                            .isGreaterThan(10);
                });
        DocumentContext found = json(get("/api/organisations?q=columbia&kind=DISTRICT", broadcaster), 200);
        assertThat(found.read("$.organisations[*].id", List.class)).contains(COLUMBIA);
    }

    private void assertField(HttpResponse<String> response, String field) {
        assertProblem(response, 400);
        assertThat(JsonPath.parse(response.body()).read("$.errors[*].field", List.class))
                .as(response.body())
                .containsExactly(field);
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception", "at org.");
    }

    static DocumentContext json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return JsonPath.parse(response.body());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        return send(request(path, token).GET());
    }

    HttpResponse<String> post(String path, String token, String body) throws Exception {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> patch(String path, String token, String body) throws Exception {
        return send(request(path, token)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
