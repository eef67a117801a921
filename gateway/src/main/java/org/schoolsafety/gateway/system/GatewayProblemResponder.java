package org.schoolsafety.gateway.system;

import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every error the gateway itself answers (no route, a service down, a bad request) is an RFC 9457 problem
 * detail; nothing else leaves it, never a stack trace. Runs before Boot's error handler.
 */
@Component
@Order(-2)
class GatewayProblemResponder implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemResponder.class);

    private final JsonMapper json;

    GatewayProblemResponder(JsonMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem = problemFor(error);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }

    private static ProblemDetail problemFor(Throwable error) {
        if (error instanceof ErrorResponse known) {
            ProblemDetail body = known.getBody();
            return ProblemDetail.forStatusAndDetail(
                    known.getStatusCode(), body.getDetail() == null ? body.getTitle() : body.getDetail());
        }
        if (error instanceof java.net.ConnectException || error instanceof java.net.UnknownHostException) {
            log.warn("service unreachable: {}", error.getMessage());
            return ProblemDetail.forStatusAndDetail(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "The service for this request is not reachable; try again shortly.");
        }
        if (error instanceof java.util.concurrent.TimeoutException) {
            return ProblemDetail.forStatusAndDetail(
                    HttpStatus.GATEWAY_TIMEOUT, "The service for this request did not answer in time.");
        }
        log.error("unexpected gateway error", error);
        return ProblemDetail.forStatusAndDetail(
                HttpStatus.INTERNAL_SERVER_ERROR, "The gateway could not complete the request.");
    }
}
