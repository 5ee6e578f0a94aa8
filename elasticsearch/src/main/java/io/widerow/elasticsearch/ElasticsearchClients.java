package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.net.URI;
import java.util.List;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

/** Builds Elasticsearch clients; closing the returned client's transport closes the connection. */
public final class ElasticsearchClients {

  private ElasticsearchClients() {}

  public static ElasticsearchClient create(List<URI> hosts) {
    HttpHost[] httpHosts =
        hosts.stream()
            .map(u -> new HttpHost(u.getHost(), u.getPort(), u.getScheme()))
            .toArray(HttpHost[]::new);
    RestClient rest =
        RestClient.builder(httpHosts)
            .setRequestConfigCallback(c -> c.setConnectTimeout(5_000).setSocketTimeout(60_000))
            .build();
    return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper(json())));
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
