package io.widerow.bench.elasticsearch;

import com.codahale.metrics.Counter;
import io.widerow.core.document.IndexAction;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.retry.RetrySettings;
import io.widerow.indexer.elasticsearch.ElasticsearchDocumentIndex;
import java.util.List;

/**
 * Elasticsearch bulk alone: the measured pipeline's own documents (built by the indexer's {@code
 * DocumentBuilder} from the rows read back from HBase) written with the indexer's bulk writer into
 * a fresh index with the same mapping, in the indexer's batch size, on one thread as the indexer.
 */
public final class ElasticsearchCeiling {

  /** Documents written and the time it took. */
  public record Rate(long documents, double seconds) {
    public double perSecond() {
      return seconds <= 0 ? 0 : documents / seconds;
    }
  }

  private ElasticsearchCeiling() {}

  public static Rate write(ElasticsearchSpec target, List<IndexAction> actions, int batch)
      throws Exception {
    try (ElasticsearchDocumentIndex index =
        ElasticsearchDocumentIndex.open(target, RetrySettings.DEFAULT, new Counter())) {
      index.ensureExists();
      long start = System.nanoTime();
      for (int i = 0; i < actions.size(); i += batch) {
        index.write(actions.subList(i, Math.min(actions.size(), i + batch)));
      }
      return new Rate(actions.size(), (System.nanoTime() - start) / 1e9);
    }
  }
}
