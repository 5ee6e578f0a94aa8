package io.widerow.workload;

import com.google.common.util.concurrent.RateLimiter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.SplittableRandom;

/** The SQL of each life-cycle step; each step is one transaction and returns the rows changed. */
final class OrderSteps {

  private static final String[] CARRIERS = {"DHL", "UPS", "FEDEX", "POSTNL"};
  private static final String[] METHODS = {"CARD", "PAYPAL", "INVOICE"};
  private static final String[] CHANNELS = {"web", "app", "store"};
  private static final String[] DEVICES = {"ios", "android", "desktop"};
  private static final String[] REASONS = {
    "damaged in transit", "wrong size", "arrived late", "changed my mind"
  };
  private static final String[] PRODUCTS = {
    "red wool scarf", "blue cotton shirt", "black leather boots", "green rain jacket", "white mug"
  };

  private final SplittableRandom random;
  private long itemSeq;

  OrderSteps(SplittableRandom random) {
    this.random = random;
    this.itemSeq = random.nextLong(1L << 40) << 12;
  }

  boolean isFinished(OrderState order) {
    return order.finished;
  }

  /** Creates the order with its items, waiting on {@code rate} for exactly the rows it writes. */
  int create(Connection db, OrderState o, RateLimiter rate) throws SQLException {
    int items = 1 + random.nextInt(3);
    rate.acquire(items + 1);
    long now = System.currentTimeMillis();
    for (int i = 0; i < items; i++) {
      addItem(db, o);
    }
    o.total = o.items.size() * 10.0;
    try (PreparedStatement st =
        db.prepareStatement(
            "INSERT INTO "
                + o.table("orders")
                + " (order_id, user_id, status, total, currency, created_at, updated_at,"
                + " attributes, version) VALUES (?, ?, 'CREATED', ?, 'EUR', ?, ?, ?, 1)")) {
      st.setString(1, o.orderId);
      st.setLong(2, 1 + random.nextInt(10_000));
      st.setBigDecimal(3, money(o.total));
      st.setTimestamp(4, new Timestamp(now));
      st.setTimestamp(5, new Timestamp(now));
      st.setString(6, attributes());
      st.executeUpdate();
    }
    db.commit();
    return items + 1;
  }

  /** Takes the order one step further, waiting on {@code rate} for the rows it will write. */
  int advance(Connection db, OrderState o, RateLimiter rate) throws SQLException {
    int roll = random.nextInt(100);
    int written;
    switch (o.stage) {
      case CREATED -> {
        if (roll < 8) {
          rate.acquire(o.items.size() + 1);
          written = delete(db, o);
        } else if (roll < 20) {
          rate.acquire(2);
          written = addItem(db, o) + setStatus(db, o, "CREATED");
        } else {
          rate.acquire(2);
          written = pay(db, o);
        }
      }
      case PAID -> {
        rate.acquire(2);
        written = ship(db, o);
      }
      case SHIPPED -> {
        rate.acquire(2);
        written = roll < 25 ? refund(db, o) : deliver(db, o);
      }
      default -> {
        o.finished = true;
        return 0;
      }
    }
    db.commit();
    return written;
  }

  /** The order's JSON attributes: where it came from, whether it is a gift, the device. */
  private String attributes() {
    return "{\"channel\":\""
        + CHANNELS[random.nextInt(CHANNELS.length)]
        + "\",\"gift\":"
        + (random.nextInt(10) == 0)
        + ",\"device\":{\"os\":\""
        + DEVICES[random.nextInt(DEVICES.length)]
        + "\"}}";
  }

  private int addItem(Connection db, OrderState o) throws SQLException {
    long itemId = ++itemSeq;
    try (PreparedStatement st =
        db.prepareStatement(
            "INSERT INTO "
                + o.table("order_item")
                + " (item_id, order_id, sku, title, quantity, price, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, 1)")) {
      st.setLong(1, itemId);
      st.setString(2, o.orderId);
      st.setString(3, "SKU-" + random.nextInt(500));
      st.setString(4, PRODUCTS[random.nextInt(PRODUCTS.length)]);
      st.setInt(5, 1 + random.nextInt(4));
      st.setBigDecimal(6, money(5 + random.nextInt(9500) / 100.0));
      st.executeUpdate();
    }
    o.items.add(new long[] {itemId, 1});
    return 1;
  }

  private int setStatus(Connection db, OrderState o, String status) throws SQLException {
    o.orderVersion++;
    try (PreparedStatement st =
        db.prepareStatement(
            "UPDATE "
                + o.table("orders")
                + " SET status = ?, total = ?, updated_at = ?, version = ? WHERE order_id = ?")) {
      st.setString(1, status);
      st.setBigDecimal(2, money(o.total));
      st.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
      st.setLong(4, o.orderVersion);
      st.setString(5, o.orderId);
      st.executeUpdate();
    }
    return 1;
  }

  private int pay(Connection db, OrderState o) throws SQLException {
    o.paymentVersion = 1;
    try (PreparedStatement st =
        db.prepareStatement(
            "INSERT INTO "
                + o.table("order_payment")
                + " (payment_id, order_id, method, amount, status, paid_at, version)"
                + " VALUES (?, ?, ?, ?, 'CAPTURED', ?, 1)")) {
      st.setString(1, "PAY-" + o.orderId);
      st.setString(2, o.orderId);
      st.setString(3, METHODS[random.nextInt(METHODS.length)]);
      st.setBigDecimal(4, money(o.total));
      st.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
      st.executeUpdate();
    }
    o.stage = OrderState.Stage.PAID;
    return 1 + setStatus(db, o, "PAID");
  }

  private int ship(Connection db, OrderState o) throws SQLException {
    o.fulfillmentVersion = 1;
    try (PreparedStatement st =
        db.prepareStatement(
            "INSERT INTO "
                + o.table("order_fulfillment")
                + " (fulfillment_id, order_id, carrier, tracking_no, status, shipped_at, version)"
                + " VALUES (?, ?, ?, ?, 'IN_TRANSIT', ?, 1)")) {
      st.setString(1, "FUL-" + o.orderId);
      st.setString(2, o.orderId);
      st.setString(3, CARRIERS[random.nextInt(CARRIERS.length)]);
      st.setString(4, "TRK" + random.nextLong(1_000_000_000L));
      st.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
      st.executeUpdate();
    }
    o.stage = OrderState.Stage.SHIPPED;
    return 1 + setStatus(db, o, "SHIPPED");
  }

  private int deliver(Connection db, OrderState o) throws SQLException {
    o.fulfillmentVersion++;
    try (PreparedStatement st =
        db.prepareStatement(
            "UPDATE "
                + o.table("order_fulfillment")
                + " SET status = 'DELIVERED', version = ? WHERE fulfillment_id = ?")) {
      st.setLong(1, o.fulfillmentVersion);
      st.setString(2, "FUL-" + o.orderId);
      st.executeUpdate();
    }
    o.stage = OrderState.Stage.DELIVERED;
    return 1 + setStatus(db, o, "DELIVERED");
  }

  private int refund(Connection db, OrderState o) throws SQLException {
    String refundId = "REF-" + o.orderId + "-" + (o.refunds.size() + 1);
    try (PreparedStatement st =
        db.prepareStatement(
            "INSERT INTO "
                + o.table("order_refund")
                + " (refund_id, order_id, amount, reason, status, refunded_at, version)"
                + " VALUES (?, ?, ?, ?, 'REFUNDED', ?, 1)")) {
      st.setString(1, refundId);
      st.setString(2, o.orderId);
      st.setBigDecimal(3, money(o.total / 2));
      st.setString(4, REASONS[random.nextInt(REASONS.length)]);
      st.setTimestamp(5, new Timestamp(System.currentTimeMillis()));
      st.executeUpdate();
    }
    o.refunds.add(refundId);
    o.stage = OrderState.Stage.REFUNDED;
    return 1 + setStatus(db, o, "REFUNDED");
  }

  /** Cancels the order: deletes every row it has, in every table. */
  private int delete(Connection db, OrderState o) throws SQLException {
    int rows = 0;
    for (String table :
        new String[] {
          "order_item", "order_payment", "order_fulfillment", "order_refund", "orders"
        }) {
      try (PreparedStatement st =
          db.prepareStatement("DELETE FROM " + o.table(table) + " WHERE order_id = ?")) {
        st.setString(1, o.orderId);
        rows += st.executeUpdate();
      }
    }
    o.deleted = true;
    o.finished = true;
    return rows;
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }
}
