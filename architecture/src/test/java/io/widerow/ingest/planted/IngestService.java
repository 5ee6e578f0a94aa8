package io.widerow.ingest.planted;

import java.sql.Connection;
import java.sql.SQLException;

/** Planted violation: named like the entry class, but outside io.widerow.ingest, so a stage. */
public final class IngestService {

  public boolean open(Connection source) throws SQLException {
    return !source.isClosed();
  }
}
