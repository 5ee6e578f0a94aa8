package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.TransportUtils;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.widerow.core.pipeline.ElasticsearchSecurity;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.pipeline.PipelineConfigException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Builds the Elasticsearch client of every service and tool (indexer, query, verify, bench, the
 * CLI): hosts, the CA or fingerprint an https host is trusted by, and basic auth or an API key sent
 * with every request. Closing the returned client's transport closes the connection.
 */
public final class ElasticsearchClients {

  private ElasticsearchClients() {}

  /** The client of a pipeline's cluster, secrets read from the process environment. */
  public static ElasticsearchClient create(ElasticsearchSpec spec) {
    return create(spec.hosts(), spec.security(), System::getenv);
  }

  /** A client without TLS settings or credentials, for the local stack. */
  public static ElasticsearchClient create(List<URI> hosts) {
    return create(hosts, ElasticsearchSecurity.NONE, System::getenv);
  }

  /**
   * @throws PipelineConfigException (exit code 2) when a host has credentials in its URL or a
   *     secret, CA file or fingerprint cannot be read
   */
  public static ElasticsearchClient create(
      List<URI> hosts, ElasticsearchSecurity security, Function<String, String> environment) {
    RestClientBuilder builder =
        RestClient.builder(
                hosts.stream().map(ElasticsearchClients::httpHost).toArray(HttpHost[]::new))
            .setRequestConfigCallback(c -> c.setConnectTimeout(5_000).setSocketTimeout(60_000));
    Header[] headers = authHeaders(security, environment).toArray(Header[]::new);
    if (headers.length > 0) {
      builder.setDefaultHeaders(headers);
    }
    Optional<SSLContext> ssl = sslContext(security);
    ssl.ifPresent(context -> builder.setHttpClientConfigCallback(h -> h.setSSLContext(context)));
    return new ElasticsearchClient(
        new RestClientTransport(builder.build(), new JacksonJsonpMapper(json())));
  }

  private static HttpHost httpHost(URI uri) {
    if (uri.getRawUserInfo() != null) {
      // Never silently dropped, and never echoed: the user part may hold a password.
      throw new PipelineConfigException(
          "pipeline file",
          List.of(
              "elasticsearch.hosts: '"
                  + uri.getScheme()
                  + "://***@"
                  + uri.getHost()
                  + "' has credentials in the URL; expected them in elasticsearch.auth"));
    }
    return new HttpHost(uri.getHost(), uri.getPort(), uri.getScheme());
  }

  static List<Header> authHeaders(ElasticsearchSecurity security, Function<String, String> env) {
    List<Header> headers = new ArrayList<>();
    security
        .apiKey()
        .ifPresent(
            key -> headers.add(new BasicHeader("Authorization", "ApiKey " + key.reveal(env))));
    if (security.username().isPresent() && security.password().isPresent()) {
      String pair = security.username().get() + ":" + security.password().get().reveal(env);
      headers.add(
          new BasicHeader(
              "Authorization",
              "Basic "
                  + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));
    }
    return headers;
  }

  private static Optional<SSLContext> sslContext(ElasticsearchSecurity security) {
    if (security.caFile().isPresent()) {
      Path ca = security.caFile().get();
      if (!Files.isReadable(ca)) {
        throw new PipelineConfigException(
            "pipeline file",
            List.of(
                "elasticsearch.tls.caFile: file '" + ca + "' does not exist or is not readable"));
      }
      try {
        return Optional.of(TransportUtils.sslContextFromHttpCaCrt(ca.toFile()));
      } catch (java.io.IOException | RuntimeException e) {
        throw new PipelineConfigException(
            "pipeline file",
            List.of(
                "elasticsearch.tls.caFile: file '"
                    + ca
                    + "' is not a PEM certificate ("
                    + e.getClass().getSimpleName()
                    + "); expected the CA certificate, PEM"));
      }
    }
    return security
        .fingerprint()
        .map(f -> TransportUtils.sslContextFromCaFingerprint(f.replace(":", "")));
  }

  /**
   * The client's own mapper leaves out nulls, also inside a document's map. A field with a {@code
   * null_value} needs its explicit null, which Elasticsearch indexes as that value; the document
   * builder writes a null only for such fields, so other documents are unchanged.
   */
  static ObjectMapper json() {
    return new ObjectMapper()
        .configure(SerializationFeature.INDENT_OUTPUT, false)
        .setDefaultPropertyInclusion(
            JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS));
  }
}
