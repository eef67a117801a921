package org.schoolsafety.bulletin.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.schoolsafety.bulletin.BulletinApi.body;
import static org.schoolsafety.bulletin.BulletinApi.editor;
import static org.schoolsafety.bulletin.BulletinApi.monday;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.schoolsafety.bulletin.BulletinApi;
import org.schoolsafety.testing.RealInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Nothing half-published: when the broker does not take the transaction, publishing answers 503 with a problem
 * detail and the bulletin stays a draft of the same version, which can be published once the broker is back.
 * The producer alone is pointed at a port where no broker listens.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.producer.bootstrap-servers=127.0.0.1:1",
            "spring.kafka.producer.properties.max.block.ms=1500"
        })
@RealInfrastructure
class BrokerDownIT {

    @LocalServerPort
    private int port;

    @Test
    void aBrokerThatFailsLeavesTheBulletinAsItWasAndAnswers503() throws Exception {
        BulletinApi api = new BulletinApi(port);
        HttpResponse<String> created = api.call("POST", "/api/bulletins", editor(), body(monday(1), "Unsent"));
        String path = "/api/bulletins/" + JsonPath.read(created.body(), "$.id");

        HttpResponse<String> publish = api.call("POST", path + "/publish", editor(), null);
        assertThat(publish.statusCode()).as(publish.body()).isEqualTo(503);
        assertThat(publish.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        HttpResponse<String> after = api.call("GET", path, editor(), null);
        assertThat(JsonPath.<String>read(after.body(), "$.state")).isEqualTo("DRAFT");
        assertThat(JsonPath.<Integer>read(after.body(), "$.revision")).isZero();
        assertThat(after.headers().firstValue("ETag")).hasValue("\"1\"");
        // the claim was given back: the editor may go on editing
        assertThat(api.call("PUT", path, editor(), body(monday(1), "Still a draft"), Map.of("If-Match", "\"1\""))
                        .statusCode())
                .isEqualTo(200);
    }
}
