package io.widerow.core.document;

/** What {@link DocumentBuilder} made of a wide row: an action for the index, or a record error. */
public sealed interface BuildOutcome {

  String rowkey();

  /** The row maps to an index action. */
  record Ready(IndexAction action) implements BuildOutcome {
    @Override
    public String rowkey() {
      return action.rowkey();
    }
  }

  /**
   * The row cannot become a document (a value the mapping cannot hold): its key goes to the
   * dead-letter topic with {@code reason}, which names the field and column but never the value.
   */
  record Rejected(String rowkey, String reason) implements BuildOutcome {}
}
