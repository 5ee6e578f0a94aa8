package io.widerow.core.planted;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.widerow.core.rowkey.RowKeyCodec;

/** Core as the rule wants it: the JDK, core and the general libraries. */
public final class CleanCore {

  private final ObjectMapper json = new ObjectMapper();

  public String rowkey(String key) throws Exception {
    return json.writeValueAsString(new RowKeyCodec(4).encode(key));
  }
}
