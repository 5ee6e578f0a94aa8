package io.widerow.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TokenTableTest {

  private static final String A = "aaaaaaaaaaaaaaaa1";
  private static final String B = "bbbbbbbbbbbbbbbb2";

  @Test
  void entriesByLineOrSemicolonWithCommentsAndBlanks() {
    TokenTable table =
        TokenTable.parse("# team search\n" + A + " orders,invoices\n\n" + B + " *; ", "test");
    assertThat(table.pipelinesOf(A)).containsExactlyInAnyOrder("orders", "invoices");
    assertThat(table.pipelinesOf(B)).containsExactly("*");
    assertThat(table.pipelinesOf("cccccccccccccccccc")).isEmpty();
    assertThat(TokenTable.parse(A + " orders;" + B + " invoices", "env").size()).isEqualTo(2);
  }

  @Test
  void aTokenListedTwiceGetsBothGrants() {
    assertThat(TokenTable.parse(A + " orders\n" + A + " invoices", "test").pipelinesOf(A))
        .containsExactlyInAnyOrder("orders", "invoices");
  }

  @Test
  void errorsNameTheEntryButNeverTheToken() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> TokenTable.parse("short orders\n" + A + "\n" + B + " Orders!", "file x"))
        .withMessage(
            "file x entry 1: the token has 5 characters; expected at least 16; file x entry 2: has"
                + " 1 parts; expected 'TOKEN PIPELINE[,...]'; file x entry 3: 'Orders!' is not"
                + " valid; expected a pipeline name or '*'")
        .withMessageNotContaining(A)
        .withMessageNotContaining("short");
  }
}
