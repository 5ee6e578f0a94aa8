package io.widerow.workload.reference;

import io.widerow.workload.reference.ReferenceMix.Kind;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One writer thread's orders and the SQL of each kind of transaction, over its own connection, each
 * transaction committed on its own. The writer owns its orders (no other writer touches them), so
 * it bumps their versions without reading them. Not thread-safe.
 */
final class ReferenceWriter implements AutoCloseable {

  static final String[] METHODS = {"CARD", "PAYPAL", "INVOICE"};
  private static final String[] STATUSES = {"CREATED", "PAID", "PACKED", "SHIPPED", "DELIVERED"};

  /** Picks for an order with an item before an item update or delete gives up on items. */
  private static final int ITEM_TRIES = 10;

  /** What the writer remembers of one order. */
  static final class Order {
    final long orderNo;
    final String orderId;
    long version;
    final List<Long> items = new ArrayList<>();
    int payments;

    Order(long orderNo, long version) {
      this.orderNo = orderNo;
      this.orderId = ReferenceSchema.orderId(orderNo);
      this.version = version;
    }
  }

  /** What one transaction did, for the counters and the probe. */
  record Done(Kind kind, int rows, String orderId, long version) {}

  private final ReferenceSchema schema;
  private final Connection db;
  private final SplittableRandom random;
  private final List<Order> orders = new ArrayList<>();
  private final Map<String, PreparedStatement> statements = new HashMap<>();
  private long nextOrderNo;
  private final int stride;

  /**
   * @param preloaded the preloaded orders this writer owns ({@code orderNo % stride == index})
   * @param firstNewOrderNo this writer's first new order number; later ones follow every {@code
   *     stride}
   */
  ReferenceWriter(
      ReferenceSchema schema,
      Connection db,
      SplittableRandom random,
      List<Long> preloaded,
      long firstNewOrderNo,
      int stride)
      throws SQLException {
    this.schema = schema;
    this.db = db;
    this.random = random;
    this.nextOrderNo = firstNewOrderNo;
    this.stride = stride;
    for (long n : preloaded) {
      Order o = new Order(n, 1);
      for (int i = 0; i < ReferenceMix.preloadedItems(n); i++) {
        o.items.add(ReferenceMix.itemId(n, i));
      }
      o.payments = 1;
      orders.add(o);
    }
    db.setAutoCommit(false);
  }

  /** The kind the next transaction will be, and the rows it will change. */
  record Plan(Kind kind, int rows, int items) {}

  Plan plan() {
    Kind kind = ReferenceMix.next(random);
    int items = kind == Kind.NEW_ORDER ? ReferenceMix.items(random) : 0;
    return new Plan(kind, ReferenceMix.rows(kind, items), items);
  }

  /** Runs and commits one planned transaction. */
  Done run(Plan plan) throws SQLException {
    Kind kind = plan.kind();
    Order o = kind == Kind.NEW_ORDER ? newOrder() : pick(kind);
    if (o == null
        || ((kind == Kind.ITEM_UPDATE || kind == Kind.ITEM_DELETE) && o.items.isEmpty())) {
      // No order of this writer has an item left: a status change keeps the rate and the version
      // rule.
      kind = Kind.STATUS_CHANGE;
      o = o != null ? o : orders.get(random.nextInt(orders.size()));
    }
    int rows =
        switch (kind) {
          case STATUS_CHANGE -> bumpOrder(o, STATUSES[random.nextInt(STATUSES.length)]);
          case ITEM_UPDATE -> updateItem(o) + bumpOrder(o, null);
          case ITEM_DELETE -> deleteItem(o) + bumpOrder(o, null);
          case PAYMENT -> insertPayment(o) + bumpOrder(o, null);
          case NEW_ORDER -> insertOrder(o, plan.items());
        };
    db.commit();
    return new Done(kind, rows, o.orderId, o.version);
  }

  private Order pick(Kind kind) {
    if (orders.isEmpty()) {
      return null;
    }
    boolean needsItem = kind == Kind.ITEM_UPDATE || kind == Kind.ITEM_DELETE;
    Order o = orders.get(random.nextInt(orders.size()));
    for (int i = 1; needsItem && o.items.isEmpty() && i < ITEM_TRIES; i++) {
      o = orders.get(random.nextInt(orders.size()));
    }
    return o;
  }

  private Order newOrder() {
    Order o = new Order(nextOrderNo, 1);
    nextOrderNo += stride;
    return o;
  }

  private int insertOrder(Order o, int items) throws SQLException {
    Timestamp now = new Timestamp(System.currentTimeMillis());
    PreparedStatement order =
        statement(
            "INSERT INTO %s (order_id, user_id, status, total, currency, created_at, updated_at,"
                + " version) VALUES (?, ?, 'CREATED', ?, 'EUR', ?, ?, 1)",
            o, "orders");
    order.setString(1, o.orderId);
    order.setLong(2, 1 + random.nextInt(10_000));
    order.setBigDecimal(3, BigDecimal.valueOf(items * 1000 + 50, 2));
    order.setTimestamp(4, now);
    order.setTimestamp(5, now);
    order.executeUpdate();
    insertPayment(o);
    PreparedStatement item =
        statement(
            "INSERT INTO %s (item_id, order_id, sku, quantity, price, version)"
                + " VALUES (?, ?, ?, ?, ?, 1)",
            o, "order_item");
    for (int i = 0; i < items; i++) {
      long id = ReferenceMix.itemId(o.orderNo, i);
      item.setLong(1, id);
      item.setString(2, o.orderId);
      item.setString(3, "SKU-" + random.nextInt(5_000));
      item.setInt(4, 1 + random.nextInt(4));
      item.setBigDecimal(5, price());
      item.executeUpdate();
      o.items.add(id);
    }
    orders.add(o);
    return 2 + items;
  }

  /** Sets the status (or keeps it, for null) and bumps the order's version: 1 row. */
  private int bumpOrder(Order o, String status) throws SQLException {
    o.version++;
    PreparedStatement st =
        status == null
            ? statement("UPDATE %s SET updated_at = ?, version = ? WHERE order_id = ?", o, "orders")
            : statement(
                "UPDATE %s SET updated_at = ?, version = ?, status = ? WHERE order_id = ?",
                o, "orders");
    st.setTimestamp(1, new Timestamp(System.currentTimeMillis()));
    st.setLong(2, o.version);
    if (status == null) {
      st.setString(3, o.orderId);
    } else {
      st.setString(3, status);
      st.setString(4, o.orderId);
    }
    st.executeUpdate();
    return 1;
  }

  private int updateItem(Order o) throws SQLException {
    long id = o.items.get(random.nextInt(o.items.size()));
    PreparedStatement st =
        statement(
            "UPDATE %s SET quantity = ?, price = ?, version = version + 1 WHERE item_id = ?",
            o, "order_item");
    st.setInt(1, 1 + random.nextInt(6));
    st.setBigDecimal(2, price());
    st.setLong(3, id);
    st.executeUpdate();
    return 1;
  }

  private int deleteItem(Order o) throws SQLException {
    long id = o.items.remove(random.nextInt(o.items.size()));
    PreparedStatement st = statement("DELETE FROM %s WHERE item_id = ?", o, "order_item");
    st.setLong(1, id);
    st.executeUpdate();
    return 1;
  }

  /** A payment, or for one in three a refund: 1 row. */
  private int insertPayment(Order o) throws SQLException {
    boolean refund = o.payments > 0 && random.nextInt(3) == 0;
    PreparedStatement st =
        statement(
            "INSERT INTO %s (payment_id, order_id, kind, method, amount, created_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, 1)",
            o, "order_payment");
    st.setString(1, "PAY-" + o.orderId + "-" + o.payments++);
    st.setString(2, o.orderId);
    st.setString(3, refund ? "REFUND" : "PAYMENT");
    st.setString(4, METHODS[random.nextInt(METHODS.length)]);
    st.setBigDecimal(5, price());
    st.setTimestamp(6, new Timestamp(System.currentTimeMillis()));
    st.executeUpdate();
    return 1;
  }

  private BigDecimal price() {
    return BigDecimal.valueOf(500 + random.nextInt(9_500), 2);
  }

  /** One prepared statement per SQL text and physical table, kept for the connection's life. */
  private PreparedStatement statement(String sql, Order o, String table) throws SQLException {
    String text = sql.formatted(schema.shardedTable(o.orderNo, table));
    PreparedStatement st = statements.get(text);
    if (st == null) {
      st = db.prepareStatement(text);
      statements.put(text, st);
    }
    return st;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement st : statements.values()) {
      st.close();
    }
    db.close();
  }
}
