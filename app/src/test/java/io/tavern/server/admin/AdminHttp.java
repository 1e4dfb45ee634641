package io.tavern.server.admin;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP client for the server's HTTP port (admin API, Actuator), with or without a bearer
 * token. Replies are kept whole: status, headers and body, the body readable as JSON.
 */
public final class AdminHttp {

    /** The token the admin test servers are configured with: operator {@code admin}, role admin. */
    public static final String TOKEN = "test-admin-token-4f9c2a7e1b";

    /** The operators file of the admin test servers (relative to the module, where tests run). */
    public static final String OPERATORS_FILE = "src/test/resources/admin/operators";

    /** The tokens of the operators in {@link #OPERATORS_FILE}, by name. */
    static final Map<String, String> OPERATOR_TOKENS = Map.of(
            "mod-ann", "test-token-mod-ann-3c8d10",
            "mod-bea", "test-token-mod-bea-7b2e91",
            "mod-mo", "test-token-mod-mo-55e0a4",
            "mod-oz", "test-token-mod-oz-9a61f2",
            "chief-cal", "test-token-chief-cal-1d4b7e",
            "viewer-vi", "test-token-viewer-vi-e03c58",
            "op-cli", "test-token-op-cli-7b2e94");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String authorization;

    private AdminHttp(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** Presents {@link #TOKEN}. */
    public static AdminHttp withToken(int httpPort) {
        return withToken(httpPort, TOKEN);
    }

    public static AdminHttp withToken(int httpPort, String token) {
        return withAuthorization(httpPort, "Bearer " + token);
    }

    /** Sends {@code Authorization} exactly as given. */
    public static AdminHttp withAuthorization(int httpPort, String authorization) {
        return new AdminHttp(httpPort, authorization);
    }

    public static AdminHttp anonymous(int httpPort) {
        return new AdminHttp(httpPort, null);
    }

    /** A client presenting the token of {@code operatorName}, one of {@link #OPERATORS_FILE}'s operators. */
    public AdminHttp as(String operatorName) {
        String token = OPERATOR_TOKENS.get(operatorName);
        if (token == null) {
            throw new IllegalArgumentException("no test operator " + operatorName + "; see " + OPERATORS_FILE);
        }
        return withToken(port, token);
    }

    public record Reply(int status, HttpResponse<String> response) {

        public String body() {
            return response.body();
        }

        public JsonNode json() {
            return JSON.readTree(response.body());
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + response.body();
        }
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, Object body) {
        return send("POST", path, body);
    }

    public Reply put(String path, Object body) {
        return send("PUT", path, body);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null);
    }

    /** Sends {@code body} as JSON (or nothing when it is null). */
    public Reply send(String method, String path, Object body) {
        return body == null ? sendRaw(method, path, Map.of(), null)
                : sendRaw(method, path, Map.of("Content-Type", "application/json"), JSON.writeValueAsString(body));
    }

    /** Sends {@code body} exactly as given (none when null), with {@code headers} besides the token's. */
    public Reply sendRaw(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
