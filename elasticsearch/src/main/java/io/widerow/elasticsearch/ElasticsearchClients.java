package io.widerow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
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
    return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
  }
}
